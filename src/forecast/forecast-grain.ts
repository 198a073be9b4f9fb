/**
 * Calendar arithmetic for forecast periods: days, weeks starting on Monday (as the semantic layer groups them), and
 * calendar months. Dates are 'YYYY-MM-DD' strings handled as UTC day numbers, so no time zone can move a day.
 */
export type ForecastGrain = 'day' | 'week' | 'month'

export const forecastGrains: readonly ForecastGrain[] = ['day', 'week', 'month']

/** The season a grain repeats over: a year of months, a year of weeks, a week of days. */
export const defaultSeasonLength: Readonly<Record<ForecastGrain, number>> = { month: 12, week: 52, day: 7 }

const dayMs = 86_400_000

export function parseDay(date: string): number {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  if (!match) throw new RangeError(`Not a YYYY-MM-DD date: ${JSON.stringify(date)}`)
  const ms = Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))
  if (formatDay(ms / dayMs) !== date) throw new RangeError(`Not a calendar date: ${date}`)
  return ms / dayMs
}

export function isCalendarDay(date: unknown): date is string {
  if (typeof date !== 'string') return false
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(date)
  return match !== null && new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, Number(match[3]))).toISOString().slice(0, 10) === date
}

export function formatDay(day: number): string {
  return new Date(day * dayMs).toISOString().slice(0, 10)
}

export const addDays = (date: string, days: number): string => formatDay(parseDay(date) + days)

/** The first day of the period a date falls in. */
export function periodStart(date: string, grain: ForecastGrain): string {
  if (grain === 'day') return date
  if (grain === 'week') {
    const day = parseDay(date)
    // 1970-01-01 was a Thursday: (day + 3) mod 7 is 0 on Mondays.
    return formatDay(day - (((day + 3) % 7) + 7) % 7)
  }
  return `${date.slice(0, 7)}-01`
}

/** The first day of the period `count` periods after the one starting at `start` (negative: before). */
export function addPeriods(start: string, grain: ForecastGrain, count: number): string {
  if (grain === 'day') return addDays(start, count)
  if (grain === 'week') return addDays(start, 7 * count)
  const [year, month] = [Number(start.slice(0, 4)), Number(start.slice(5, 7))]
  const index = year * 12 + (month - 1) + count
  return `${String(Math.floor(index / 12)).padStart(4, '0')}-${String((index % 12) + 1).padStart(2, '0')}-01`
}

/** The last day of the period starting at `start`. */
export const periodLastDay = (start: string, grain: ForecastGrain): string => addDays(addPeriods(start, grain, 1), -1)

export const daysInPeriod = (start: string, grain: ForecastGrain): number => parseDay(addPeriods(start, grain, 1)) - parseDay(start)

/** Period starts from `first` to `last` (both period starts), inclusive. */
export function periodsBetween(first: string, last: string, grain: ForecastGrain): string[] {
  const out: string[] = []
  for (let p = first; p <= last; p = addPeriods(p, grain, 1)) out.push(p)
  return out
}

/** The calendar quarter a date falls in: its first and last day and a label such as "Q4 2025". */
export function quarterOf(date: string): { start: string; end: string; label: string } {
  const month = Number(date.slice(5, 7))
  const first = Math.floor((month - 1) / 3) * 3 + 1
  const start = `${date.slice(0, 4)}-${String(first).padStart(2, '0')}-01`
  return { start, end: addDays(addPeriods(start, 'month', 3), -1), label: `Q${(first + 2) / 3} ${date.slice(0, 4)}` }
}

/** How people name a period: "2025-11" for a month, "week of 2025-11-10", "2025-11-11". */
export function periodLabel(start: string, grain: ForecastGrain): string {
  return grain === 'month' ? start.slice(0, 7) : grain === 'week' ? `week of ${start}` : start
}
