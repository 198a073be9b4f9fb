/**
 * Calendar arithmetic on 'YYYY-MM-DD' dates as whole days since 1970-01-01 (UTC, so no time zone or daylight saving
 * can move a day). Periods follow the semantic layer: weeks start on Monday, quarters and years on the calendar.
 */
import type { TimeDimensionId } from '../semantic-model.js'

const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/
const msPerDay = 86_400_000

function fromParts(year: number, month: number, day: number): number {
  return Date.UTC(year, month - 1, day) / msPerDay
}

function partsOf(day: number): { year: number; month: number; day: number } {
  const date = new Date(day * msPerDay)
  return { year: date.getUTCFullYear(), month: date.getUTCMonth() + 1, day: date.getUTCDate() }
}

const monthsPer: Record<Exclude<TimeDimensionId, 'day' | 'week'>, number> = { month: 1, quarter: 3, year: 12 }

export const periodCalendar = {
  /** The day number of a real calendar date between 1900 and 2999, or undefined for anything else. */
  parse(text: unknown): number | undefined {
    if (typeof text !== 'string') return undefined
    const match = isoDate.exec(text)
    if (!match) return undefined
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1 || day > 31) return undefined
    const parsed = fromParts(year, month, day)
    // Date.UTC rolls 2025-02-30 over into March; a real date survives the round trip.
    return periodCalendar.format(parsed) === text ? parsed : undefined
  },

  format(day: number): string {
    const p = partsOf(day)
    return `${String(p.year).padStart(4, '0')}-${String(p.month).padStart(2, '0')}-${String(p.day).padStart(2, '0')}`
  },

  /** The first day of the period that contains `day`. */
  periodStart(day: number, unit: TimeDimensionId): number {
    if (unit === 'day') return day
    // 1970-01-01 was a Thursday: (day + 3) mod 7 counts days since Monday.
    if (unit === 'week') return day - (((day + 3) % 7) + 7) % 7
    const p = partsOf(day)
    const months = monthsPer[unit]
    const month0 = Math.floor((p.month - 1) / months) * months
    return fromParts(p.year, month0 + 1, 1)
  },

  /** The first day of the period `count` periods after the one starting on `start` (count may be negative). */
  addPeriods(start: number, unit: TimeDimensionId, count: number): number {
    if (unit === 'day') return start + count
    if (unit === 'week') return start + 7 * count
    const p = partsOf(start)
    return fromParts(p.year, p.month + monthsPer[unit] * count, 1)
  },

  /** A running number of the period containing `day`, so the difference of two is the number of periods between them. */
  periodNumber(day: number, unit: TimeDimensionId): number {
    const start = periodCalendar.periodStart(day, unit)
    if (unit === 'day') return start
    if (unit === 'week') return (start + 3) / 7
    const p = partsOf(start)
    return (p.year * 12 + p.month - 1) / monthsPer[unit]
  },

  /** The first days of every period overlapping [start, end], in order. */
  periodsBetween(start: number, end: number, unit: TimeDimensionId): number[] {
    const periods: number[] = []
    for (let period = periodCalendar.periodStart(start, unit); period <= end; period = periodCalendar.addPeriods(period, unit, 1)) periods.push(period)
    return periods
  },
}
