/**
 * Moves a period for a conversation's follow-up ("and the month before?", "e no ano passado?", "vs the previous
 * month"), counting from the previous plan's dates rather than from today. Pure: no clock, no I/O.
 *
 * Moving by a unit:
 * - a period of whole units (a month, a quarter, 2025, three whole months) moves by its own length in that unit,
 *   so the month before May is April and the quarter before Q2 is Q1;
 * - a period shorter than a year moves a year as the same days (May 2026 → May 2025; 29 Feb 2024 → 28 Feb 2023,
 *   a month's last day stays one); a period shorter than another unit gives the whole unit next to the one it
 *   starts in (the quarter before March 2025 is Q4 2024, the month before the last 7 days the previous month);
 * - a period longer than the unit but not made of whole units moves both ends by the unit (a year to date, "the
 *   month before" → the same days one month earlier);
 * - "the period before" anything else moves by its own length (the 30 days before the last 30 days).
 * "The period before" uses the period's own unit: the largest one it is made of, else the one it is a part of
 * so far (a year to date moves to the same days a year earlier), else its length in days.
 */
import type { DateRange } from '../semantic/query-plan.js'
import type { Language } from '../semantic/semantic-model.js'
import { calendarDays, type Day } from './calendar-days.js'
import { partName } from './parse-time-range.js'

export type ShiftUnit = 'day' | 'week' | 'month' | 'quarter' | 'half' | 'year' | 'period'

type CalendarUnit = Exclude<ShiftUnit, 'day' | 'period'>

const monthsPer: Readonly<Record<Exclude<CalendarUnit, 'week'>, number>> = { month: 1, quarter: 3, half: 6, year: 12 }
/** Largest first: "the period before" 2025 is 2024, not the December before. */
const naturalUnits: readonly CalendarUnit[] = ['year', 'half', 'quarter', 'month', 'week']

const parse = (iso: string): Day => {
  const day = calendarDays.parse(iso)
  if (day === undefined) throw new Error(`not a YYYY-MM-DD date: ${JSON.stringify(iso)}`)
  return day
}

function unitStart(day: Day, unit: CalendarUnit): Day {
  if (unit === 'week') return calendarDays.weekStart(day)
  const { year, month } = calendarDays.parts(day)
  const size = monthsPer[unit]
  return calendarDays.monthStart(year, Math.floor((month - 1) / size) * size + 1)
}

function isUnitStart(day: Day, unit: CalendarUnit): boolean {
  if (unit === 'week') return calendarDays.parts(day).isoWeekday === 1
  const { month, dayOfMonth } = calendarDays.parts(day)
  return dayOfMonth === 1 && (month - 1) % monthsPer[unit] === 0
}

/** How many whole units the days [start, end] are, or undefined when they are not whole units. */
function wholeUnits(start: Day, end: Day, unit: CalendarUnit): number | undefined {
  if (!isUnitStart(start, unit) || !isUnitStart(end + 1, unit)) return undefined
  if (unit === 'week') return (end - start + 1) / 7
  const a = calendarDays.parts(start)
  const b = calendarDays.parts(end + 1)
  return ((b.year - a.year) * 12 + (b.month - a.month)) / monthsPer[unit]
}

/** Both ends `n` units away; an end on a month's last day stays on one. */
function moveBy(start: Day, end: Day, unit: CalendarUnit, n: number): { start: Day; end: Day } {
  if (unit === 'week') return { start: start + 7 * n, end: end + 7 * n }
  const months = monthsPer[unit] * n
  const movedEnd = calendarDays.isLastDayOfMonth(end) ? calendarDays.addMonths(end + 1, months) - 1 : calendarDays.addMonths(end, months)
  return { start: calendarDays.addMonths(start, months), end: movedEnd }
}

/** The largest unit the period is whole units of, or the one it is the start of so far (a year to date). */
function naturalUnit(start: Day, end: Day): { unit: CalendarUnit; count: number } | undefined {
  for (const unit of naturalUnits) {
    const count = wholeUnits(start, end, unit)
    if (count !== undefined) return { unit, count }
  }
  for (const unit of naturalUnits) {
    if (isUnitStart(start, unit) && moveBy(start, start, unit, 1).start > end) return { unit, count: 1 }
  }
  return undefined
}

/** The period `steps` units before (negative) or after (positive) `range`; the label is left for the caller. */
export function shiftTimeRange(range: DateRange, unit: ShiftUnit, steps: number): DateRange {
  const start = parse(range.start)
  const end = parse(range.end)
  const length = end - start + 1
  let moved: { start: Day; end: Day }
  if (unit === 'period') {
    const natural = naturalUnit(start, end)
    moved = natural ? moveBy(start, end, natural.unit, natural.count * steps) : { start: start + length * steps, end: end + length * steps }
  } else if (unit === 'day') {
    moved = { start: start + length * steps, end: end + length * steps }
  } else {
    const count = wholeUnits(start, end, unit)
    if (count !== undefined) moved = moveBy(start, end, unit, count * steps)
    else if (unit === 'year' && moveBy(start, start, unit, 1).start > end) moved = moveBy(start, end, unit, steps)
    else if (moveBy(start, start, unit, 1).start > end) {
      const first = unitStart(start, unit)
      moved = moveBy(first, moveBy(first, first, unit, 1).start - 1, unit, steps)
    } else {
      // Longer than one unit but not whole units (a year to date, by month): "the month before" moves both ends a
      // month, not the period's own length in days.
      moved = moveBy(start, end, unit, steps)
    }
  }
  return { start: calendarDays.format(moved.start), end: calendarDays.format(moved.end) }
}

/** "May 2026", "Q1 2026", "2025" for a whole month, quarter, half or year; undefined for other periods. */
export function periodName(range: DateRange, language: Language): string | undefined {
  const start = parse(range.start)
  const end = parse(range.end)
  const { year, month } = calendarDays.parts(start)
  if (wholeUnits(start, end, 'year') === 1) return String(year)
  if (wholeUnits(start, end, 'half') === 1) return partName('half', (month + 5) / 6, year, language)
  if (wholeUnits(start, end, 'quarter') === 1) return partName('quarter', (month + 2) / 3, year, language)
  if (wholeUnits(start, end, 'month') === 1) return partName('month', month, year, language)
  return undefined
}
