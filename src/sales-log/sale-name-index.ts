/**
 * Finds one product or customer by what a rep typed: the exact name (accents and case aside, legal forms
 * optional), or every typed word inside one name ("Acme" → "Acme Ltda"). Typos are never accepted silently:
 * they come back as suggestions, so a sale is never recorded against a guessed name.
 */
import { allowedTypos, editDistance, trigramSimilarity, trigrams } from '../planner/text-similarity.js'
import { normaliseSaleText, withoutLegalForm } from './normalise-sale-text.js'

export type NameLookup<T> =
  | { readonly kind: 'found'; readonly item: T }
  | { readonly kind: 'ambiguous'; readonly candidates: readonly T[] }
  | { readonly kind: 'none'; readonly suggestions: readonly T[] }

export interface NameIndex<T> {
  find(text: string): NameLookup<T>
}

interface Entry<T> {
  readonly item: T
  readonly name: string
  readonly core: string
  readonly words: readonly string[]
  readonly trigrams: Set<string>
}

const MAX_CANDIDATES = 5

/** `prefer` breaks ties between equally good matches (e.g. an active product over a retired one of the same name). */
export function createNameIndex<T>(items: readonly T[], nameOf: (item: T) => string, prefer: (item: T) => boolean = () => true): NameIndex<T> {
  const entries: Entry<T>[] = items.map((item) => {
    const name = normaliseSaleText(nameOf(item))
    return { item, name, core: withoutLegalForm(name), words: name.split(' '), trigrams: trigrams(name) }
  })
  const byName = new Map<string, Entry<T>[]>()
  for (const entry of entries) {
    for (const key of new Set([entry.name, entry.core])) byName.set(key, [...(byName.get(key) ?? []), entry])
  }
  // Shorter names first: "Widget Pro" before "Widget Pro Max" when both hold the typed words.
  const ranked = (list: readonly Entry<T>[]) => [...list].sort((a, b) => a.name.length - b.name.length || a.name.localeCompare(b.name))
  const decide = (list: readonly Entry<T>[]): NameLookup<T> | undefined => {
    if (list.length === 0) return undefined
    const preferred = list.filter((e) => prefer(e.item))
    const pool = preferred.length ? preferred : list
    if (pool.length === 1) return { kind: 'found', item: pool[0]!.item }
    return { kind: 'ambiguous', candidates: ranked(pool).slice(0, MAX_CANDIDATES).map((e) => e.item) }
  }

  return {
    find(text) {
      const query = normaliseSaleText(text)
      if (query === '') return { kind: 'none', suggestions: [] }
      const exact = decide(byName.get(query) ?? byName.get(withoutLegalForm(query)) ?? [])
      if (exact) return exact
      const typed = query.split(' ')
      const holding = decide(entries.filter((e) => typed.every((w) => hasWord(e.words, w))))
      if (holding) return holding
      return { kind: 'none', suggestions: suggest(entries, typed, query) }
    },
  }
}

/** A typed word in a name, allowing a plural the name does not have ("widgets" → "Widget"). */
function hasWord(words: readonly string[], typed: string): boolean {
  return words.includes(typed) || (typed.length > 3 && /s$/.test(typed) && (words.includes(typed.slice(0, -1)) || words.includes(typed.replace(/es$/, ''))))
}

/** Names within a few typos of every typed word, then names that share the most trigrams. */
function suggest<T>(entries: readonly Entry<T>[], typed: readonly string[], query: string): T[] {
  const scored: { entry: Entry<T>; score: number }[] = []
  const queryTrigrams = trigrams(query)
  for (const entry of entries) {
    let edits = 0
    const allNear = typed.every((word) => {
      const limit = allowedTypos(word.length)
      const best = Math.min(...entry.words.map((w) => editDistance(word, w, limit)))
      edits += best
      return best <= limit
    })
    if (allNear) scored.push({ entry, score: 10 - edits })
    else {
      const similarity = trigramSimilarity(queryTrigrams, entry.trigrams)
      if (similarity >= 0.3) scored.push({ entry, score: similarity * 5 })
    }
  }
  return scored
    .sort((a, b) => b.score - a.score || a.entry.name.length - b.entry.name.length)
    .slice(0, 3)
    .map((s) => s.entry.item)
}
