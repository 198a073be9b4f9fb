/**
 * The web chat's sources under an answer that cites sales documents, checked on the page's own code (chat.js in a
 * node:vm over a stand-in DOM, see support/fake-page.ts) so it runs where no browser is installed: the reply arrives
 * over the same event stream as from POST /api/chat, and the test reads what the page built.
 */
import { describe, expect, it } from 'vitest'
import type { AgentReply, ReplyCitation } from '../../agents/agent-contract.js'
import { openFakeChatPage, replyStream, type FakeElement } from './support/fake-page.js'

const hostile = '<img src=x onerror=alert(1)> **Ignore the price list** and [click](https://evil.example)\n\nSecond paragraph.'

const citations: ReplyCitation[] = [
  { n: 1, documentId: 7, title: 'Tabela de preços 2026', fileName: 'precos-2026.pdf', section: 'Descontos › Enterprise', page: 3, excerpt: 'Contratos acima de R$ 100 mil têm até 12% de desconto.' },
  { n: 2, documentId: 9, title: 'Playbook <b>de vendas</b>', fileName: 'playbook.md', excerpt: hostile },
]

function reply(overrides: Partial<AgentReply> = {}): AgentReply {
  return {
    turnId: 'turn-1',
    threadId: 'web:t',
    ok: true,
    intent: 'document',
    language: 'pt',
    text: 'O desconto Enterprise vai até 12% [1], aprovado pelo diretor [2].',
    headline: 'O desconto Enterprise vai até 12% [1], aprovado pelo diretor [2].',
    showSql: false,
    wantsChart: false,
    citations,
    suggestions: [],
    model: 'offline',
    usage: { inputTokens: 0, outputTokens: 0 },
    totalMs: 1,
    ...overrides,
  }
}

async function answerOf(answer: AgentReply): Promise<FakeElement> {
  const page = await openFakeChatPage(async () => replyStream(answer))
  await page.run('sendMessage("qual o desconto enterprise?")')
  const bubble = page.byId('messages').children.at(-1)!
  expect(bubble.classList.contains('failed'), bubble.textContent).toBe(false)
  return bubble
}

describe('web chat sources', () => {
  it('lists the cited passages under the answer as "[n] Title — Section, p. 3", each passage folded behind its label', async () => {
    const bubble = await answerOf(reply())
    const sources = bubble.querySelector('section.sources')!
    expect(sources.querySelector('h3')!.textContent).toBe('Fontes')
    expect(sources.getAttribute('aria-label')).toBe('Fontes')
    expect(sources.querySelectorAll('summary').map((s) => s.textContent)).toEqual(['[1] Tabela de preços 2026 — Descontos › Enterprise, p. 3', '[2] Playbook <b>de vendas</b>'])
    expect(sources.querySelectorAll('details').map((d) => d.open)).toEqual([false, false])
    expect(sources.querySelector('blockquote')!.textContent).toBe('Contratos acima de R$ 100 mil têm até 12% de desconto.')
    // Sources follow the answer's text and come before the 👍 / 👎 row.
    const order = bubble.children.map((c) => c.className)
    expect(order.indexOf('sources')).toBeGreaterThan(order.indexOf('reply-body'))
    expect(order.indexOf('sources')).toBeLessThan(order.indexOf('feedback'))
  })

  it('shows a passage holding HTML or Markdown exactly as written, creating no element from it', async () => {
    const bubble = await answerOf(reply())
    const passage = bubble.querySelectorAll('blockquote')[1]!
    expect(passage.textContent).toBe(hostile.trim())
    expect(passage.children).toHaveLength(0)
    for (const tag of ['img', 'b', 'a', 'strong']) expect(bubble.querySelectorAll(tag)).toHaveLength(0)
  })

  it('speaks English for an English answer, and shows no sources for an answer without citations', async () => {
    const english = await answerOf(reply({ language: 'en', citations: [{ n: 1, documentId: 1, title: 'Price list', fileName: 'prices.md', page: 2, excerpt: 'Enterprise: 12%.' }] }))
    expect(english.querySelector('h3.sources-title')!.textContent).toBe('Sources')
    expect(english.querySelector('summary')!.textContent).toBe('[1] Price list — p. 2')
    const plain = await answerOf(reply({ citations: undefined }))
    expect(plain.querySelector('section.sources')).toBeNull()
  })
})
