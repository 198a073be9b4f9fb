/**
 * A deliberately light stemmer for English and Portuguese, applied to lowercased, accent-free words whose language is
 * unknown: it folds plurals and a few common suffixes so "discounts"/"discount", "comissões"/"comissão" and
 * "pricing"/"price" share a feature. It is not Snowball: over-stemming costs more than it gains when words of both
 * languages share one vector space, and the character n-grams already cover what it misses.
 */

/** [suffix, replacement, shortest word it applies to]; the first match wins. */
const rules: readonly (readonly [string, string, number])[] = [
  // Portuguese plurals (accents already stripped: ões → oes, ães → aes).
  ['oes', 'ao', 5],
  ['aes', 'ao', 5],
  ['ais', 'al', 5],
  ['eis', 'el', 5],
  ['ois', 'ol', 5],
  ['ns', 'm', 5],
  // Portuguese adverbs.
  ['mente', '', 8],
  // English plurals and inflections.
  ['sses', 'ss', 5],
  ['ies', 'y', 5],
  ['ches', 'ch', 6],
  ['shes', 'sh', 6],
  ['xes', 'x', 5],
  ['ss', 'ss', 3],
  ['us', 'us', 3],
  ['is', 'is', 3],
  ['s', '', 4],
  ['ing', '', 6],
  ['ed', '', 5],
  ['ly', '', 6],
]

export function lightStem(word: string): string {
  let stem = word
  for (const [suffix, replacement, minLength] of rules) {
    if (stem.length >= minLength && stem.endsWith(suffix)) {
      stem = stem.slice(0, stem.length - suffix.length) + replacement
      break
    }
  }
  // A final silent e (English "price"/"pric(ing)", Portuguese "valore(s)"/"valor") is dropped so both forms meet.
  if (stem.length >= 5 && stem.endsWith('e')) stem = stem.slice(0, -1)
  return stem
}
