/** Small pieces of SQL the compiled statement is assembled from: date literals, WHERE and GROUP BY clauses. */
import { sql, type RawBuilder } from 'kysely'
import { periodCalendar } from './period-calendar.js'
import { sqlLiteral } from './sql-literal.js'

export const sqlClauses = {
  /** A day number as a checked 'YYYY-MM-DD'::date literal. */
  date: (day: number): RawBuilder<string> => sqlLiteral.date(periodCalendar.format(day)),

  /** WHERE with the conditions joined by AND, or nothing. */
  where(conditions: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
    return conditions.length === 0 ? sql`` : sql`\nWHERE ${sql.join(conditions, sql`\n  AND `)}`
  },

  /** GROUP BY the first `count` output columns, or nothing. */
  groupBy(count: number): RawBuilder<unknown> {
    if (count === 0) return sql``
    return sql`\nGROUP BY ${sql.join(Array.from({ length: count }, (_, i) => sqlLiteral.integer(i + 1)))}`
  },
}
