/**
 * Compiles a QueryPlan into one SELECT whose values are inlined as checked literals, so the SQL shown to a user runs
 * as is in psql, passes the SQL guard's analytics policy and runs through the guarded runner for every principal (a
 * rep's orders, order_items, sales_targets and summaries are replaced by scoped WITH items: relations are named plainly).
 *
 * Shape of the SQL: one WITH item per metric family and period, each grouped by the breakdown keys (ids for entities,
 * values for attributes, a period's first day for time):
 *   sales_<p>              sums and counts of sales lines, from the smallest source that answers exactly
 *                          (compile/choose-sales-source.ts): a summary table, else orders ⋈ order_items;
 *   new_customers_<p>, churned_customers_<p>  from each customer's first order (compile/customer-firsts-sql.ts)
 *                          when the plan groups and filters only by rep, status and customer attributes, else from
 *                          the order history (summary_orders, or the base tables for product attributes);
 *   target_<p>             monthly targets at the plan's scope;
 *   totals                 (only with several) the families and periods side by side: UNION ALL, then GROUP BY the
 *                          keys, which is a FULL JOIN that also matches empty (NULL) attribute values;
 *   metrics                the metrics from the totals: additive ones 0 where absent, ratios NULL on a zero divisor.
 * The final SELECT shows names for entity keys, computes <m>_previous/_change/_change_pct with a comparison, orders
 * and limits.
 *
 * Conventions (the answer text relies on them):
 *   - Only completed orders count, unless the plan filters or breaks down by status (then those statuses count).
 *   - A group (or period) appears when one of the asked metrics has something in it: time series are not
 *     zero-filled, so a period without sales is absent; a plan without breakdown always returns one row. Churned
 *     customers by period are counted as of each period's end, so a period without sales still appears when
 *     customers churned by its end. Additive metrics of a group that appears are 0 where it had nothing, not NULL.
 *   - target: months overlapping the range, at the plan's scope (rep filter/breakdown → rep targets; region → region
 *     targets; else company targets); target_attainment = revenue in the range / that target.
 *   - A comparison with a time breakdown lines the k-th period of the comparison range up with the k-th period of
 *     the main range (same period last year: month M with month M − 12), reported under the main period.
 *   - Ordering: plan.sort, then the breakdowns; by default time ascending, then the first metric descending, then the
 *     other breakdowns; names tie-break by id, so the order is total and the same every time.
 * Refused with a PlanCompileError (422) rather than answered approximately: malformed plans (unknown metrics or
 * dimensions, ids that are not integers, impossible dates, a sort on something not asked for…); targets broken down or
 * filtered by anything but month/quarter/year, rep and region, or by both rep and region; churned customers as of
 * more than 36 period ends per range (e.g. by day over a quarter).
 */
import { sql, type RawBuilder } from 'kysely'
import { chooseSalesSource } from './compile/choose-sales-source.js'
import { churnedCustomersFamilySql } from './compile/churned-customers-family-sql.js'
import { compilerDatabase } from './compile/compiler-database.js'
import { customerFirstsSql } from './compile/customer-firsts-sql.js'
import { newCustomersFamilySql } from './compile/new-customers-family-sql.js'
import { PlanCompileError } from './compile/plan-compile-error.js'
import { buildPlanContext, type PlanContext, type PlanKey } from './compile/plan-context.js'
import { salesFamilySql } from './compile/sales-family-sql.js'
import type { SalesAttribute, SalesMeasure } from './compile/sales-sources.js'
import { sqlClauses } from './compile/sql-clauses.js'
import { sqlLiteral } from './compile/sql-literal.js'
import { targetFamilySql, type TargetScope } from './compile/target-family-sql.js'
import { validatePlan } from './compile/validate-plan.js'
import type { CompiledPlan, PlanColumn, QueryPlan } from './query-plan.js'
import { dimensions, type DimensionId, type MetricId } from './semantic-model.js'

export { PlanCompileError } from './compile/plan-compile-error.js'

export interface CompilePlanOptions {
  /** LIMIT of a plan that sets none (a breakdown by customer × day can be huge). */
  readonly maxRows?: number
  /** false reads the base tables only: to check the summaries against them, or to time the difference. */
  readonly useSummaries?: boolean
}

/** Periods a churn series may have per range: each is a column of one pass over the history. */
const maxChurnPeriods = 36

type Measure = SalesMeasure | 'new_customers' | 'churned_customers' | 'target'
const measureTypes: Record<Measure, 'numeric' | 'bigint'> = {
  revenue: 'numeric',
  gross_profit: 'numeric',
  target: 'numeric',
  units: 'bigint',
  orders: 'bigint',
  active_customers: 'bigint',
  new_customers: 'bigint',
  churned_customers: 'bigint',
}

/** The sums and counts each metric is computed from. */
const measuresOf: Record<MetricId, readonly Measure[]> = {
  revenue: ['revenue'],
  orders: ['orders'],
  average_ticket: ['revenue', 'orders'],
  units: ['units'],
  gross_profit: ['gross_profit'],
  margin_pct: ['gross_profit', 'revenue'],
  active_customers: ['active_customers'],
  new_customers: ['new_customers'],
  churned_customers: ['churned_customers'],
  target: ['target'],
  target_attainment: ['revenue', 'target'],
}

const salesMeasureIds = new Set<Measure>(['revenue', 'units', 'gross_profit', 'orders', 'active_customers'])

/** Tables that hold the names shown for entity breakdowns. */
const entityTables: Partial<Record<DimensionId, string>> = {
  region: 'regions',
  rep: 'sales_reps',
  customer: 'customers',
  product: 'products',
  category: 'categories',
}

export function compilePlan(plan: QueryPlan, options: CompilePlanOptions = {}): CompiledPlan {
  validatePlan(plan)
  if (options.maxRows !== undefined && !(Number.isSafeInteger(options.maxRows) && options.maxRows >= 1)) {
    throw new RangeError(`maxRows must be a positive integer, got ${options.maxRows}`)
  }
  const ctx = buildPlanContext(plan)
  const useSummaries = options.useSummaries !== false
  const measures = new Set(plan.metrics.flatMap((m) => measuresOf[m]))
  const salesMeasures = [...measures].filter((m): m is SalesMeasure => salesMeasureIds.has(m))
  const targetScope = measures.has('target') ? targetScopeOf(ctx) : undefined
  if (measures.has('churned_customers')) checkChurnPeriods(ctx)

  const used = new Set<SalesAttribute>([...ctx.attributes, 'order_date'])
  const salesSource = salesMeasures.length > 0 ? chooseSalesSource(used, new Set(salesMeasures), useSummaries) : undefined
  const customerSource = chooseSalesSource(new Set<SalesAttribute>([...used, 'customer_id']), new Set(), useSummaries)
  const fromFirsts = useSummaries && customerFirstsSql.answers(ctx)

  const ctes: Array<{ name: string; body: RawBuilder<unknown> }> = []
  const columns: Array<{ name: string; type: 'numeric' | 'bigint'; cte: string }> = []
  const add = (name: string, body: RawBuilder<unknown>, own: Measure[], index: number) => {
    ctes.push({ name, body })
    for (const m of own) columns.push({ name: `${m}_${index}`, type: measureTypes[m], cte: name })
  }
  for (const period of ctx.periods) {
    const p = period.index
    if (salesSource) add(`sales_${p}`, salesFamilySql(ctx, period, salesSource, salesMeasures), salesMeasures, p)
    if (measures.has('new_customers')) {
      const body = fromFirsts ? customerFirstsSql.newCustomers(ctx, period) : newCustomersFamilySql(ctx, period, customerSource)
      add(`new_customers_${p}`, body, ['new_customers'], p)
    }
    if (measures.has('churned_customers')) {
      const body = fromFirsts ? customerFirstsSql.churnedCustomers(ctx, period) : churnedCustomersFamilySql(ctx, period, customerSource)
      add(`churned_customers_${p}`, body, ['churned_customers'], p)
    }
    if (targetScope) add(`target_${p}`, targetFamilySql(ctx, period, targetScope), ['target'], p)
  }

  const keyColumns = ctx.keys.map((k) => sql.raw(k.column))
  let totals = ctes[0]!.name
  if (ctes.length > 1) {
    const branches = ctes.map(({ name }) => {
      const values = columns.map((c) => (c.cte === name ? sql.raw(c.name) : sql`${sql.raw(`NULL::${c.type}`)} AS ${sql.raw(c.name)}`))
      return sql`  SELECT ${sql.join([...keyColumns, ...values])} FROM ${sql.raw(name)}`
    })
    const pivot = columns.map((c) => sql`MAX(${sql.raw(`u.${c.name}`)}) AS ${sql.raw(c.name)}`)
    const body = sql`SELECT ${sql.join([...ctx.keys.map((k) => sql.raw(`u.${k.column}`)), ...pivot])}
FROM (
${sql.join(branches, sql`\n  UNION ALL\n`)}
) AS u${sqlClauses.groupBy(ctx.keys.length)}`
    ctes.push({ name: 'totals', body })
    totals = 'totals'
  }

  const compared = ctx.periods.length > 1
  const metricColumns = plan.metrics.flatMap((m) =>
    (compared ? [0, 1] : [0]).map((p) => sql`${metricSql(m, p)} AS ${sql.id(p === 0 ? m : `${m}_previous`)}`),
  )
  ctes.push({
    name: 'metrics',
    body: sql`SELECT ${sql.join([...ctx.keys.map((k) => sql.raw(`t.${k.column}`)), ...metricColumns])}
FROM ${sql.raw(totals)} AS t`,
  })

  const outputs: RawBuilder<unknown>[] = []
  const planColumns: PlanColumn[] = []
  const joins: RawBuilder<unknown>[] = []
  for (const key of ctx.keys) {
    const table = entityTables[key.dimension]
    if (table) {
      const alias = `n${key.column.slice(1)}`
      joins.push(sql`\nLEFT JOIN ${sql.raw(table)} ${sql.raw(alias)} ON ${sql.raw(`${alias}.id = m.${key.column}`)}`)
      outputs.push(sql`${sql.raw(`${alias}.name`)} AS ${sql.id(key.dimension)}`)
    } else {
      outputs.push(sql`${sql.raw(`m.${key.column}`)} AS ${sql.id(key.dimension)}`)
    }
    planColumns.push({ name: key.dimension, role: 'dimension', id: key.dimension })
  }
  for (const m of plan.metrics) {
    const current = sql.raw(`m.${m}`)
    outputs.push(sql`${current} AS ${sql.id(m)}`)
    planColumns.push({ name: m, role: 'metric', id: m })
    if (!compared) continue
    const previous = sql.raw(`m.${m}_previous`)
    outputs.push(
      sql`${previous} AS ${sql.id(`${m}_previous`)}`,
      sql`${current} - ${previous} AS ${sql.id(`${m}_change`)}`,
      // ::numeric: a change of a count divided by a count must not be integer division.
      sql`(${current} - ${previous})::numeric / NULLIF(${previous}, 0) AS ${sql.id(`${m}_change_pct`)}`,
    )
    planColumns.push(
      { name: `${m}_previous`, role: 'previous', id: m },
      { name: `${m}_change`, role: 'change', id: m },
      { name: `${m}_change_pct`, role: 'change_pct', id: m },
    )
  }

  const limit = plan.limit ?? options.maxRows
  const statement = sql`WITH ${sql.join(
    ctes.map(({ name, body }) => sql`${sql.raw(name)} AS (\n${body}\n)`),
    sql`,\n`,
  )}
SELECT ${sql.join(outputs, sql`,\n  `)}
FROM metrics m${sql.join(joins, sql``)}
ORDER BY ${sql.join(orderBy(ctx), sql`, `)}${limit === undefined ? sql`` : sql`\nLIMIT ${sqlLiteral.integer(limit)}`}`

  const compiled = statement.compile(compilerDatabase)
  // Every value must have been inlined as a checked literal; a parameter means one slipped through unchecked.
  if (compiled.parameters.length > 0) throw new Error('compilePlan produced query parameters; every value must be an inlined literal')
  return { sql: compiled.sql, columns: planColumns }
}

/** A metric's value for period p from the totals' sums: additive ones are 0 where absent, ratios NULL on zero. */
function metricSql(metric: MetricId, p: number): RawBuilder<unknown> {
  const c = (m: Measure) => sql.raw(`t.${m}_${p}`)
  const zero = (m: Measure) => sql`COALESCE(${c(m)}, 0)`
  switch (metric) {
    case 'average_ticket':
      return sql`${c('revenue')} / NULLIF(${c('orders')}, 0)`
    case 'margin_pct':
      return sql`${c('gross_profit')} / NULLIF(${c('revenue')}, 0)`
    case 'target':
      // No target set is not a target of 0.
      return c('target')
    case 'target_attainment':
      return sql`${zero('revenue')} / NULLIF(${c('target')}, 0)`
    default:
      return zero(metric)
  }
}

function orderBy(ctx: PlanContext): RawBuilder<unknown>[] {
  const { plan } = ctx
  const byKey = (key: PlanKey, direction: 'ASC' | 'DESC') => {
    const dir = sql.raw(`${direction} NULLS LAST`)
    const shown = sql`${sql.id(key.dimension)} ${dir}`
    // Two reps (customers, products) may share a name: their ids keep the order total.
    return entityTables[key.dimension] ? [shown, sql`${sql.raw(`m.${key.column}`)} ${dir}`] : [shown]
  }
  const byMetric = (metric: MetricId, direction: 'ASC' | 'DESC') => sql`${sql.id(metric)} ${sql.raw(`${direction} NULLS LAST`)}`
  const sort = plan.sort
  const rest = (first: PlanKey | undefined) => ctx.keys.filter((k) => k !== first).flatMap((k) => byKey(k, 'ASC'))
  if (sort && 'metric' in sort.by) {
    const time = ctx.timeKey ? ctx.keys.find((k) => k.column === ctx.timeKey!.column) : undefined
    return [byMetric(sort.by.metric, sort.direction === 'asc' ? 'ASC' : 'DESC'), ...(time ? byKey(time, 'ASC') : []), ...rest(time)]
  }
  if (sort && 'dimension' in sort.by) {
    const dimension = sort.by.dimension
    const key = ctx.keys.find((k) => k.dimension === dimension)!
    return [...byKey(key, sort.direction === 'asc' ? 'ASC' : 'DESC'), ...rest(key)]
  }
  const time = ctx.timeKey ? ctx.keys.find((k) => k.column === ctx.timeKey!.column) : undefined
  return [...(time ? byKey(time, 'ASC') : []), byMetric(plan.metrics[0]!, 'DESC'), ...rest(time)]
}

/** Targets exist per month for the company, each region and each rep: anything finer is refused, not guessed. */
function targetScopeOf(ctx: PlanContext): TargetScope {
  const unit = ctx.timeKey?.unit
  if (unit === 'day' || unit === 'week') {
    throw new PlanCompileError(`Targets are set per month, so they cannot be broken down by ${unit}; use month, quarter or year.`)
  }
  const other = [...ctx.attributes].filter((a) => a !== 'rep' && a !== 'region')
  if (other.length > 0) {
    const names = other.map((a) => dimensions[a as DimensionId].label.en.toLowerCase()).join(', ')
    throw new PlanCompileError(`Targets are set for the company, each region and each rep, not by ${names}; remove that breakdown or filter to compare with targets.`)
  }
  if (ctx.attributes.has('rep') && ctx.attributes.has('region')) {
    throw new PlanCompileError("Targets are set either per rep or per region; a plan with both cannot say which target applies. Keep one of them.")
  }
  return ctx.attributes.has('rep') ? 'rep' : ctx.attributes.has('region') ? 'region' : 'company'
}

function checkChurnPeriods(ctx: PlanContext): void {
  for (const period of ctx.periods) {
    if (period.buckets.length > maxChurnPeriods) {
      throw new PlanCompileError(
        `Churned customers are counted as of the end of each period; ${period.buckets.length} periods are too many (at most ${maxChurnPeriods}). Use a coarser breakdown or a shorter range.`,
      )
    }
  }
}

