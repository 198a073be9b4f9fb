import { describe, expect, it } from 'vitest'
import type { AgentReply, ReplyCitation } from '../../agents/agent-contract.js'
import { escapeWithin, maxCitationBlocks, renderCitationBlocks } from './render-citation-blocks.js'
import { renderReplyBlocks } from './render-reply-blocks.js'

const citation = (n: number, overrides: Partial<ReplyCitation> = {}): ReplyCitation => ({
  n,
  documentId: n,
  title: 'Price list 2026',
  fileName: 'price-list.md',
  section: 'Discounts › Enterprise',
  page: 3,
  excerpt: 'Enterprise deals above $100k get up to 12% off.',
  ...overrides,
})

const texts = (blocks: unknown[]) => blocks.map((b) => (b as { text?: { text: string }; elements?: { text: string }[] }).text?.text ?? (b as { elements: { text: string }[] }).elements[0]!.text)

describe('the sources of a Slack answer', () => {
  it('list each citation as "[n] Title — Section, p. 3" with its passage quoted, under a "Sources" heading', () => {
    const blocks = renderCitationBlocks([citation(1), citation(2, { section: undefined, page: undefined, title: 'Playbook' })], 'en')
    expect(texts(blocks)).toEqual(['*Sources*\n[1] Price list 2026 — Discounts › Enterprise, p. 3\n>Enterprise deals above $100k get up to 12% off.\n[2] Playbook\n>Enterprise deals above $100k get up to 12% off.'])
    expect(texts(renderCitationBlocks([citation(1)], 'pt'))[0]).toMatch(/^\*Fontes\*\n\[1\] Price list 2026 — Discounts › Enterprise, p\. 3\n/)
  })

  it('escape passages so they can never broadcast, mention or link, and keep them on one quoted line', () => {
    const [block] = texts(renderCitationBlocks([citation(1, { excerpt: '<!channel> ask <@U999>\n\n<https://evil.example|click> @here & more' })], 'en'))
    expect(block).toContain('>&lt;!channel&gt; ask &lt;@U999&gt; &lt;https://evil.example|click&gt; @\u2060here &amp; more')
    expect(block).not.toMatch(/<!|<@|<http|@here/)
  })

  it('cut long passages after escaping, never inside an entity, and stay within Block Kit limits for many sources', () => {
    expect(escapeWithin('&'.repeat(500), 300)).toMatch(/^(&amp;)+…$/)
    expect(escapeWithin('&'.repeat(500), 300).length).toBeLessThanOrEqual(300)
    const many = Array.from({ length: 30 }, (_, i) => citation(i + 1, { excerpt: `${'<b>'.repeat(200)} passage ${i}`, title: 'T'.repeat(400) }))
    const blocks = renderCitationBlocks(many, 'en')
    expect(blocks.length).toBeLessThanOrEqual(maxCitationBlocks)
    for (const text of texts(blocks)) expect(text.length).toBeLessThanOrEqual(3000)
    expect(texts(blocks).at(-1)).toMatch(/^…and \d+ more sources\.$/)
  })

  it('keep a whole answer within 50 blocks, however long its text, with the sources and buttons still there', () => {
    const reply = {
      turnId: 'turn-1',
      threadId: 't',
      ok: true,
      intent: 'document',
      language: 'en',
      headline: 'Discounts',
      text: Array.from({ length: 1000 }, (_, i) => `line ${i} ${'x'.repeat(200)}`).join('\n'),
      showSql: false,
      wantsChart: false,
      citations: [citation(1)],
      suggestions: ['and for SMB?'],
      model: 'offline',
      usage: { inputTokens: 0, outputTokens: 0 },
      totalMs: 1,
    } satisfies AgentReply
    const blocks = renderReplyBlocks(reply, { tableAsFile: false })
    expect(blocks.length).toBeLessThanOrEqual(50)
    const all = JSON.stringify(blocks)
    expect(all.includes('*Sources*')).toBe(true)
    expect(all.includes('smx_feedback_up')).toBe(true)
    expect(all.includes('The answer is longer than a Slack message holds; the web chat shows all of it.')).toBe(true)
  })
})
