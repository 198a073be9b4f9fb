/**
 * The headline figures — revenue, orders, average ticket — for the period, each against the previous period and the
 * same period a year earlier: two semantic-layer plans (one per comparison), so the changes are the compiler's
 * `<metric>_change_pct`, computed in SQL like every answer's.
 */
import type { DigestKpi } from '../digest-contract.js'
import { toNumber } from '../../charts/result-shape.js'
import type { PlanFilter, QueryPlan } from '../../semantic/query-plan.js'
import { metrics } from '../../semantic/semantic-model.js'
import type { DigestPeriod } from './compute-digest-period.js'
import type { DigestFormatter } from './digest-formatter.js'
import type { DigestQueries } from './digest-queries.js'

const kpiMetrics = ['revenue', 'orders', 'average_ticket'] as const

export async function computeKpis(queries: DigestQueries, period: DigestPeriod, filters: readonly PlanFilter[], format: DigestFormatter): Promise<DigestKpi[]> {
  const base: QueryPlan = { metrics: kpiMetrics, dimensions: [], filters, timeRange: period.current }
  // A plan without a breakdown always returns exactly one row.
  const [vsPrevious] = (await queries.runPlan({ ...base, comparison: { kind: 'previous_period', range: period.previous } })).rows
  const [vsLastYear] = (await queries.runPlan({ ...base, comparison: { kind: 'same_period_last_year', range: period.lastYear } })).rows
  return kpiMetrics.map((metric): DigestKpi => {
    const unit = metrics[metric].unit
    const value = toNumber(vsPrevious?.[metric])
    const previous = toNumber(vsPrevious?.[`${metric}_previous`])
    const lastYear = toNumber(vsLastYear?.[`${metric}_previous`])
    const changeVsPrevious = toNumber(vsPrevious?.[`${metric}_change_pct`])
    const changeVsLastYear = toNumber(vsLastYear?.[`${metric}_change_pct`])
    return {
      metric,
      label: metrics[metric].label[format.language],
      value,
      previous,
      lastYear,
      changeVsPrevious,
      changeVsLastYear,
      display: {
        value: format.metric(value, unit),
        previous: format.metric(previous, unit),
        lastYear: format.metric(lastYear, unit),
        changeVsPrevious: format.signedPercent(changeVsPrevious),
        changeVsLastYear: format.signedPercent(changeVsLastYear),
      },
    }
  })
}
