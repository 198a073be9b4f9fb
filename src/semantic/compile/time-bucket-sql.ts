/**
 * The first day of a date's period as a date (weeks start on Monday), optionally moved forward by whole periods to
 * line a comparison up with the main range. Dates are truncated as timestamps without time zone, so the session's
 * time zone can never move a day into another period.
 */
import { sql, type RawBuilder } from 'kysely'
import type { TimeDimensionId } from '../semantic-model.js'
import { sqlLiteral } from './sql-literal.js'

const monthsPer = { month: 1, quarter: 3, year: 12 } as const

export function timeBucketSql(date: RawBuilder<unknown>, unit: TimeDimensionId, shift = 0): RawBuilder<unknown> {
  if (unit === 'day') return shift === 0 ? date : sql`${date} + ${sqlLiteral.integer(shift)}`
  if (unit === 'week') {
    const monday = sql`date_trunc('week', ${date}::timestamp)::date`
    return shift === 0 ? monday : sql`${monday} + ${sqlLiteral.integer(7 * shift)}`
  }
  const truncated = sql`date_trunc(${sql.lit(unit)}, ${date}::timestamp)`
  if (shift === 0) return sql`${truncated}::date`
  return sql`(${truncated} + ${sqlLiteral.text(`${shift * monthsPer[unit]} months`)}::interval)::date`
}
