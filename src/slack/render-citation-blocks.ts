/**
 * The sources under an answer that relies on sales documents: "[1] Price list — Discounts › Enterprise, p. 3" and the
 * quoted passage. Documents are data: titles, headings and passages are escaped like every other text from the data,
 * so a passage can never mention, broadcast or link; passages are cut so the blocks stay inside Slack's limits.
 */
import type { types } from '@slack/bolt'
import type { ReplyCitation } from '../../agents/agent-contract.js'
import type { Language } from '../semantic/semantic-model.js'
import { escapeMrkdwn } from './escape-mrkdwn.js'

/** At most this many blocks for the sources (sections plus the "more" note), out of the message's 50. */
export const maxCitationBlocks = 4
/** Section text is limited to 3,000 characters; stay below it after escaping. */
const maxSectionChars = 2900
/** A passage is a reminder of what was quoted, not the document: the full text is one question away. */
const maxExcerptChars = 300
const maxLabelChars = 200

const words = {
  en: { sources: 'Sources', page: (n: number) => `p. ${n}`, more: (n: number) => `…and ${n} more ${n === 1 ? 'source' : 'sources'}.` },
  pt: { sources: 'Fontes', page: (n: number) => `p. ${n}`, more: (n: number) => `…e mais ${n} ${n === 1 ? 'fonte' : 'fontes'}.` },
} satisfies Record<Language, unknown>

/**
 * Escapes text flattened to one line and cut to `max` characters *after* escaping: cutting first and escaping after
 * could split an entity (`&amp;`), and `&` grows five-fold when escaped.
 */
export function escapeWithin(text: string, max: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim())
  let keep = Math.min(characters.length, max)
  for (;;) {
    const piece = keep < characters.length ? `${characters.slice(0, keep).join('').trimEnd()}…` : characters.join('')
    const escaped = escapeMrkdwn(piece)
    if (escaped.length <= max || keep === 0) return escaped
    keep = Math.floor(keep * 0.8)
  }
}

/** "[2] Price list 2026 — Discounts › Enterprise, p. 3", not yet escaped. */
export function citationLabel(citation: ReplyCitation, language: Language): string {
  const where = [citation.section?.trim() || undefined, citation.page && citation.page > 0 ? words[language].page(citation.page) : undefined].filter(Boolean).join(', ')
  return `[${citation.n}] ${citation.title.trim() || citation.fileName}${where ? ` — ${where}` : ''}`
}

function entry(citation: ReplyCitation, language: Language): string {
  const label = escapeWithin(citationLabel(citation, language), maxLabelChars)
  const excerpt = escapeWithin(citation.excerpt, maxExcerptChars)
  return excerpt ? `${label}\n>${excerpt}` : label
}

export function renderCitationBlocks(citations: readonly ReplyCitation[] | undefined, language: Language): types.KnownBlock[] {
  if (!citations?.length) return []
  const w = words[language]
  const texts: string[] = []
  let current = `*${w.sources}*`
  let shown = 0
  for (const citation of citations) {
    const next = entry(citation, language)
    if (current.length + 1 + next.length > maxSectionChars) {
      // Every entry fits a section of its own (label and passage are capped), so only the block budget stops us:
      // the finished sections, this one, the next one and the "more" note.
      if (texts.length + 3 > maxCitationBlocks) break
      texts.push(current)
      current = next
    } else {
      current = `${current}\n${next}`
    }
    shown++
  }
  texts.push(current)
  const blocks: types.KnownBlock[] = texts.map((text) => ({ type: 'section', text: { type: 'mrkdwn', text } }))
  if (shown < citations.length) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(w.more(citations.length - shown)) }] })
  return blocks
}
