/**
 * Checks a plan's shape before anything is compiled: known metrics and dimensions, well-typed filter values, real
 * dates, a sort on something the plan returns. Plans come from planners (an LLM among them), so nothing is assumed.
 */
import type { QueryPlan } from '../query-plan.js'
import { dimensionIds, dimensions, metricIds, timeDimensionIds, type DimensionId, type MetricId } from '../semantic-model.js'
import { periodCalendar } from './period-calendar.js'
import { PlanCompileError } from './plan-compile-error.js'

const comparisonKinds = new Set(['previous_period', 'same_period_last_year', 'custom'])
const maxFilterValues = 200
const maxLimit = 10_000
/** Twenty years is far beyond any data set here, and keeps day-by-day series bounded. */
const maxRangeDays = 366 * 20

const fail = (message: string, details: Record<string, unknown> = {}): never => {
  throw new PlanCompileError(message, details)
}

function checkRange(range: unknown, what: string): void {
  if (typeof range !== 'object' || range === null) fail(`The plan has no ${what}.`)
  const { start, end } = range as { start?: unknown; end?: unknown }
  const first = periodCalendar.parse(start)
  const last = periodCalendar.parse(end)
  if (first === undefined || last === undefined) fail(`The ${what} needs a start and an end date as YYYY-MM-DD, got ${JSON.stringify({ start, end })}.`)
  if (first! > last!) fail(`The ${what} starts (${String(start)}) after it ends (${String(end)}).`)
  if (last! - first! > maxRangeDays) fail(`The ${what} is longer than 20 years.`)
}

export function validatePlan(plan: QueryPlan): void {
  if (typeof plan !== 'object' || plan === null) fail('The plan is empty.')

  if (!Array.isArray(plan.metrics) || plan.metrics.length === 0) fail('The plan asks for no metric.')
  for (const metric of plan.metrics) {
    if (!(metricIds as readonly string[]).includes(metric)) fail(`Unknown metric ${JSON.stringify(metric)}; known: ${metricIds.join(', ')}.`)
  }
  if (new Set(plan.metrics).size !== plan.metrics.length) fail('The plan names a metric twice.')

  if (!Array.isArray(plan.dimensions)) fail('The plan has no list of dimensions.')
  if (plan.dimensions.length > 2) fail('At most two breakdowns are supported (e.g. region × month).')
  for (const dimension of plan.dimensions) {
    if (!(dimensionIds as readonly string[]).includes(dimension)) fail(`Unknown dimension ${JSON.stringify(dimension)}; known: ${dimensionIds.join(', ')}.`)
  }
  if (new Set(plan.dimensions).size !== plan.dimensions.length) fail('The plan names a breakdown twice.')
  if (plan.dimensions.filter((d) => (timeDimensionIds as readonly string[]).includes(d)).length > 1) {
    fail('Only one time breakdown at a time (day, week, month, quarter or year).')
  }

  if (!Array.isArray(plan.filters)) fail('The plan has no list of filters.')
  for (const filter of plan.filters) {
    if (typeof filter !== 'object' || filter === null) fail('A filter is empty.')
    const dimension = filter.dimension as DimensionId
    if (!(dimensionIds as readonly string[]).includes(dimension) || (timeDimensionIds as readonly string[]).includes(dimension)) {
      fail(`Cannot filter by ${JSON.stringify(dimension)}; periods are set by the time range.`)
    }
    if (!Array.isArray(filter.values) || filter.values.length === 0) fail(`The ${dimension} filter has no values.`)
    if (filter.values.length > maxFilterValues) fail(`The ${dimension} filter has more than ${maxFilterValues} values.`)
    const isEntity = dimensions[dimension].kind === 'entity'
    for (const value of filter.values) {
      if (isEntity && !(typeof value === 'number' && Number.isSafeInteger(value) && value > 0)) {
        fail(`The ${dimension} filter needs ${dimension} ids (positive integers), got ${JSON.stringify(value)}.`)
      }
      if (!isEntity && typeof value !== 'string') fail(`The ${dimension} filter needs text values, got ${JSON.stringify(value)}.`)
    }
    if (filter.exclude !== undefined && typeof filter.exclude !== 'boolean') fail(`The ${dimension} filter's exclude flag must be true or false.`)
  }

  checkRange(plan.timeRange, 'time range')
  if (plan.comparison !== undefined) {
    if (!comparisonKinds.has(plan.comparison?.kind)) fail(`Unknown comparison ${JSON.stringify(plan.comparison?.kind)}.`)
    checkRange(plan.comparison.range, 'comparison range')
  }

  if (plan.sort !== undefined) {
    const by = plan.sort?.by as { metric?: MetricId; dimension?: DimensionId } | undefined
    if (plan.sort.direction !== 'asc' && plan.sort.direction !== 'desc') fail('Sort direction must be asc or desc.')
    if (by?.metric !== undefined) {
      if (!plan.metrics.includes(by.metric)) fail(`The plan sorts by ${by.metric}, which it does not ask for.`)
    } else if (by?.dimension !== undefined) {
      if (!plan.dimensions.includes(by.dimension)) fail(`The plan sorts by ${by.dimension}, which it does not break down by.`)
    } else {
      fail('A sort needs a metric or a dimension.')
    }
  }
  if (plan.limit !== undefined && !(Number.isSafeInteger(plan.limit) && plan.limit >= 1 && plan.limit <= maxLimit)) {
    fail(`The limit must be a whole number from 1 to ${maxLimit}.`)
  }
}
