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
})
