/**
 * The digest's chart: revenue over the period against the previous period, two lines drawn by the chart module from
 * a semantic-layer plan's rows (never chart code from a model). By day, or by week for periods of four weeks or more
 * (a month). A period shorter than a week is widened to the 7 days ending on its last day, against the 7 days
 * before, so a daily digest shows a week's shape instead of one point. Any failure — the query, the spec, the
 * rendering — costs the chart, never the digest; it is handed to `onError`.
 */
import type { ReplyChart } from '../../../agents/agent-contract.js'
import { chooseChart } from '../../charts/choose-chart.js'
import { renderChart } from '../../charts/render-chart.js'
import { calendarDays } from '../../planner/calendar-days.js'
import type { DateRange, PlanFilter, QueryPlan } from '../../semantic/query-plan.js'
import type { Language } from '../../semantic/semantic-model.js'
import type { DigestPeriod } from './compute-digest-period.js'
import type { DigestQueries } from './digest-queries.js'

const minChartDays = 7
const weeklyFromDays = 28

export interface DrawDigestChartInput {
  readonly queries: DigestQueries
  readonly period: DigestPeriod
  readonly filters: readonly PlanFilter[]
  readonly language: Language
  readonly currency: string
  readonly onError?: (error: unknown) => void
}

/** The plan the chart is drawn from (exported for tests and for "show the SQL"). */
export function digestChartPlan(period: DigestPeriod, filters: readonly PlanFilter[]): QueryPlan {
  const start = calendarDays.parse(period.current.start)!
  const end = calendarDays.parse(period.current.end)!
  const days = end - start + 1
  if (days < minChartDays) {
    const current: DateRange = { start: calendarDays.format(end - minChartDays + 1), end: period.current.end }
    const previous: DateRange = { start: calendarDays.format(end - 2 * minChartDays + 1), end: calendarDays.format(end - minChartDays) }
    return { metrics: ['revenue'], dimensions: ['day'], filters, timeRange: current, comparison: { kind: 'previous_period', range: previous } }
  }
  return {
    metrics: ['revenue'],
    dimensions: [days >= weeklyFromDays ? 'week' : 'day'],
    filters,
    timeRange: period.current,
    comparison: { kind: 'previous_period', range: period.previous },
  }
}

export async function drawDigestChart(input: DrawDigestChartInput): Promise<ReplyChart | undefined> {
  try {
    const result = await input.queries.runPlan(digestChartPlan(input.period, input.filters))
    const choice = chooseChart({ language: input.language, currency: input.currency, plan: result.plan, columns: result.columns, rows: result.rows, kind: 'line' })
    if (!choice) return undefined
    const rendered = await renderChart(choice.spec)
    return { spec: choice.spec, pngBase64: rendered.png.toString('base64'), width: rendered.width, height: rendered.height, alt: choice.alt }
  } catch (error) {
    input.onError?.(error)
    return undefined
  }
}
