/**
 * The reply of a turn that searched the sales documents. Offline, the best passages are quoted with their citations —
 * no paraphrase, so nothing can be misquoted. With a model, its grounded answer is kept sentence by sentence only
 * where every number it states appears in the passages found this turn, and only citations of those passages survive.
 */
import type { Language } from '../src/semantic/semantic-model.js'
import type { DocumentsOutcome, ToolOutcome } from '../tools/tool-outcome.js'
import type { ReplyCitation } from './agent-contract.js'
import { documentPhrases } from './document-phrases.js'
import { bestExcerpt, numbersIn } from './passage-text.js'

type Passage = DocumentsOutcome['passages'][number]

/** How many passages an offline answer quotes. */
const quotedOffline = 3

export interface ComposedDocuments {
  readonly ok: boolean
  readonly text: string
  readonly headline: string
  readonly citations: readonly ReplyCitation[]
  readonly code?: string
}

/** Every passage found this turn, first occurrence of a chunk first (a second search may find it again). */
export function passagesOf(outcomes: readonly ToolOutcome[]): Passage[] | undefined {
  const searches = outcomes.filter((o): o is DocumentsOutcome => o.ok && o.kind === 'documents')
  if (searches.length === 0) return undefined
  const seen = new Set<number>()
  return searches.flatMap((s) => s.passages).filter((p) => !seen.has(p.chunkId) && seen.add(p.chunkId))
}

export function composeDocuments(input: { readonly passages: readonly Passage[]; readonly question: string; readonly language: Language; readonly modelText?: string | null }): ComposedDocuments {
  const { passages, language } = input
  const grounded = input.modelText ? groundModelText(input.modelText, passages) : undefined
  if (grounded && grounded.text) {
    const cited = passages.filter((p) => grounded.cited.has(p.n))
    const lines = [grounded.text, ...(grounded.dropped ? ['', documentPhrases.droppedClaims[language]] : [])]
    if (cited.length) lines.push('', documentPhrases.sources[language], ...cited.map((p) => `[${p.n}] ${sourceLine(p, language)}`))
    return { ok: true, text: lines.join('\n'), headline: firstLine(grounded.text), citations: cited.map(toCitation) }
  }
  if (passages.length === 0) {
    return { ok: true, text: documentPhrases.nothingFound[language], headline: documentPhrases.nothingFound[language], citations: [], code: 'not_in_documents' }
  }
  // Offline (or a model answer with nothing checkable left): quote the best passages, each with its source.
  const quoted = passages.slice(0, quotedOffline)
  const close = quoted.some((p) => p.textRank !== undefined)
  const lines = [close ? documentPhrases.offlineIntro[language] : documentPhrases.weakMatch[language]]
  for (const p of quoted) lines.push('', `[${p.n}] ${sourceLine(p, language)}`, ...bestExcerpt(p.text, input.question).split('\n').map((l) => `> ${l}`))
  return { ok: true, text: lines.join('\n'), headline: firstLine(lines[0]!), citations: quoted.map(toCitation) }
}

/**
 * Keeps the model's sentences whose numbers all occur in the passages (as written there, formatting aside), and
 * removes citation marks that point at no passage. A model cannot bring a figure in from elsewhere this way.
 */
export function groundModelText(text: string, passages: readonly Passage[]): { text: string; cited: Set<number>; dropped: boolean } {
  const known = new Set(passages.flatMap((p) => numbersIn(`${p.title} ${p.section ?? ''} ${p.text}`)))
  const numbers = new Set(passages.map((p) => p.n))
  const cited = new Set<number>()
  let dropped = false
  const kept = text
    .split('\n')
    .map((line) =>
      sentencesOf(line)
        .map((sentence) => sentence.replace(/\[(\d{1,3})\]/g, (mark, n: string) => (numbers.has(Number(n)) ? mark : '')))
        .filter((sentence) => {
          const ok = numbersIn(sentence.replace(/\[\d{1,3}\]/g, '')).every((n) => known.has(n))
          if (!ok) dropped = true
          return ok
        })
        .join(' ')
        .trimEnd(),
    )
    .join('\n')
    .replace(/\n{3,}/g, '\n\n')
    .trim()
  for (const match of kept.matchAll(/\[(\d{1,3})\]/g)) cited.add(Number(match[1]))
  return { text: kept, cited, dropped }
}

function sentencesOf(line: string): string[] {
  // Split after . ! ? followed by a space and an upper-case letter or a bullet, keeping the punctuation.
  return line.split(/(?<=[.!?])\s+(?=[\p{Lu}•\-[])/u)
}

export function sourceLine(p: Pick<Passage, 'title' | 'section' | 'page'>, language: Language): string {
  const section = sectionBelowTitle(p)
  return [p.title, section ? ` — ${section}` : '', p.page ? `, ${documentPhrases.page[language]} ${p.page}` : ''].join('')
}

/** The heading path under the document's own title: "Playbook › Discounts" cited as "Playbook — Discounts". */
function sectionBelowTitle(p: Pick<Passage, 'title' | 'section'>): string | undefined {
  if (!p.section || p.section === p.title) return undefined
  return p.section.startsWith(`${p.title} › `) ? p.section.slice(p.title.length + 3) : p.section
}

function toCitation(p: Passage): ReplyCitation {
  const section = sectionBelowTitle(p)
  return { n: p.n, documentId: p.documentId, title: p.title, fileName: p.fileName, ...(section ? { section } : {}), ...(p.page ? { page: p.page } : {}), excerpt: p.text }
}

function firstLine(text: string): string {
  return text.split('\n').find((line) => line.trim() !== '') ?? ''
}
