/**
 * Numbers as reps type them, in either locale: "1.200" and "1.200,50" (pt-BR), "1,200.50" and "99.90" (en),
 * "1200". With both separators the last one is the decimal one; with one kind only, groups of exactly three
 * digits are thousands in the language that writes them so ("1.200" in Portuguese, "1,200" in English).
 */
import type { Language } from '../semantic/semantic-model.js'

export function parseSaleAmount(text: string, language: Language): number | undefined {
  const raw = text.trim()
  if (!/^\d[\d.,]*$/.test(raw) || /[.,]$/.test(raw)) return undefined
  const lastDot = raw.lastIndexOf('.')
  const lastComma = raw.lastIndexOf(',')
  let canonical: string
  if (lastDot >= 0 && lastComma >= 0) {
    const decimal = lastDot > lastComma ? '.' : ','
    const thousands = decimal === '.' ? ',' : '.'
    const [whole, fraction, ...rest] = raw.split(decimal)
    if (rest.length || !isGrouped(whole!, thousands)) return undefined
    canonical = `${whole!.split(thousands).join('')}.${fraction}`
  } else if (lastDot >= 0 || lastComma >= 0) {
    const separator = lastDot >= 0 ? '.' : ','
    const groupingSeparator = language === 'pt' ? '.' : ','
    if (separator === groupingSeparator && isGrouped(raw, separator) && raw.includes(separator)) canonical = raw.split(separator).join('')
    else if (raw.split(separator).length === 2) canonical = raw.replace(separator, '.')
    else return undefined
  } else {
    canonical = raw
  }
  const value = Number(canonical)
  return Number.isFinite(value) ? value : undefined
}

/** "1.234.567" with "." — the first group 1–3 digits, every other exactly 3. */
function isGrouped(text: string, separator: string): boolean {
  const groups = text.split(separator)
  return /^\d{1,3}$/.test(groups[0]!) && groups.slice(1).every((g) => /^\d{3}$/.test(g)) || groups.length === 1
}
