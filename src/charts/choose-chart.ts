/**
 * Decides the chart from the result's shape — pure, no rendering:
 *   time + one metric                 → line (with the forecast dashed and its 80%/95% bands when there is one)
 *   time with a comparison            → two lines, this period and the previous one (grey, dashed)
 *   one categorical breakdown         → horizontal bar, largest first (at most 25, the subtitle says when cut)
 *   one breakdown with a comparison   → grouped bar, this period against the previous one
 *   two breakdowns (region × month)   → heatmap: the issue asks for it, and it stays readable with 5 or 27 rows
 *                                       (kind 'line' draws one line per category instead, up to 8)
 *   kind 'stacked_bar' ("share of")   → 100% stacked bar, for additive metrics
 * No chart (undefined) for a single number, no rows, one bar or one point, or more than two breakdowns.
 * An explicit kind is only a choice among these builders: nothing a caller passes becomes spec code.
 */
import type { ChartInput } from './chart-input.js'
import { buildBarChart } from './bar-chart.js'
import { createChartContext, type BuiltChart, type ChartContext } from './chart-context.js'
import { chartTitle, filterLine, periodLabel } from './chart-title.js'
import { buildGroupedBarChart } from './grouped-bar-chart.js'
import { buildHeatmap } from './heatmap-chart.js'
import { buildLineChart } from './line-chart.js'
import { readResultShape, type ResultShape } from './result-shape.js'
import { buildStackedBarChart } from './stacked-bar-chart.js'
import type { ChartKind, VegaLiteSpec } from './vega-lite-spec.js'

export type { ChartInput, ForecastPoint } from './chart-input.js'
export type { ChartKind, VegaLiteSpec } from './vega-lite-spec.js'

export interface ChartChoice {
  readonly kind: ChartKind
  readonly spec: VegaLiteSpec
  /** The title and what the chart shows, for alt text and screen readers. */
  readonly alt: string
}

export function chooseChart(input: ChartInput): ChartChoice | undefined {
  const shape = readResultShape(input)
  if (!shape || !shape.data.length) return undefined
  const fields = shape.categories.length + (shape.time ? 1 : 0)
  if (fields === 0) return undefined

  const { language, currency, plan } = input
  const title = input.title ?? chartTitle(shape, language, currency, plan)
  const subtitle = [filterLine(plan, language)].filter((line): line is string => Boolean(line))
  const context = createChartContext({ language, currency, unit: shape.metric.unit, title, subtitle })
  const periods =
    plan?.comparison && shape.previousColumn
      ? { current: periodLabel(plan.timeRange, language, currency), previous: periodLabel(plan.comparison.range, language, currency) }
      : undefined

  const requested = input.kind && input.kind !== 'auto' ? build(input.kind, shape, context, input, periods) : undefined
  if (requested) return requested
  return build(automaticKind(shape, input), shape, context, input, periods)
}

function automaticKind(shape: ResultShape, input: ChartInput): ChartKind | undefined {
  const fields = shape.categories.length + (shape.time ? 1 : 0)
  if (fields === 2) return 'heatmap'
  if (shape.time) return shape.data.length >= 2 || input.forecast?.length ? 'line' : undefined
  if (shape.data.length < 2) return undefined
  return shape.previousColumn ? 'grouped_bar' : 'bar'
}

function build(kind: ChartKind | undefined, shape: ResultShape, context: ChartContext, input: ChartInput, periods: { current: string; previous: string } | undefined): ChartChoice | undefined {
  let built: BuiltChart | undefined
  switch (kind) {
    case undefined:
      return undefined
    case 'line':
      built = buildLineChart(shape, context, { ...(input.forecast ? { forecast: input.forecast } : {}), ...(periods ? { currentLabel: periods.current, previousLabel: periods.previous } : {}) })
      break
    case 'bar':
      built = buildBarChart(shape, context)
      break
    case 'grouped_bar':
      built = periods ? buildGroupedBarChart(shape, context, periods) : undefined
      break
    case 'heatmap':
      built = buildHeatmap(shape, context)
      break
    case 'stacked_bar':
      built = buildStackedBarChart(shape, context)
      break
  }
  return built ? { kind, ...built } : undefined
}
