/** Sums and counts of sales lines per breakdown key, over one period, from the chosen source. */
import { sql, type RawBuilder } from 'kysely'
import type { PlanContext, PlanPeriod } from './plan-context.js'
import { salesConditions } from './sales-conditions.js'
import type { SalesAttribute, SalesMeasure, SalesSource } from './sales-sources.js'
import { sqlClauses } from './sql-clauses.js'
import { timeBucketSql } from './time-bucket-sql.js'

export function salesFamilySql(ctx: PlanContext, period: PlanPeriod, source: SalesSource, measures: readonly SalesMeasure[]): RawBuilder<unknown> {
  const keys = ctx.keys.map((key) => {
    const value = ctx.timeKey && key.column === ctx.timeKey.column
      ? timeBucketSql(source.column('order_date'), ctx.timeKey.unit, period.shift)
      : source.column(key.dimension as SalesAttribute)
    return sql`${value} AS ${sql.raw(key.column)}`
  })
  const values = measures.map((m) => sql`${source.measure(m)} AS ${sql.raw(`${m}_${period.index}`)}`)
  const used = new Set<SalesAttribute>([...ctx.attributes, 'order_date'])
  return sql`SELECT ${sql.join([...keys, ...values])}
FROM ${source.from(used)}${sqlClauses.where(salesConditions(ctx, source, { from: period.start, through: period.end }))}${sqlClauses.groupBy(keys.length)}`
}
