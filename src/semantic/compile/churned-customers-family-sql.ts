/**
 * Churned customers per breakdown key, as of the end of a period: customers with an order on or before (end − 90
 * days) and none in the 90 days up to the end, among the orders the plan looks at (completed, or the statuses it asks
 * for, and its filters). Equivalently: the customer's last such order on or before the end is at least 90 days old.
 *
 * With a time breakdown it is counted as of each period's end (the range end for the period the range ends in): one
 * pass over the history computes every customer's last order before each of those ends, side by side.
 */
import { sql, type RawBuilder } from 'kysely'
import { churnWindowDays } from './churn-window.js'
import type { PlanContext, PlanPeriod } from './plan-context.js'
import { salesConditions } from './sales-conditions.js'
import type { SalesAttribute, SalesSource } from './sales-sources.js'
import { sqlClauses } from './sql-clauses.js'

export function churnedCustomersFamilySql(ctx: PlanContext, period: PlanPeriod, source: SalesSource): RawBuilder<unknown> {
  const used = new Set<SalesAttribute>([...ctx.attributes, 'order_date', 'customer_id'])
  const date = source.column('order_date')
  const column = sql.raw(`churned_customers_${period.index}`)
  const inner = ctx.entityKeys.map((key) => sql`${source.column(key.dimension as SalesAttribute)} AS ${sql.raw(key.column)}`)
  const conditions = salesConditions(ctx, source, { through: period.end })
  const cutoff = (end: number) => sqlClauses.date(end - churnWindowDays)

  if (!ctx.timeKey) {
    const lasts = sql`SELECT ${sql.join([...inner, sql`${source.column('customer_id')} AS customer_id`, sql`MAX(${date}) AS last_date`])}
  FROM ${source.from(used)}${sqlClauses.where(conditions)}${sqlClauses.groupBy(inner.length + 1)}`
    const outer = ctx.entityKeys.map((key) => sql`${sql.raw(`l.${key.column}`)} AS ${sql.raw(key.column)}`)
    return sql`SELECT ${sql.join([...outer, sql`COUNT(*) AS ${column}`])}
FROM (
  ${lasts}
) AS l
WHERE l.last_date <= ${cutoff(period.end)}${sqlClauses.groupBy(outer.length)}`
  }

  const lastBefore = period.buckets.map((bucket, i) => sql`MAX(${date}) FILTER (WHERE ${date} <= ${sqlClauses.date(bucket.end)}) AS ${sql.raw(`last_${i + 1}`)}`)
  const lasts = sql`SELECT ${sql.join([...inner, sql`${source.column('customer_id')} AS customer_id`, ...lastBefore])}
  FROM ${source.from(used)}${sqlClauses.where(conditions)}${sqlClauses.groupBy(inner.length + 1)}`
  // Counted per period side by side, then unpivoted: a handful of rows, not one per customer and period.
  const entity = ctx.entityKeys.map((key) => sql`${sql.raw(`l.${key.column}`)} AS ${sql.raw(key.column)}`)
  const counts = period.buckets.map(
    (bucket, i) => sql`COUNT(*) FILTER (WHERE ${sql.raw(`l.last_${i + 1}`)} <= ${cutoff(bucket.end)}) AS ${sql.raw(`churned_${i + 1}`)}`,
  )
  const perPeriod = period.buckets.map((bucket, i) => sql`(${sqlClauses.date(bucket.key)}, ${sql.raw(`n.churned_${i + 1}`)})`)
  const outer = ctx.keys.map((key) => sql`${sql.raw(key.column === ctx.timeKey!.column ? 'v.period' : `n.${key.column}`)} AS ${sql.raw(key.column)}`)
  return sql`SELECT ${sql.join([...outer, sql`v.churned AS ${column}`])}
FROM (
  SELECT ${sql.join([...entity, ...counts])}
  FROM (
    ${lasts}
  ) AS l${sqlClauses.groupBy(entity.length)}
) AS n
CROSS JOIN LATERAL (VALUES ${sql.join(perPeriod)}) AS v (period, churned)
WHERE v.churned > 0`
}
