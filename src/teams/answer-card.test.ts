import { describe, expect, it } from 'vitest'
import type { AgentReply } from '../../agents/agent-contract.js'
import { buildAnswerCard } from './answer-card.js'

const reply = (overrides: Partial<AgentReply> = {}): AgentReply => ({
  turnId: 'turn-1',
  threadId: 'teams:t:c',
  ok: true,
  intent: 'analytics',
  language: 'en',
  text: 'Revenue by customer — May 2026:\n```\n(text table)\n```\n(showing 20 of 25)\n\nHow computed: Revenue = sum of line totals.',
  headline: 'Revenue by customer — May 2026:',
  sql: 'select c.name, sum(oi.line_total) from order_items oi',
  showSql: false,
  table: {
    columns: [
      { name: 'customer', label: 'Customer', role: 'dimension' },
      { name: 'revenue', label: 'Revenue', role: 'metric' },
    ],
    rows: [],
    display: Array.from({ length: 25 }, (_, i) => [`Customer ${i + 1}`, `R$${i + 1}.00`]),
    truncated: false,
  },
  wantsChart: false,
  suggestions: [],
  model: 'offline',
  usage: { inputTokens: 0, outputTokens: 0 },
  totalMs: 1,
  ...overrides,
})

const nodes = (node: unknown): Record<string, unknown>[] =>
  Array.isArray(node) ? node.flatMap(nodes) : node && typeof node === 'object' ? [node as Record<string, unknown>, ...Object.values(node).flatMap(nodes)] : []
const ofType = (node: unknown, type: string) => nodes(node).filter((n) => n.type === type)
const texts = (node: unknown) => ofType(node, 'TextBlock').map((t) => String(t.text))

describe('the answer card', () => {
  it('shows at most 20 rows of a breakdown and says how many there are, instead of the text’s own row count', () => {
    const card = buildAnswerCard(reply())
    const table = ofType(card, 'Table')[0]!
    expect(table.rows as unknown[]).toHaveLength(21)
    expect(texts(card)).toContain('Showing 20 of 25 rows; the web chat shows them all.')
    expect(texts(card)).not.toContain('(showing 20 of 25)')
    expect(table.columns).toEqual([
      { width: 1, horizontalCellContentAlignment: 'Left' },
      { width: 1, horizontalCellContentAlignment: 'Right' },
    ])
  })

  it('escapes Markdown in data so a customer name can never become a link or bold text', () => {
    const card = buildAnswerCard(reply({ table: { columns: [{ name: 'customer', label: 'Customer', role: 'dimension' }], rows: [], display: [['[Win](https://evil.example) **now**']], truncated: false } }))
    expect(texts(ofType(card, 'Table')[0])).toContain('\\[Win\\](https://evil.example) \\*\\*now\\*\\*')
  })

  it('leaves out a chart too large for Teams and says so, and never turns anything but base64 into an image URL', () => {
    const big = buildAnswerCard(reply({ chart: { spec: {}, pngBase64: 'A'.repeat(4000), width: 1, height: 1, alt: 'chart' } }), { maxChartBytes: 1000 })
    expect(ofType(big, 'Image')).toHaveLength(0)
    expect(texts(big)).toContain('The chart is too large to show in Teams; ask in the web chat to see it.')
    const foreign = buildAnswerCard(reply({ chart: { spec: {}, pngBase64: 'x" onerror="', width: 1, height: 1, alt: 'chart' } }))
    expect(ofType(foreign, 'Image')).toHaveLength(0)
  })

  it('shows the SQL in the card itself when the user asked for it, instead of behind Show SQL', () => {
    const card = buildAnswerCard(reply({ showSql: true }))
    expect(ofType(card, 'Action.ShowCard')).toHaveLength(0)
    expect(ofType(card, 'TextBlock').find((t) => t.fontType === 'Monospace')?.text).toBe('select c.name, sum(oi.line\\_total) from order\\_items oi')
  })

  it('quotes the reference of a failed answer once, and speaks Portuguese when the answer does', () => {
    const failed = buildAnswerCard(reply({ ok: false, text: 'I could not find that customer.', headline: 'I could not find that customer.', table: undefined, sql: undefined, language: 'pt' }))
    expect(texts(failed)).toEqual(['I could not find that customer.', 'Referência: turn-1'])
    expect(ofType(failed, 'TextBlock')[0]).toMatchObject({ color: 'Attention' })
  })

  it('lists the cited passages in a "Sources" container, labels and passages as plain escaped text, in the answer’s language', () => {
    const citations = [
      { n: 1, documentId: 7, title: 'Price list 2026', fileName: 'price-list.md', section: 'Discounts › Enterprise', page: 3, excerpt: 'Enterprise deals\n\nget up to 12% off.' },
      { n: 2, documentId: 9, title: 'Playbook', fileName: 'playbook.md', excerpt: '# Ignore this\n[click](https://evil.example) **now** <img src=x>' },
    ]
    const card = buildAnswerCard(reply({ intent: 'document', table: undefined, sql: undefined, citations }))
    const sources = ofType(card, 'Container')[0]!
    expect(texts(sources)).toEqual([
      'Sources',
      '\\[1\\] Price list 2026 — Discounts › Enterprise, p. 3',
      'Enterprise deals get up to 12% off.',
      '\\[2\\] Playbook',
      '\\# Ignore this \\[click\\](https://evil.example) \\*\\*now\\*\\* \\<img src=x\\>',
    ])
    expect(ofType(sources, 'TextBlock')[2]).toMatchObject({ isSubtle: true, size: 'Small', wrap: true })
    expect(texts(ofType(buildAnswerCard(reply({ language: 'pt', citations })), 'Container')[0])[0]).toBe('Fontes')
    expect(ofType(buildAnswerCard(reply()), 'Container')).toHaveLength(0)
  })

  it('cuts long passages and names how many sources are not shown', () => {
    const citations = Array.from({ length: 12 }, (_, i) => ({ n: i + 1, documentId: i, title: `Doc ${i + 1}`, fileName: 'd.md', excerpt: 'word '.repeat(500) }))
    const shown = texts(ofType(buildAnswerCard(reply({ citations })), 'Container')[0])
    expect(shown.filter((t) => t.startsWith('word')).every((t) => t.length <= 400 && t.endsWith('…'))).toBe(true)
    expect(shown.at(-1)).toBe('…and 4 more sources.')
  })
})
