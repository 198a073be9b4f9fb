/**
 * Finds the sales glossary's entries in a question: a word or phrase of the question that is an entry brings in the
 * first few other entries of its line, in each language. Question and entries are compared word by word, lowercased,
 * accent-free and lightly stemmed, so "discounts", "comissões" and "COMISSAO" find "discount" and "comissão". The index
 * is built once, from the constant glossary, when the module loads (pure computation, no I/O).
 */
import { lightStem } from '../embeddings/light-stem.js'
import { stopWords } from '../embeddings/stop-words.js'
import { foldText } from '../embeddings/text-features.js'
import { salesGlossary, type GlossaryLine } from './sales-glossary.js'

export interface SynonymMatch {
  /** Position of the first matched word among the question's words (see glossaryWords), and how many words matched. */
  readonly start: number
  readonly length: number
  /** Other entries of the matched lines, lowercase and accent-free (a phrase keeps its stop words), usual names first. */
  readonly synonyms: readonly Synonym[]
}

export interface Synonym {
  readonly text: string
  readonly language: 'en' | 'pt'
}

/**
 * Entries brought in per language and match: the usual names. More add terms to match (in the frequency sample and
 * the GIN scans) and, being rarer words, mostly match nothing.
 */
export const synonymsPerLanguage = 2

interface Entry {
  readonly stems: readonly string[]
  readonly line: number
}

/** The words of a text as the glossary compares them: accent-free, lowercase, stop words kept (phrases hold them). */
export function glossaryWords(text: string): string[] {
  return foldText(text).match(/[\p{L}\p{N}]+/gu) ?? []
}

const stemKey = (entry: string) => entry.split(' ').map(lightStem).join(' ')

const lines: readonly GlossaryLine[] = salesGlossary.map((line) => ({ en: folded(line.en), pt: folded(line.pt) }))

function folded(entries: readonly string[]): string[] {
  return [...new Set(entries.map((entry) => glossaryWords(entry).join(' ')).filter((entry) => entry !== ''))]
}

/** Entries by the stem of their first word. A one-word entry that is a stop word ("may", the month) never matches. */
const entriesByFirstStem: ReadonlyMap<string, readonly Entry[]> = (() => {
  const index = new Map<string, Entry[]>()
  lines.forEach((line, lineNumber) => {
    for (const entry of new Set([...line.en, ...line.pt])) {
      const words = entry.split(' ')
      if (words.length === 1 && stopWords.has(words[0]!)) continue
      const stems = words.map(lightStem)
      const list = index.get(stems[0]!) ?? []
      list.push({ stems, line: lineNumber })
      index.set(stems[0]!, list)
    }
  })
  return index
})()

/** Every entry found in the words (from glossaryWords), in order of position, with the synonyms it brings in. */
export function findSynonyms(words: readonly string[]): SynonymMatch[] {
  const stems = words.map(lightStem)
  const matches: SynonymMatch[] = []
  stems.forEach((stem, start) => {
    const found = new Map<number, number>() // line → longest length matched at this position
    for (const entry of entriesByFirstStem.get(stem) ?? []) {
      const length = entry.stems.length
      if (start + length > stems.length || !entry.stems.every((s, i) => stems[start + i] === s)) continue
      found.set(entry.line, Math.max(found.get(entry.line) ?? 0, length))
    }
    const byLength = new Map<number, number[]>()
    for (const [line, length] of found) byLength.set(length, [...(byLength.get(length) ?? []), line])
    for (const [length, matchedLines] of [...byLength].sort(([a], [b]) => a - b)) {
      const matched = stems.slice(start, start + length).join(' ')
      matches.push({ start, length, synonyms: pickSynonyms(matchedLines.map((line) => lines[line]!), matched) })
    }
  })
  return matches
}

/** The first synonymsPerLanguage entries of each language that say something new (not the match, not a plural of one). */
function pickSynonyms(matchedLines: readonly GlossaryLine[], matchedStems: string): Synonym[] {
  const synonyms: Synonym[] = []
  const seen = new Set([matchedStems])
  for (const language of ['en', 'pt'] as const) {
    let taken = 0
    for (const entry of matchedLines.flatMap((line) => line[language])) {
      if (taken >= synonymsPerLanguage) break
      const key = stemKey(entry)
      if (seen.has(key)) continue
      seen.add(key)
      synonyms.push({ text: entry, language })
      taken++
    }
  }
  return synonyms
}

/** Every synonym the glossary brings in for a text's words and phrases, each once, in order. */
export function synonymsOf(text: string): string[] {
  return [...new Set(findSynonyms(glossaryWords(text)).flatMap((match) => match.synonyms.map((s) => s.text)))]
}
