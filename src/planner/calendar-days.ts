/**
 * Calendar arithmetic on whole days. A day is an integer (days since 1970-01-01 in UTC), so no time zone or
 * DST rule can move a date; "today" always comes from the caller.
 */

const MS_PER_DAY = 86_400_000

export type Day = number

export const calendarDays = {
  /** 'YYYY-MM-DD' → day, or undefined when it is not a real calendar date. */
  parse(text: string): Day | undefined {
    const match = /^(\d{4})-(\d{1,2})-(\d{1,2})$/.exec(text)
    if (!match) return undefined
    return calendarDays.fromParts(Number(match[1]), Number(match[2]), Number(match[3]))
  },

  /** Day of year/month(1-12)/day, or undefined when the parts do not form a real date (31 Feb, month 13). */
  fromParts(year: number, month: number, dayOfMonth: number): Day | undefined {
    if (!Number.isInteger(year) || !Number.isInteger(month) || !Number.isInteger(dayOfMonth)) return undefined
    if (month < 1 || month > 12 || dayOfMonth < 1 || dayOfMonth > calendarDays.daysInMonth(year, month)) return undefined
    return Date.UTC(year, month - 1, dayOfMonth) / MS_PER_DAY
  },

  format(day: Day): string {
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
  },

  parts(day: Day): { year: number; month: number; dayOfMonth: number; isoWeekday: number } {
    const d = new Date(day * MS_PER_DAY)
    const weekday = d.getUTCDay()
    return { year: d.getUTCFullYear(), month: d.getUTCMonth() + 1, dayOfMonth: d.getUTCDate(), isoWeekday: weekday === 0 ? 7 : weekday }
  },

  daysInMonth(year: number, month: number): number {
    return new Date(Date.UTC(year, month, 0)).getUTCDate()
  },

  /** First day of `year`-`month`; months past 12 or below 1 roll into the next or previous years. */
  monthStart(year: number, month: number): Day {
    return Date.UTC(year, month - 1, 1) / MS_PER_DAY
  },

  /** The same day-of-month `months` later/earlier, clamped to the month's last day (31 Mar − 1 month = 28/29 Feb). */
  addMonths(day: Day, months: number): Day {
    const { year, month, dayOfMonth } = calendarDays.parts(day)
    const index = year * 12 + (month - 1) + months
    const y = Math.floor(index / 12)
    const m = (index % 12) + 1
    return Date.UTC(y, m - 1, Math.min(dayOfMonth, calendarDays.daysInMonth(y, m))) / MS_PER_DAY
  },

  addYears(day: Day, years: number): Day {
    return calendarDays.addMonths(day, years * 12)
  },

  isLastDayOfMonth(day: Day): boolean {
    return calendarDays.parts(day + 1).dayOfMonth === 1
  },

  /** Monday of the week containing `day` (weeks start on Monday). */
  weekStart(day: Day): Day {
    return day - (calendarDays.parts(day).isoWeekday - 1)
  },
} as const
