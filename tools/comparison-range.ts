/**
 * The period a model-written plan compares with. Whole months (and quarters, years) compare with the same number of
 * whole months before; any other span with the same number of days before; "last year" shifts both ends a year
 * (29 Feb → 28 Feb).
 */
import { calendarDays } from '../src/planner/calendar-days.js'
import type { DateRange } from '../src/semantic/query-plan.js'

export function comparisonRange(range: DateRange, kind: 'previous_period' | 'same_period_last_year'): DateRange {
  const start = calendarDays.parse(range.start)!
  const end = calendarDays.parse(range.end)!
  if (kind === 'same_period_last_year') {
    const shiftedEnd = calendarDays.isLastDayOfMonth(end) ? calendarDays.addMonths(end + 1, -12) - 1 : calendarDays.addYears(end, -1)
    return { start: calendarDays.format(calendarDays.addYears(start, -1)), end: calendarDays.format(shiftedEnd) }
  }
  const s = calendarDays.parts(start)
  if (s.dayOfMonth === 1 && calendarDays.isLastDayOfMonth(end)) {
    const e = calendarDays.parts(end)
    const months = (e.year - s.year) * 12 + (e.month - s.month) + 1
    return { start: calendarDays.format(calendarDays.addMonths(start, -months)), end: calendarDays.format(start - 1) }
  }
  const days = end - start + 1
  return { start: calendarDays.format(start - days), end: calendarDays.format(start - 1) }
}
