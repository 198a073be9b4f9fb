/** The WHERE of a read over a sales source: its date range, the implicit "completed orders only", the plan's filters. */
import { sql, type RawBuilder } from 'kysely'
import { filterConditions } from './filter-conditions.js'
import { periodCalendar } from './period-calendar.js'
import type { PlanContext } from './plan-context.js'
import type { SalesAttribute, SalesSource } from './sales-sources.js'
import { sqlLiteral } from './sql-literal.js'

export interface DateBounds {
  /** First day read (inclusive). */
  readonly from?: number
  /** Last day read (inclusive). */
  readonly through?: number
  /** Only days before this one. */
  readonly before?: number
}

export const dateSql = (day: number) => sqlLiteral.date(periodCalendar.format(day))

export function salesConditions(
  ctx: PlanContext,
  source: SalesSource,
  bounds: DateBounds,
  options: { suffix?: string; keep?: (attribute: SalesAttribute) => boolean } = {},
): RawBuilder<unknown>[] {
  const date = source.column('order_date', options.suffix)
  const conditions: RawBuilder<unknown>[] = []
  if (bounds.from !== undefined && bounds.through !== undefined) conditions.push(sql`${date} BETWEEN ${dateSql(bounds.from)} AND ${dateSql(bounds.through)}`)
  else if (bounds.through !== undefined) conditions.push(sql`${date} <= ${dateSql(bounds.through)}`)
  else if (bounds.from !== undefined) conditions.push(sql`${date} >= ${dateSql(bounds.from)}`)
  if (bounds.before !== undefined) conditions.push(sql`${date} < ${dateSql(bounds.before)}`)
  if (ctx.completedOnly) conditions.push(sql`${source.column('status', options.suffix)} = 'completed'`)
  conditions.push(...filterConditions(ctx.plan.filters, (a) => source.column(a, options.suffix), options.keep))
  return conditions
}

export function whereSql(conditions: readonly RawBuilder<unknown>[]): RawBuilder<unknown> {
  return conditions.length === 0 ? sql`` : sql`\nWHERE ${sql.join(conditions, sql`\n  AND `)}`
}

/** GROUP BY the first `count` output columns, or nothing. */
export function groupBySql(count: number): RawBuilder<unknown> {
  if (count === 0) return sql``
  return sql`\nGROUP BY ${sql.join(Array.from({ length: count }, (_, i) => sqlLiteral.integer(i + 1)))}`
}
