/** Reading passages: the numbers they state, and the sentences of a passage that best match a question. */

const fold = (text: string) => text.normalize('NFD').replace(/[\u0300-\u036f]/g, '').toLowerCase()

/**
 * The numbers a text states, normalised so "15%", "15 %" and "15,0" compare equal, and "R$ 6.400,00" equals
 * "6,400.00": digits with their separators, read as pt-BR when the last separator is a comma followed by 1–2 digits.
 */
export function numbersIn(text: string): string[] {
  const found: string[] = []
  for (const match of text.matchAll(/\d[\d.,]*/g)) {
    const raw = match[0].replace(/[.,]+$/, '')
    found.push(normaliseNumber(raw))
  }
  return found
}

function normaliseNumber(raw: string): string {
  const lastComma = raw.lastIndexOf(',')
  const lastDot = raw.lastIndexOf('.')
  let value: string
  if (lastComma > lastDot && raw.length - lastComma - 1 <= 2) value = raw.replace(/\./g, '').replace(',', '.') // 6.400,00 / 1,5
  else if (lastDot > lastComma && raw.length - lastDot - 1 <= 2) value = raw.replace(/,/g, '') // 6,400.00 / 1.5
  else value = raw.replace(/[.,]/g, '') // 10.000 / 10,000 (thousands only)
  const number = Number(value)
  return Number.isFinite(number) ? String(number) : raw
}

const stopWords = new Set(
  'a an and are as at be by can de da das do dos does e em for from how in is it na nas no nos o os of on or para por qual quais que the to uma um what when which who with we our nosso nossa sobre'.split(' '),
)

function termsOf(text: string): string[] {
  return fold(text)
    .split(/[^\p{L}\p{N}]+/u)
    .filter((w) => w.length > 1 && !stopWords.has(w))
    .map((w) => w.slice(0, 6))
}

/**
 * The passage's lines or sentences that share the most words with the question, in their original order, up to
 * about `maxChars`; cuts are marked with "…". Short passages come back whole.
 */
export function bestExcerpt(text: string, question: string, maxChars = 420): string {
  if (text.length <= maxChars) return text
  const wanted = new Set(termsOf(question))
  const pieces = text.split(/(?<=[.!?])\s+|\n+/).map((piece) => piece.trim()).filter(Boolean)
  const scored = pieces.map((piece, index) => ({ piece, index, score: termsOf(piece).filter((t) => wanted.has(t)).length }))
  const chosen = new Set<number>()
  let length = 0
  for (const candidate of [...scored].sort((a, b) => b.score - a.score || a.index - b.index)) {
    if (length > 0 && length + candidate.piece.length > maxChars) continue
    chosen.add(candidate.index)
    length += candidate.piece.length + 1
    if (length >= maxChars) break
  }
  const parts: string[] = []
  let previous = -1
  for (const index of [...chosen].sort((a, b) => a - b)) {
    if (index !== previous + 1) parts.push('…')
    parts.push(pieces[index]!.length > maxChars ? `${pieces[index]!.slice(0, maxChars)}…` : pieces[index]!)
    previous = index
  }
  if (previous !== pieces.length - 1) parts.push('…')
  return parts.join(' ').replace(/ … /g, ' … ')
}
