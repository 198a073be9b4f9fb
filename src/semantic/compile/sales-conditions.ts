/** The WHERE of a read over a sales source: its date range, the implicit "completed orders only", the plan's filters. */
import { sql, type RawBuilder } from 'kysely'
import { filterConditions } from './filter-conditions.js'
import type { PlanContext } from './plan-context.js'
import type { SalesAttribute, SalesSource } from './sales-sources.js'
import { sqlClauses } from './sql-clauses.js'

export interface DateBounds {
  /** First day read (inclusive). */
  readonly from?: number
  /** Last day read (inclusive). */
  readonly through?: number
  /** Only days before this one. */
  readonly before?: number
}

export function salesConditions(
  ctx: PlanContext,
  source: SalesSource,
  bounds: DateBounds,
  options: { suffix?: string; keep?: (attribute: SalesAttribute) => boolean } = {},
): RawBuilder<unknown>[] {
  const date = source.column('order_date', options.suffix)
  const conditions: RawBuilder<unknown>[] = []
  if (bounds.from !== undefined && bounds.through !== undefined) conditions.push(sql`${date} BETWEEN ${sqlClauses.date(bounds.from)} AND ${sqlClauses.date(bounds.through)}`)
  else if (bounds.through !== undefined) conditions.push(sql`${date} <= ${sqlClauses.date(bounds.through)}`)
  else if (bounds.from !== undefined) conditions.push(sql`${date} >= ${sqlClauses.date(bounds.from)}`)
  if (bounds.before !== undefined) conditions.push(sql`${date} < ${sqlClauses.date(bounds.before)}`)
  if (ctx.completedOnly) conditions.push(sql`${source.column('status', options.suffix)} = 'completed'`)
  conditions.push(...filterConditions(ctx.plan.filters, (a) => source.column(a, options.suffix), options.keep))
  return conditions
}
