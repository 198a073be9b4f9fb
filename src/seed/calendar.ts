/**
 * Whole-day arithmetic for the generator. Days are integers (days since 1970-01-01, UTC) so no local
 * time zone or DST rule can move a sale to another day or make two machines disagree.
 */

const MS_PER_DAY = 86_400_000
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/

export const calendar = {
  /** Parses 'YYYY-MM-DD' into a day number; throws on anything that is not a real calendar date. */
  parse(text: string): number {
    const match = isoDate.exec(text)
    if (!match) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(text)}`)
    const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])]
    const ms = Date.UTC(year, month - 1, day)
    const back = new Date(ms)
    if (back.getUTCFullYear() !== year || back.getUTCMonth() !== month - 1 || back.getUTCDate() !== day) {
      throw new Error(`not a real calendar date: ${text}`)
    }
    return ms / MS_PER_DAY
  },

  /** The local calendar date of an instant, as the person running the seed sees "today". */
  localDate(instant: Date): string {
    const pad = (n: number) => String(n).padStart(2, '0')
    return `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`
  },

  format(day: number): string {
    return new Date(day * MS_PER_DAY).toISOString().slice(0, 10)
  },

  fromParts(year: number, monthIndex: number, dayOfMonth: number): number {
    return Date.UTC(year, monthIndex, dayOfMonth) / MS_PER_DAY
  },

  parts(day: number): { year: number; monthIndex: number; dayOfMonth: number; isoWeekday: number } {
    const d = new Date(day * MS_PER_DAY)
    const weekday = d.getUTCDay()
    return { year: d.getUTCFullYear(), monthIndex: d.getUTCMonth(), dayOfMonth: d.getUTCDate(), isoWeekday: weekday === 0 ? 7 : weekday }
  },

  /** Months since year 0, so consecutive months are consecutive integers. */
  monthKey(day: number): number {
    const d = new Date(day * MS_PER_DAY)
    return d.getUTCFullYear() * 12 + d.getUTCMonth()
  },

  monthStart(monthKey: number): number {
    return Date.UTC(Math.floor(monthKey / 12), monthKey % 12, 1) / MS_PER_DAY
  },

  daysInMonth(monthKey: number): number {
    return calendar.monthStart(monthKey + 1) - calendar.monthStart(monthKey)
  },

  /** The same calendar day `years` earlier/later (29 Feb falls back to 28 Feb/1 Mar as Date.UTC decides). */
  addYears(day: number, years: number): number {
    const { year, monthIndex, dayOfMonth } = calendar.parts(day)
    return calendar.fromParts(year + years, monthIndex, dayOfMonth)
  },
} as const
