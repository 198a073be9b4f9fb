/**
 * String similarity for typo-tolerant name matching. Trigrams (pg_trgm's scheme: each word padded with two
 * spaces in front and one behind) find candidates cheaply; the restricted Damerau–Levenshtein distance then
 * decides, because short names with a swapped pair ("Mraia" for "Maria") share too few trigrams to pass any
 * trigram threshold, yet are one edit apart.
 */

/** pg_trgm-style trigrams of a normalised phrase. */
export function trigrams(text: string): Set<string> {
  const result = new Set<string>()
  for (const word of text.split(' ')) {
    if (word === '') continue
    const padded = `  ${word} `
    for (let i = 0; i + 3 <= padded.length; i++) result.add(padded.slice(i, i + 3))
  }
  return result
}

/** pg_trgm's similarity(): shared trigrams over the union. */
export function trigramSimilarity(a: ReadonlySet<string>, b: ReadonlySet<string>): number {
  let shared = 0
  for (const t of a) if (b.has(t)) shared++
  const union = a.size + b.size - shared
  return union === 0 ? 0 : shared / union
}

/**
 * Optimal-string-alignment distance (insertions, deletions, substitutions, adjacent swaps), or `limit + 1`
 * as soon as it must exceed `limit`.
 */
export function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1
  let twoBack = new Array<number>(b.length + 1).fill(0)
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j)
  let row = new Array<number>(b.length + 1).fill(0)
  for (let i = 1; i <= a.length; i++) {
    row[0] = i
    let best = row[0]
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1
      let value = Math.min(previous[j]! + 1, row[j - 1]! + 1, previous[j - 1]! + cost)
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) value = Math.min(value, twoBack[j - 2]! + 1)
      row[j] = value
      if (value < best) best = value
    }
    if (best > limit) return limit + 1
    ;[twoBack, previous, row] = [previous, row, twoBack]
  }
  return previous[b.length]! > limit ? limit + 1 : previous[b.length]!
}

/** Edits a phrase of this length may contain and still count as a typo of a name (none below 5 characters). */
export function allowedTypos(length: number): number {
  if (length < 5) return 0
  if (length < 8) return 1
  if (length < 13) return 2
  return 3
}
