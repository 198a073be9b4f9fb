/**
 * New and churned customers from summary_customer_firsts (each customer's first order per rep and status) instead of
 * a pass over the whole order history. Exact whenever the plan groups and filters only by rep, status and customer
 * attributes: the first order over the reps and statuses the plan looks at is the smallest of those firsts.
 *   new:      customers whose first such order falls in the period (per rep or status value when broken down by it);
 *   churned:  as of an end date E, customers whose first such order is on or before E − 90 days and who have no such
 *             order in (E − 90, E] — read from summary_orders over that window only (one window per period end,
 *             scanned together).
 */
import { sql, type RawBuilder } from 'kysely'
import { churnWindowDays } from './churn-window.js'
import { filterConditions } from './filter-conditions.js'
import type { PlanContext, PlanKey, PlanPeriod } from './plan-context.js'
import type { SalesAttribute } from './sales-sources.js'
import { sqlClauses } from './sql-clauses.js'
import { timeBucketSql } from './time-bucket-sql.js'

/** Attributes kept by summary_customer_firsts (rep, status) or belonging to the customer. */
const answerable = new Set<SalesAttribute>(['rep', 'status', 'customer', 'region', 'state', 'city', 'segment'])
/** Attributes of the first order itself, so a breakdown by them keeps one first per value. */
const ofOrder = new Set<SalesAttribute>(['rep', 'status'])
const customerColumns: Partial<Record<SalesAttribute, string>> = { region: 'c.region_id', state: 'c.state', city: 'c.city', segment: 'c.segment', customer: 'x.customer_id' }

const answers = (ctx: PlanContext): boolean => [...ctx.attributes].every((a) => answerable.has(a))

const isOrderKey = (key: PlanKey) => ofOrder.has(key.dimension as SalesAttribute)
const orderColumn = (alias: string, attribute: SalesAttribute) => sql.raw(`${alias}.${attribute === 'rep' ? 'rep_id' : 'status'}`)
const needsCustomers = (ctx: PlanContext) => ['region', 'state', 'city', 'segment'].some((a) => ctx.attributes.has(a as SalesAttribute))

/** Per customer (and rep or status value when broken down by it): the first order the plan counts. */
function firstsSql(ctx: PlanContext): RawBuilder<unknown> {
  const keys = ctx.entityKeys.filter(isOrderKey).map((k) => sql`${orderColumn('f', k.dimension as SalesAttribute)} AS ${sql.raw(k.column)}`)
  const conditions = [
    ...(ctx.completedOnly ? [sql`f.status = 'completed'`] : []),
    ...filterConditions(ctx.plan.filters, (a) => orderColumn('f', a), (a) => ofOrder.has(a)),
  ]
  return sql`SELECT ${sql.join([sql`f.customer_id`, ...keys, sql`MIN(f.first_date) AS first_date`])}
  FROM summary_customer_firsts f${sqlClauses.where(conditions)}${sqlClauses.groupBy(keys.length + 1)}`
}

function outerKeys(ctx: PlanContext, time: (key: PlanKey) => RawBuilder<unknown>): RawBuilder<unknown>[] {
  return ctx.keys.map((key) => {
    if (ctx.timeKey && key.column === ctx.timeKey.column) return sql`${time(key)} AS ${sql.raw(key.column)}`
    if (isOrderKey(key)) return sql`${sql.raw(`x.${key.column}`)} AS ${sql.raw(key.column)}`
    return sql`${sql.raw(customerColumns[key.dimension as SalesAttribute]!)} AS ${sql.raw(key.column)}`
  })
}

const customerFilters = (ctx: PlanContext) => filterConditions(ctx.plan.filters, (a) => sql.raw(customerColumns[a]!), (a) => !ofOrder.has(a))
const customersJoin = (ctx: PlanContext) => (needsCustomers(ctx) ? sql`\nJOIN customers c ON c.id = x.customer_id` : sql``)

function newCustomers(ctx: PlanContext, period: PlanPeriod): RawBuilder<unknown> {
  const keys = outerKeys(ctx, () => timeBucketSql(sql.raw('x.first_date'), ctx.timeKey!.unit, period.shift))
  const conditions = [sql`x.first_date BETWEEN ${sqlClauses.date(period.start)} AND ${sqlClauses.date(period.end)}`, ...customerFilters(ctx)]
  return sql`SELECT ${sql.join([...keys, sql`COUNT(*) AS ${sql.raw(`new_customers_${period.index}`)}`])}
FROM (
  ${firstsSql(ctx)}
) AS x${customersJoin(ctx)}${sqlClauses.where(conditions)}${sqlClauses.groupBy(keys.length)}`
}

function churnedCustomers(ctx: PlanContext, period: PlanPeriod): RawBuilder<unknown> {
  const buckets = period.buckets
  const cutoff = (end: number) => end - churnWindowDays
  const orderKeys = ctx.entityKeys.filter(isOrderKey)
  // Who bought in each window (cutoff, end]; one pass over the union of the windows.
  const windowKeys = orderKeys.map((k) => sql`${orderColumn('s', k.dimension as SalesAttribute)} AS ${sql.raw(k.column)}`)
  const active = buckets.map(
    (b, i) => sql`BOOL_OR(s.order_date > ${sqlClauses.date(cutoff(b.end))} AND s.order_date <= ${sqlClauses.date(b.end)}) AS ${sql.raw(`active_${i + 1}`)}`,
  )
  const windowConditions = [
    sql`s.order_date > ${sqlClauses.date(Math.min(...buckets.map((b) => cutoff(b.end))))} AND s.order_date <= ${sqlClauses.date(period.end)}`,
    ...(ctx.completedOnly ? [sql`s.status = 'completed'`] : []),
    ...filterConditions(ctx.plan.filters, (a) => orderColumn('s', a), (a) => ofOrder.has(a)),
  ]
  const windows = sql`SELECT ${sql.join([sql`s.customer_id`, ...windowKeys, ...active])}
  FROM summary_orders s${sqlClauses.where(windowConditions)}${sqlClauses.groupBy(windowKeys.length + 1)}`
  const sameKeys = orderKeys.map((k) => sql` AND ${sql.raw(`r.${k.column} = x.${k.column}`)}`)
  const churnedAt = (i: number) => sql`x.first_date <= ${sqlClauses.date(cutoff(buckets[i]!.end))} AND ${sql.raw(`r.active_${i + 1}`)} IS NOT TRUE`
  const column = sql.raw(`churned_customers_${period.index}`)
  const from = sql`FROM (
  ${firstsSql(ctx)}
) AS x
LEFT JOIN (
  ${windows}
) AS r ON r.customer_id = x.customer_id${sql.join(sameKeys, sql``)}${customersJoin(ctx)}`

  if (!ctx.timeKey) {
    const keys = outerKeys(ctx, () => sql``)
    return sql`SELECT ${sql.join([...keys, sql`COUNT(*) AS ${column}`])}
${from}${sqlClauses.where([churnedAt(0), ...customerFilters(ctx)])}${sqlClauses.groupBy(keys.length)}`
  }
  // Counted per period side by side first, then one row per period: the planner sees a handful of rows to unpivot
  // instead of one per customer and period, and estimates (and costs) the query sensibly.
  const entity = ctx.entityKeys.map((key) => {
    const value = isOrderKey(key) ? sql.raw(`x.${key.column}`) : sql.raw(customerColumns[key.dimension as SalesAttribute]!)
    return sql`${value} AS ${sql.raw(key.column)}`
  })
  const counts = buckets.map((_, i) => sql`COUNT(*) FILTER (WHERE ${churnedAt(i)}) AS ${sql.raw(`churned_${i + 1}`)}`)
  const perPeriod = buckets.map((b, i) => sql`(${sqlClauses.date(b.key)}, ${sql.raw(`n.churned_${i + 1}`)})`)
  const keys = ctx.keys.map((key) => sql`${sql.raw(key.column === ctx.timeKey!.column ? 'v.period' : `n.${key.column}`)} AS ${sql.raw(key.column)}`)
  return sql`SELECT ${sql.join([...keys, sql`v.churned AS ${column}`])}
FROM (
  SELECT ${sql.join([...entity, ...counts])}
  ${from}${sqlClauses.where(customerFilters(ctx))}${sqlClauses.groupBy(entity.length)}
) AS n
CROSS JOIN LATERAL (VALUES ${sql.join(perPeriod)}) AS v (period, churned)
WHERE v.churned > 0`
}

export const customerFirstsSql = { answers, newCustomers, churnedCustomers }
