/**
 * Words the time-expression parser reads: month names, units, numbers and ordinals in English and Portuguese
 * (normalised: lower-case, no accents), and the slot readers the parser's word patterns use.
 */
import type { SlotReader } from './match-word-pattern.js'
import type { Token } from './tokenize-question.js'

export type PeriodUnit = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year'

const fullMonths: Readonly<Record<string, number>> = {
  january: 1, february: 2, march: 3, april: 4, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  janeiro: 1, fevereiro: 2, abril: 4, maio: 5, junho: 6, julho: 7, agosto: 8, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
}

/** Month words that are also ordinary words ("may", "set", "out", "mar", "marco" without its cedilla): they need a preposition or a year next to them. */
const guardedMonths: Readonly<Record<string, number>> = {
  may: 5, marco: 3,
  jan: 1, feb: 2, fev: 2, mar: 3, apr: 4, abr: 4, mai: 5, jun: 6, jul: 7, aug: 8, ago: 8, sep: 9, sept: 9, set: 9, oct: 10, out: 10, nov: 11, dec: 12, dez: 12,
}

/** Words after which a guarded month word is read as a month. */
const monthContext = new Set([
  'in', 'em', 'no', 'na', 'de', 'do', 'da', 'since', 'desde', 'from', 'to', 'a', 'ate', 'until', 'till', 'through', 'of', 'during', 'durante', 'for',
  'vs', 'versus', 'x', 'contra', 'e', 'and', 'between', 'entre', 'mes', 'month', 'inicio', 'fim', 'end', 'start', 'ao', 'than', 'with', 'com', 'partir',
])

const units: Readonly<Record<string, PeriodUnit>> = {
  day: 'day', days: 'day', dia: 'day', dias: 'day',
  week: 'week', weeks: 'week', semana: 'week', semanas: 'week',
  month: 'month', months: 'month', mes: 'month', meses: 'month',
  quarter: 'quarter', quarters: 'quarter', trimestre: 'quarter', trimestres: 'quarter',
  semester: 'half', semesters: 'half', semestre: 'half', semestres: 'half', half: 'half', halves: 'half',
  year: 'year', years: 'year', ano: 'year', anos: 'year',
}

const numberWords: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12, fifteen: 15, twenty: 20, thirty: 30,
  sixty: 60, ninety: 90,
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, onze: 11, doze: 12, quinze: 15,
  vinte: 20, trinta: 30, sessenta: 60, noventa: 90,
}

const ordinalWords: Readonly<Record<string, number>> = {
  first: 1, second: 2, third: 3, fourth: 4, primeiro: 1, primeira: 1, segundo: 2, segunda: 2, terceiro: 3, terceira: 3, quarto: 4, quarta: 4,
}

const readNumber = (text: string): number | undefined => {
  if (/^\d{1,3}$/.test(text)) return Number(text)
  return numberWords[text]
}

const readOrdinal = (text: string): number | undefined => {
  const digits = /^(\d{1,2})(?:o|a|st|nd|rd|th)$/.exec(text)
  if (digits) return Number(digits[1])
  return ordinalWords[text]
}

/** Two-digit years are this century's. */
const fullYear = (text: string): number => (text.length === 2 ? 2000 + Number(text) : Number(text))

export interface MonthYear { readonly month: number; readonly year?: number }
export interface PartOfYear { readonly part: number; readonly year?: number }
/** A written date: day, month and year, or `invalid` when it names no real day (31/02/2025). */
export interface WrittenDate { readonly year: number; readonly month: number; readonly dayOfMonth: number; readonly ambiguousOrder?: boolean }

function monthWord(tokens: readonly Token[], index: number): number | undefined {
  const token = tokens[index]!
  const full = fullMonths[token.text]
  if (full !== undefined) return full
  const guarded = guardedMonths[token.text]
  if (guarded === undefined) return undefined
  // "março" typed with its cedilla is unambiguous.
  if (token.text === 'marco' && token.raw.toLowerCase() !== 'marco') return guarded
  const previous = tokens[index - 1]?.text
  const next = tokens[index + 1]?.text
  if (previous !== undefined && monthContext.has(previous)) return guarded
  if (next !== undefined && /^(19|20)\d{2}$/.test(next)) return guarded
  return undefined
}

/** Readers for the slots of the time patterns. `language` decides how 01/02/2025 reads. */
export function timeSlotReaders(language: 'en' | 'pt'): Readonly<Record<string, SlotReader>> {
  return {
    UNIT: (tokens, i) => units[tokens[i]!.text],
    N: (tokens, i) => {
      const n = readNumber(tokens[i]!.text)
      return n !== undefined && n > 0 ? n : undefined
    },
    DAYNUM: (tokens, i) => {
      const text = tokens[i]!.text
      const n = /^\d{1,2}$/.test(text) ? Number(text) : readOrdinal(text)
      return n !== undefined && n >= 1 && n <= 31 ? n : undefined
    },
    YEAR: (tokens, i) => {
      const text = tokens[i]!.text
      return /^(19[89]\d|20\d{2})$/.test(text) ? Number(text) : undefined
    },
    MONTH: (tokens, i) => monthWord(tokens, i),
    /** "mar/25", "03/2025", "2025-03". */
    MONTH_YEAR: (tokens, i): MonthYear | undefined => {
      const text = tokens[i]!.text
      let match = /^([a-z]+)\/(\d{2}|\d{4})$/.exec(text)
      if (match) {
        const month = fullMonths[match[1]!] ?? guardedMonths[match[1]!]
        return month === undefined ? undefined : { month, year: fullYear(match[2]!) }
      }
      match = /^(\d{1,2})\/(\d{4})$/.exec(text)
      if (match) {
        const month = Number(match[1])
        return month >= 1 && month <= 12 ? { month, year: Number(match[2]) } : undefined
      }
      match = /^(\d{4})-(\d{1,2})$/.exec(text)
      if (match) {
        const month = Number(match[2])
        return month >= 1 && month <= 12 ? { month, year: Number(match[1]) } : undefined
      }
      return undefined
    },
    /** "2025-03-31"; "31/03/2025" (day first in Portuguese; in English month first unless that cannot be). */
    DATE: (tokens, i): WrittenDate | undefined => {
      const text = tokens[i]!.text
      let match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
      if (match) return { year: Number(match[1]), month: Number(match[2]), dayOfMonth: Number(match[3]) }
      match = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{2}|\d{4})$/.exec(text)
      if (!match) return undefined
      const a = Number(match[1])
      const b = Number(match[2])
      const year = fullYear(match[3]!)
      if (language === 'pt' || a > 12) return { year, month: b, dayOfMonth: a }
      if (b > 12) return { year, month: a, dayOfMonth: b }
      return { year, month: a, dayOfMonth: b, ambiguousOrder: a !== b }
    },
    /** "q3", "t3" (the year may follow). */
    QUARTER: (tokens, i): PartOfYear | undefined => {
      const match = /^[qt]([1-4])$/.exec(tokens[i]!.text)
      return match ? { part: Number(match[1]) } : undefined
    },
    /** "2t24", "3t2025", "q325", "1q25": quarter and year in one word. */
    QUARTER_YEAR: (tokens, i): PartOfYear | undefined => {
      const text = tokens[i]!.text
      const match = /^([1-4])[tq](\d{2}|\d{4})$/.exec(text) ?? /^[qt]([1-4])(\d{2}|\d{4})$/.exec(text)
      return match ? { part: Number(match[1]), year: fullYear(match[2]!) } : undefined
    },
    /** "h1", "s2". */
    HALF: (tokens, i): PartOfYear | undefined => {
      const match = /^[hs]([12])$/.exec(tokens[i]!.text)
      return match ? { part: Number(match[1]) } : undefined
    },
    HALF_YEAR: (tokens, i): PartOfYear | undefined => {
      const text = tokens[i]!.text
      const match = /^([12])[sh](\d{2}|\d{4})$/.exec(text) ?? /^h([12])(\d{2}|\d{4})$/.exec(text)
      return match ? { part: Number(match[1]), year: fullYear(match[2]!) } : undefined
    },
    /** "3o", "3rd", "terceiro", "third" (1–4 only: quarters and halves). */
    ORD: (tokens, i) => {
      const n = readOrdinal(tokens[i]!.text)
      return n !== undefined && n >= 1 && n <= 4 ? n : undefined
    },
  }
}
