/**
 * Targets per breakdown key over one period: the monthly sales targets of every month the period overlaps, at the
 * plan's scope: rep targets when it filters or breaks down by rep, region targets for region, else the company's
 * (rep and region both empty). What targets cannot answer (other breakdowns, days, weeks) is refused earlier.
 */
import { sql, type RawBuilder } from 'kysely'
import { filterConditions } from './filter-conditions.js'
import { periodCalendar } from './period-calendar.js'
import type { PlanContext, PlanPeriod } from './plan-context.js'
import { sqlClauses } from './sql-clauses.js'
import { timeBucketSql } from './time-bucket-sql.js'

export type TargetScope = 'rep' | 'region' | 'company'

export function targetFamilySql(ctx: PlanContext, period: PlanPeriod, scope: TargetScope): RawBuilder<unknown> {
  const keys = ctx.keys.map((key) => {
    if (ctx.timeKey && key.column === ctx.timeKey.column) return sql`${timeBucketSql(sql.raw('t.month'), ctx.timeKey.unit, period.shift)} AS ${sql.raw(key.column)}`
    return sql`${sql.raw(key.dimension === 'rep' ? 't.rep_id' : 't.region_id')} AS ${sql.raw(key.column)}`
  })
  const firstMonth = periodCalendar.periodStart(period.start, 'month')
  const conditions = [
    sql`t.month BETWEEN ${sqlClauses.date(firstMonth)} AND ${sqlClauses.date(period.end)}`,
    scope === 'rep' ? sql`t.rep_id IS NOT NULL` : scope === 'region' ? sql`t.region_id IS NOT NULL` : sql`t.rep_id IS NULL AND t.region_id IS NULL`,
    ...filterConditions(ctx.plan.filters, (a) => sql.raw(a === 'rep' ? 't.rep_id' : 't.region_id')),
  ]
  return sql`SELECT ${sql.join([...keys, sql`SUM(t.amount) AS ${sql.raw(`target_${period.index}`)}`])}
FROM sales_targets t${sqlClauses.where(conditions)}${sqlClauses.groupBy(keys.length)}`
}
