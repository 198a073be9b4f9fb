/**
 * The other grammatical number of a Portuguese word, where PostgreSQL's Portuguese stemmer keeps the two apart:
 * "comissão" → comissa but "comissões" → comisso, "canal" → canal but "canais" → can, "mínimo" → minim but "mínimos" →
 * min. Full text cannot change how chunks were indexed, so the question carries both forms instead. Words arrive
 * lowercased and accent-free; a form that no chunk holds costs one unmatched lexeme, nothing more.
 */

/** [ending, replacements, shortest word it applies to]; every matching rule adds its forms. */
const rules: readonly (readonly [string, readonly string[], number])[] = [
  ['ao', ['oes'], 4],
  ['oes', ['ao'], 5],
  ['aes', ['ao'], 5],
  ['al', ['ais'], 4],
  ['ais', ['al'], 5],
  ['el', ['eis'], 4],
  ['eis', ['el'], 5],
  ['ol', ['ois'], 4],
  ['ois', ['ol'], 5],
  ['ns', ['m'], 5],
  ['em', ['ens'], 4],
  ['im', ['ins'], 4],
  ['imo', ['imos'], 5],
  ['imos', ['imo'], 6],
]

export function portugueseNumberForms(word: string): string[] {
  const forms: string[] = []
  for (const [ending, replacements, minLength] of rules) {
    if (word.length < minLength || !word.endsWith(ending)) continue
    const stem = word.slice(0, word.length - ending.length)
    for (const replacement of replacements) forms.push(stem + replacement)
  }
  return forms
}
