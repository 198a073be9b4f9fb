/**
 * The rule a model's rephrasing of the summary must pass: every number in it must be one of the digest's numbers.
 *
 * A number is a run of digits with "." or "," inside ("1.234,56", "1,234.56", "8,3", "2026"), optionally followed by
 * a magnitude word ("mil", "mi", "bi", "milhões", "K", "M", "B", "thousand", "million", "billion") or a percent sign
 * ("%", "percent", "por cento"). Its value is the number times the magnitude; a percent is a different kind of
 * number from a plain one. Signs are not read: "−2,1%" and "fell 2.1%" say the same, so a model may put a direction
 * into words (which direction it chose is not checked — the words are, at worst, wrong where the number is right).
 *
 * The digest's own strings are read in the digest's language ("." groups and "," is the decimal mark in pt, the
 * other way round in en). A model's text may use either convention, so its numbers are read both ways where that is
 * ambiguous — "1.234" is 1234 or 1.234; "1,2" is 1.2 — and pass when either reading is a digest number. "1.234,56"
 * and "1,234.56" are unambiguous: the last mark is the decimal one.
 *
 * Values are compared exactly (to a relative 1e-9), so a model that rounds "R$ 1.234.567,89" to "R$ 1,2 mi" fails
 * unless "R$ 1,2 mi" is itself in the digest (the template uses compact money for this reason). Numbers written as
 * words ("two anomalies") are not seen by this rule.
 */
import type { Language } from '../../semantic/semantic-model.js'

export interface NumberToken {
  /** As written, e.g. "1,2 mi" or "8.3%". */
  readonly text: string
  readonly kind: 'plain' | 'percent'
  /** The values it may mean (one unless the separators are ambiguous). */
  readonly values: readonly number[]
}

const magnitudes: ReadonlyArray<readonly [string, number]> = [
  ['bilhões', 1e9], ['bilhoes', 1e9], ['bilhão', 1e9], ['bilhao', 1e9], ['billion', 1e9], ['bn', 1e9], ['bi', 1e9], ['b', 1e9],
  ['milhões', 1e6], ['milhoes', 1e6], ['milhão', 1e6], ['milhao', 1e6], ['million', 1e6], ['mn', 1e6], ['mi', 1e6], ['m', 1e6],
  ['thousand', 1e3], ['mil', 1e3], ['k', 1e3],
]
const magnitudeOf = new Map(magnitudes)
const magnitudeWords = magnitudes.map(([word]) => word).join('|')
// Longest alternatives first, and a magnitude must end the word ("2 meses" has no magnitude).
const numberPattern = new RegExp(`(\\d(?:[.,\\d]*\\d)?)(?:\\s?(%|percent|por cento)|\\s?(${magnitudeWords})(?![\\p{L}\\d]))?`, 'giu')

export type Reading = Language | 'either'

export function extractNumbers(text: string, reading: Reading): NumberToken[] {
  const tokens: NumberToken[] = []
  for (const match of text.matchAll(numberPattern)) {
    const [whole, digits, percent, magnitude] = match
    const scale = magnitude ? magnitudeOf.get(magnitude.toLowerCase())! : 1
    tokens.push({ text: whole, kind: percent ? 'percent' : 'plain', values: readDigits(digits!, reading).map((v) => v * scale) })
  }
  return tokens
}

function readDigits(digits: string, reading: Reading): number[] {
  const marks = digits.replace(/\d/g, '')
  if (marks === '') return [Number(digits)]
  const asDecimal = (decimalMark: string) => Number(digits.split(decimalMark === '.' ? ',' : '.').join('').replace(decimalMark, '.'))
  const grouped = () => Number(digits.replace(/[.,]/g, ''))
  const distinct = new Set(marks)
  // Both marks: the last one is the decimal mark, whatever the language.
  if (distinct.size === 2) return [asDecimal(marks[marks.length - 1]!)]
  const mark = marks[0]!
  // The same mark several times can only group thousands.
  if (marks.length > 1) return [grouped()]
  if (reading !== 'either') return [mark === (reading === 'pt' ? ',' : '.') ? asDecimal(mark) : grouped()]
  const after = digits.length - digits.lastIndexOf(mark) - 1
  return after === 3 ? [grouped(), asDecimal(mark)] : [asDecimal(mark)]
}

export type NumbersCheck = { readonly ok: true } | { readonly ok: false; readonly unmatched: readonly string[] }

/** Whether every number of `candidate` (read either way) is one of the numbers of `sources` (read in `language`). */
export function checkSummaryNumbers(candidate: string, sources: readonly string[], language: Language): NumbersCheck {
  const allowed = sources.flatMap((source) => extractNumbers(source, language))
  const same = (a: number, b: number) => Math.abs(a - b) <= 1e-9 * Math.max(1, Math.abs(a), Math.abs(b))
  const unmatched = extractNumbers(candidate, 'either')
    .filter((token) => !allowed.some((a) => a.kind === token.kind && a.values.some((v) => token.values.some((t) => same(v, t)))))
    .map((token) => token.text)
  return unmatched.length === 0 ? { ok: true } : { ok: false, unmatched }
}
