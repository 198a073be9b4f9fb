/**
 * The sources under an answer that relies on sales documents, as an Adaptive Card container: "Sources" / "Fontes",
 * then "[1] Price list — Discounts › Enterprise, p. 3" and the quoted passage per citation. Documents are data: every
 * title, heading and passage goes through escapeCardMarkdown, one line each (TextBlock Markdown is not for quoting).
 */
import type { ReplyCitation } from '../../agents/agent-contract.js'
import { escapeCardMarkdown } from './card-markdown.js'
import type { TeamsWords } from './teams-words.js'

type CardElement = Record<string, unknown>

/** Beyond this the card names how many more there are: each passage is a reminder, the question can ask for more. */
export const maxCitationsShown = 8
const maxExcerptChars = 400
const maxLabelChars = 200

/** Whitespace flattened (a passage's line breaks and list markers are not the card's) and cut at a character. */
function oneLine(text: string, max: number): string {
  const characters = Array.from(text.replace(/\s+/g, ' ').trim())
  return characters.length > max ? `${characters.slice(0, max - 1).join('').trimEnd()}…` : characters.join('')
}

export function citationLabel(citation: ReplyCitation, words: TeamsWords): string {
  const where = [citation.section?.trim() || undefined, citation.page && citation.page > 0 ? words.page(citation.page) : undefined].filter(Boolean).join(', ')
  return `[${citation.n}] ${citation.title.trim() || citation.fileName}${where ? ` — ${where}` : ''}`
}

export function sourcesContainer(citations: readonly ReplyCitation[] | undefined, words: TeamsWords): CardElement[] {
  if (!citations?.length) return []
  const text = (value: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: escapeCardMarkdown(value), wrap: true, ...extra })
  const items: CardElement[] = [text(words.sources, { weight: 'Bolder', size: 'Small' })]
  for (const citation of citations.slice(0, maxCitationsShown)) {
    items.push(text(oneLine(citationLabel(citation, words), maxLabelChars), { size: 'Small', weight: 'Bolder', spacing: 'Small' }))
    const excerpt = oneLine(citation.excerpt, maxExcerptChars)
    if (excerpt) items.push(text(excerpt, { size: 'Small', isSubtle: true, spacing: 'None', maxLines: 4 }))
  }
  if (citations.length > maxCitationsShown) items.push(text(words.moreSources(citations.length - maxCitationsShown), { size: 'Small', isSubtle: true }))
  return [{ type: 'Container', separator: true, spacing: 'Medium', items }]
}
