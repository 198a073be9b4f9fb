/**
 * The day of a sale from a message: today unless it says "ontem"/"yesterday", "anteontem", "hoje", "dia 12",
 * "12/11" (day/month in Portuguese, month/day in English), "12/11/2026", "2026-11-12" or "12 de novembro" /
 * "November 12". The matched words are returned so the rest of the message can be read without them.
 */
import type { Language } from '../semantic/semantic-model.js'

export type SaleDateReading =
  | { readonly kind: 'date'; readonly date: string; readonly start: number; readonly end: number; readonly said: string }
  | { readonly kind: 'invalid'; readonly said: string }
  | { readonly kind: 'none' }

const monthNames: Record<string, number> = {
  janeiro: 1, fevereiro: 2, marco: 3, março: 3, abril: 4, maio: 5, junho: 6, julho: 7, agosto: 8, setembro: 9, outubro: 10, novembro: 11, dezembro: 12,
  january: 1, february: 2, march: 3, april: 4, may: 5, june: 6, july: 7, august: 8, september: 9, october: 10, november: 11, december: 12,
  jan: 1, fev: 2, feb: 2, abr: 4, apr: 4, mai: 5, jun: 6, jul: 7, ago: 8, aug: 8, sep: 9, sept: 9, oct: 10, nov: 11, dez: 12, dec: 12,
}
const monthWord = Object.keys(monthNames).sort((a, b) => b.length - a.length).join('|')

const relativeDays: readonly [RegExp, number][] = [
  [/\b(?:anteontem|antes\s+de\s+ontem|day\s+before\s+yesterday)\b/i, -2],
  [/\b(?:ontem|yesterday)\b/i, -1],
  [/\b(?:hoje|today)\b/i, 0],
]

export function parseSaleDate(text: string, today: string, language: Language): SaleDateReading {
  for (const [pattern, offset] of relativeDays) {
    const m = pattern.exec(text)
    if (m) return found(addDays(today, offset), m)
  }
  const iso = /\b(\d{4})-(\d{2})-(\d{2})\b/.exec(text)
  if (iso) return checked(Number(iso[1]), Number(iso[2]), Number(iso[3]), iso)

  const slash = /(?:\b(?:em|no\s+dia|dia|on|at)\s+)?\b(\d{1,2})\/(\d{1,2})(?:\/(\d{2}|\d{4}))?\b/i.exec(text)
  if (slash) {
    const [a, b] = [Number(slash[1]), Number(slash[2])]
    const [day, month] = language === 'pt' ? [a, b] : [b, a]
    const year = slash[3] ? (slash[3].length === 2 ? 2000 + Number(slash[3]) : Number(slash[3])) : undefined
    return checked(year ?? inferYear(today, month, day), month, day, slash)
  }

  const named = new RegExp(`(?:\\b(?:em|on)\\s+)?\\b(?:(\\d{1,2})\\s+(?:de\\s+)?(${monthWord})\\.?|(${monthWord})\\.?\\s+(\\d{1,2})(?:st|nd|rd|th)?)(?:,?\\s+(?:de\\s+)?(\\d{4}))?\\b`, 'i').exec(text)
  if (named) {
    const day = Number(named[1] ?? named[4])
    const month = monthNames[(named[2] ?? named[3])!.toLowerCase()]!
    return checked(named[5] ? Number(named[5]) : inferYear(today, month, day), month, day, named)
  }

  const dayOnly = /\b(?:(?:no\s+)?dia|on\s+the)\s+(\d{1,2})(?:st|nd|rd|th)?\b/i.exec(text)
  if (dayOnly) {
    const day = Number(dayOnly[1])
    const [y, m] = today.split('-').map(Number) as [number, number]
    // "dia 25" on the 21st is last month's 25th: a sale is logged after it happens.
    const [year, month] = day > Number(today.slice(8, 10)) ? (m === 1 ? [y - 1, 12] : [y, m - 1]) : [y, m]
    return checked(year, month, day, dayOnly)
  }
  return { kind: 'none' }
}

/** A date without a year is the latest one not after today. */
function inferYear(today: string, month: number, day: number): number {
  const year = Number(today.slice(0, 4))
  return `${year}-${pad(month)}-${pad(day)}` > today ? year - 1 : year
}

function checked(year: number, month: number, day: number, match: RegExpExecArray): SaleDateReading {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (month < 1 || month > 12 || date.getUTCDate() !== day || date.getUTCMonth() !== month - 1) return { kind: 'invalid', said: match[0].trim() }
  return found(`${year}-${pad(month)}-${pad(day)}`, match)
}

function found(date: string, match: RegExpExecArray): SaleDateReading {
  return { kind: 'date', date, start: match.index, end: match.index + match[0].length, said: match[0].trim() }
}

export function addDays(iso: string, days: number): string {
  const d = new Date(`${iso}T00:00:00Z`)
  d.setUTCDate(d.getUTCDate() + days)
  return d.toISOString().slice(0, 10)
}

const pad = (n: number) => String(n).padStart(2, '0')
