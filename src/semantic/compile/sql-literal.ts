/**
 * Values inlined into compiled SQL as literals, so the SQL shown to a user runs as is in psql. Each value is checked
 * for its kind before it becomes SQL text; anything else is refused, never passed through.
 *   dates    'YYYY-MM-DD'::date, real calendar dates only;
 *   integers safe integers (ids, counts, day offsets), negative ones parenthesised;
 *   text     '…' with ' doubled; text containing a backslash becomes E'…' with \ doubled too, which reads the same
 *            whatever standard_conforming_strings says. NUL and unpaired surrogates cannot be stored in PostgreSQL
 *            text, so they are refused.
 */
import { sql, type RawBuilder } from 'kysely'
import { periodCalendar } from './period-calendar.js'
import { PlanCompileError } from './plan-compile-error.js'

/** Longest text value accepted; names in the sales model are far shorter. */
const maxTextLength = 500

export const sqlLiteral = {
  date(value: string): RawBuilder<string> {
    if (periodCalendar.parse(value) === undefined) throw new PlanCompileError(`${JSON.stringify(value)} is not a calendar date (YYYY-MM-DD).`)
    return sql<string>`${sql.lit(value)}::date`
  },

  integer(value: number): RawBuilder<number> {
    if (typeof value !== 'number' || !Number.isSafeInteger(value)) throw new PlanCompileError(`${JSON.stringify(value)} is not an integer.`)
    return value < 0 ? sql<number>`(${sql.lit(value)})` : sql<number>`${sql.lit(value)}`
  },

  text(value: string): RawBuilder<string> {
    if (typeof value !== 'string') throw new PlanCompileError(`${JSON.stringify(value)} is not text.`)
    if (value.length > maxTextLength) throw new PlanCompileError(`A filter value is longer than ${maxTextLength} characters.`)
    if (value.includes('\u0000') || /\p{Cs}/u.test(value)) throw new PlanCompileError('A filter value contains characters that are not valid text.')
    if (!value.includes('\\')) return sql<string>`${sql.lit(value)}`
    const escaped = value.replace(/\\/g, '\\\\').replace(/'/g, "''")
    return sql<string>`${sql.raw(`E'${escaped}'`)}`
  },
}
