/**
 * Cron expressions for digests, read with croner: five fields (minute hour day-of-month month day-of-week) in an IANA
 * time zone. croner does the DST arithmetic — a time skipped by a spring-forward fires at the first minute that exists,
 * a time repeated by a fall-back fires once.
 */
import { Cron } from 'croner'
import type { DigestPeriodKind } from '../digest-contract.js'

export const cronExample = "'0 8 * * 1' (Mondays 08:00) or '30 7 * * *' (every day 07:30)"

/** What is wrong with a cron expression, in words an admin can act on; undefined when it is fine. */
export function cronProblem(cron: string): string | undefined {
  const fields = cron.trim().split(/\s+/)
  if (cron.trim().startsWith('@')) return `use the five fields instead of a nickname, e.g. ${cronExample}`
  if (fields.length !== 5) {
    const seconds = fields.length === 6 || fields.length === 7 ? ' (seconds and years are not supported)' : ''
    return `must have five fields — minute hour day-of-month month day-of-week${seconds} — e.g. ${cronExample}`
  }
  try {
    // Parsing is all we want here; `paused` keeps croner from scheduling anything.
    new Cron(cron, { paused: true, mode: '5-part' })
  } catch (error) {
    return `is not a valid cron expression (${cronReason(error)}); e.g. ${cronExample}`
  }
  // A digest is a summary, not an alert: at most one post an hour, so the minute must be one number.
  if (!/^\d{1,2}$/.test(fields[0]!)) return `must name one minute of the hour (digests go out at most hourly), e.g. ${cronExample}`
  return undefined
}

const cronReason = (error: unknown) => (error instanceof Error ? error.message.replace(/^CronPattern:\s*/, '') : String(error))

const cronOf = (cron: string, timeZone: string) => new Cron(cron, { paused: true, mode: '5-part', timezone: timeZone })

/** Fire times in (after, until], oldest first, at most `limit` of them (the oldest ones when there are more). */
export function nextFireTimes(cron: string, timeZone: string, after: Date, until: Date, limit = 1000): Date[] {
  const job = cronOf(cron, timeZone)
  const times: Date[] = []
  let cursor: Date | null = after
  while (times.length < limit) {
    cursor = job.nextRun(cursor)
    if (!cursor || cursor.getTime() > until.getTime()) break
    times.push(cursor)
  }
  return times
}

/**
 * The period a schedule covers when none is given, from how often it fires: a day of the month → the previous month,
 * a day of the week → the previous week, otherwise the previous day.
 */
export function defaultPeriodOf(cron: string): DigestPeriodKind {
  const [, , dayOfMonth, , dayOfWeek] = cron.trim().split(/\s+/)
  if (dayOfMonth !== '*' && dayOfWeek === '*') return 'previous_month'
  if (dayOfWeek !== '*' && dayOfMonth === '*' && !isEveryWeekday(dayOfWeek!)) return 'previous_week'
  return 'previous_day'
}

/** '1-5', 'MON-FRI', '0-6': a working-day digest is a daily one. */
const isEveryWeekday = (dayOfWeek: string) => /^(1-5|mon-fri|0-6|\*|sun-sat|0-7)$/i.test(dayOfWeek)
