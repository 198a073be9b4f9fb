/**
 * New customers per breakdown key over one period: customers whose first order among the orders the plan looks at
 * (completed, or the statuses it asks for, and its filters) falls in the period.
 *
 * Each customer's first order date inside the period is found first; the customer is new when no such order exists
 * before the period starts. With a breakdown by an order or line attribute (rep, channel, product…) "first" is per
 * value: a customer's first order with that rep. With a time breakdown the customer counts in the period of that
 * first order.
 */
import { sql, type RawBuilder } from 'kysely'
import { isCustomerAttribute } from './customer-attributes.js'
import type { PlanContext, PlanPeriod } from './plan-context.js'
import { salesConditions } from './sales-conditions.js'
import type { SalesAttribute, SalesSource } from './sales-sources.js'
import { sqlClauses } from './sql-clauses.js'
import { timeBucketSql } from './time-bucket-sql.js'

const nullableAttributes = new Set<SalesAttribute>(['state', 'city', 'brand'])

export function newCustomersFamilySql(ctx: PlanContext, period: PlanPeriod, source: SalesSource): RawBuilder<unknown> {
  const used = new Set<SalesAttribute>([...ctx.attributes, 'order_date', 'customer_id'])
  const inner = ctx.entityKeys.map((key) => sql`${source.column(key.dimension as SalesAttribute)} AS ${sql.raw(key.column)}`)
  const firsts = sql`SELECT ${sql.join([...inner, sql`${source.column('customer_id')} AS customer_id`, sql`MIN(${source.column('order_date')}) AS first_date`])}
  FROM ${source.from(used)}${sqlClauses.where(salesConditions(ctx, source, { from: period.start, through: period.end }))}${sqlClauses.groupBy(inner.length + 1)}`

  // An earlier order of the same customer that the plan would count, with the same order or line attributes.
  const orderLevel = (a: SalesAttribute) => !isCustomerAttribute(a)
  const earlierUsed = new Set<SalesAttribute>([...used].filter(orderLevel))
  const sameKeys = ctx.entityKeys
    .filter((key) => orderLevel(key.dimension as SalesAttribute))
    .map((key) => {
      const column = source.column(key.dimension as SalesAttribute, '2')
      const own = sql.raw(`f.${key.column}`)
      return nullableAttributes.has(key.dimension as SalesAttribute) ? sql`${column} IS NOT DISTINCT FROM ${own}` : sql`${column} = ${own}`
    })
  const earlier = [
    sql`${source.column('customer_id', '2')} = f.customer_id`,
    ...salesConditions(ctx, source, { before: period.start }, { suffix: '2', keep: orderLevel }),
    ...sameKeys,
  ]

  const outer = ctx.keys.map((key) => {
    if (ctx.timeKey && key.column === ctx.timeKey.column) return sql`${timeBucketSql(sql.raw('f.first_date'), ctx.timeKey.unit, period.shift)} AS ${sql.raw(key.column)}`
    return sql`${sql.raw(`f.${key.column}`)} AS ${sql.raw(key.column)}`
  })
  return sql`SELECT ${sql.join([...outer, sql`COUNT(*) AS ${sql.raw(`new_customers_${period.index}`)}`])}
FROM (
  ${firsts}
) AS f
WHERE NOT EXISTS (
  SELECT 1 FROM ${source.from(earlierUsed, '2')}${sqlClauses.where(earlier)}
)${sqlClauses.groupBy(outer.length)}`
}
