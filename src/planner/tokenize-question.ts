/**
 * Splits a question into normalised words (lower-case, no accents, no punctuation) while keeping each word's
 * original spelling and position, so later stages can match phrases on the normalised text and still tell
 * "Pará" (a state) from "para" (a preposition), or quote the user's own words back.
 */

export interface Token {
  /** Position in the token list. */
  readonly index: number
  /** Lower-case, accent-free; ordinals folded ("3º" → "3o"); compact forms kept whole ("2025-03-31", "01/02/2025", "mar/25", "2t24"). */
  readonly text: string
  /** As typed. */
  readonly raw: string
  /** Character offsets in the question, [start, end). */
  readonly start: number
  readonly end: number
  /** Inside double quotes: the user insists on these exact words being a name. */
  readonly quoted: boolean
  /** First word of a sentence (its capital letter says nothing about being a name). */
  readonly sentenceStart: boolean
}

// Order matters: compact date forms before plain words and numbers.
const tokenPattern = new RegExp(
  [
    String.raw`\d{4}-\d{1,2}-\d{1,2}`, // ISO date
    String.raw`\d{1,2}[/.-]\d{1,2}[/.-]\d{2,4}(?![\d])`, // dd/mm/yyyy
    String.raw`\d{4}-\d{1,2}(?![\d-])`, // ISO year-month
    String.raw`\d{1,2}/\d{4}`, // mm/yyyy
    String.raw`[\p{L}\p{M}]+/\d{2,4}`, // mar/25
    String.raw`\d+(?:[.,]\d+)+`, // 1.000,50
    String.raw`[\p{L}\p{M}\p{N}ºª°]+`, // words, numbers, q3, 3º, 2t24
    String.raw`%`,
  ].join('|'),
  'gu',
)

const quoteCharacters = new Set(['"', '“', '”', '«', '»'])

/** Chat shorthand read as the word it stands for ("qto vendemos" = "quanto vendemos"). */
const shorthand: Readonly<Record<string, string>> = {
  qto: 'quanto', qtos: 'quantos', qtas: 'quantas', qnto: 'quanto', qntos: 'quantos', qntas: 'quantas', qt: 'quanto', hj: 'hoje', vc: 'voce',
  vcs: 'voces', tb: 'tambem', tbm: 'tambem', msm: 'mesmo', pq: 'porque', q: 'que', mto: 'muito',
}

/** Lower-case, accents stripped, ordinal marks folded to letters. */
export function normalizeWord(text: string): string {
  return text
    .normalize('NFKD')
    .replace(/\p{M}/gu, '')
    .replace(/°/g, 'o')
    .toLowerCase()
}

export function tokenizeQuestion(question: string): Token[] {
  const tokens: Token[] = []
  // Quote state and sentence boundaries are read from the characters between tokens.
  let quoted = false
  let lastEnd = 0
  let sentenceStart = true
  for (const match of question.matchAll(tokenPattern)) {
    const start = match.index
    const gap = question.slice(lastEnd, start)
    for (const ch of gap) {
      if (quoteCharacters.has(ch)) quoted = ch === '“' || ch === '«' ? true : ch === '”' || ch === '»' ? false : !quoted
      if (ch === '.' || ch === '?' || ch === '!' || ch === ';' || ch === ':') sentenceStart = true
    }
    const raw = match[0]
    const text = normalizeWord(raw)
    tokens.push({ index: tokens.length, text: shorthand[text] ?? text, raw, start, end: start + raw.length, quoted, sentenceStart })
    sentenceStart = false
    lastEnd = start + raw.length
  }
  return tokens
}

/** The normalised form of a whole phrase: its words joined by single spaces ("Centro-Oeste" → "centro oeste"). */
export function normalizePhrase(text: string): string {
  return tokenizeQuestion(text)
    .map((t) => t.text)
    .join(' ')
}
