/**
 * Which days a digest covers, given the day it fires ("today", in the business time zone), and the two periods it is
 * compared with. Today's sales are never in: a digest is about finished days, as the forecaster counts sales up to
 * yesterday.
 *
 *   previous_day    yesterday.
 *   previous_week   the last complete Monday–Sunday week before today (on a Monday: the week that ended yesterday).
 *   previous_month  the calendar month before today's.
 *   week_to_date    Monday of yesterday's week to yesterday: on a Monday that is the whole week just ended, so the
 *                   digest never covers zero days.
 *   month_to_date   the 1st of yesterday's month to yesterday: on the 1st, the whole month just ended.
 *
 * Previous period: as long, and immediately before for whole periods — the day before, the week before, the whole
 * month before. A partial period is compared with the same days one step earlier, so a Monday–Tuesday week to date
 * meets last week's Monday–Tuesday (not the weekend just before it) and 1–16 Nov meets 1–16 Oct (clamped to the
 * shorter month: 1–30 Mar against 1–28 Feb).
 * Last year: for day and week periods 52 weeks (364 days) earlier, so a Monday is compared with a Monday (a B2B
 * distributor's Sunday sells a fraction of a Monday); for month periods the same calendar dates one year earlier,
 * a month's last day mapping to the last day (month to date to 29 Feb 2028 → to 28 Feb 2027; all of February 2029,
 * to the 28th → all of February 2028, to the 29th).
 */
import type { DigestPeriodKind } from '../digest-contract.js'
import { AppError } from '../../errors/app-error.js'
import { calendarDays, type Day } from '../../planner/calendar-days.js'
import type { DateRange } from '../../semantic/query-plan.js'

export interface DigestPeriod {
  readonly kind: DigestPeriodKind
  readonly current: DateRange
  readonly previous: DateRange
  readonly lastYear: DateRange
  /** 'week' for day and week periods (compared by weekday), 'month' for month periods (compared by calendar date). */
  readonly cadence: 'week' | 'month'
}

const weeksInYear = 52

export function computeDigestPeriod(kind: DigestPeriodKind, today: string): DigestPeriod {
  const day = calendarDays.parse(today)
  if (day === undefined || !/^\d{4}-\d{2}-\d{2}$/.test(today)) {
    throw new AppError('bad_request', `The digest's "today" must be a date written YYYY-MM-DD, got "${today}".`, { today })
  }
  const yesterday = day - 1
  switch (kind) {
    case 'previous_day':
      return byWeek(kind, yesterday, yesterday, 1)
    case 'previous_week': {
      const monday = calendarDays.weekStart(day)
      return byWeek(kind, monday - 7, monday - 1, 7)
    }
    case 'week_to_date':
      return byWeek(kind, calendarDays.weekStart(yesterday), yesterday, 7)
    case 'previous_month': {
      const { year, month } = calendarDays.parts(day)
      const first = calendarDays.monthStart(year, month - 1)
      return byMonth(kind, first, calendarDays.monthStart(year, month) - 1)
    }
    case 'month_to_date': {
      const { year, month } = calendarDays.parts(yesterday)
      return byMonth(kind, calendarDays.monthStart(year, month), yesterday)
    }
    default:
      throw new AppError('bad_request', `Unknown digest period "${String(kind)}".`, { period: kind })
  }
}

/** `shift`: days back to the previous period (1 for a day, 7 for a week or a week to date). */
function byWeek(kind: DigestPeriodKind, start: Day, end: Day, shift: number): DigestPeriod {
  const yearBack = weeksInYear * 7
  return {
    kind,
    cadence: 'week',
    current: range(start, end),
    previous: range(start - shift, end - shift),
    lastYear: range(start - yearBack, end - yearBack),
  }
}

/** `start` is the 1st of a month; `end` its last day or a day inside it. */
function byMonth(kind: DigestPeriodKind, start: Day, end: Day): DigestPeriod {
  const previousStart = calendarDays.addMonths(start, -1)
  return {
    kind,
    cadence: 'month',
    current: range(start, end),
    previous: range(previousStart, sameDayMonthsBefore(end, 1)),
    lastYear: range(calendarDays.addYears(start, -1), sameDayMonthsBefore(end, 12)),
  }
}

/** The same day `months` earlier; a month's last day maps to that month's last day, others are clamped to it. */
function sameDayMonthsBefore(day: Day, months: number): Day {
  if (calendarDays.isLastDayOfMonth(day)) return calendarDays.addMonths(day + 1, -months) - 1
  return calendarDays.addMonths(day, -months)
}

const range = (start: Day, end: Day): DateRange => ({ start: calendarDays.format(start), end: calendarDays.format(end) })
