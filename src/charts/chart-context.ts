/** What every spec builder shares: the language, the title lines, value and period formatting, the spec's frame. */
import { createValueFormatter } from '../answer/format-values.js'
import type { Language, MetricUnit, TimeDimensionId } from '../semantic/semantic-model.js'
import { timeAxisFormat, utcTimeUnit } from './chart-locale.js'
import { chartConfig, chartWidth } from './chart-theme.js'
import { compactAxisExpression, compactValue } from './value-labels.js'
import { vegaLiteSchemaUrl, type VegaLiteSpec } from './vega-lite-spec.js'

/** A spec and the words that describe it (alt text). */
export interface BuiltChart {
  readonly spec: VegaLiteSpec
  readonly alt: string
}

export interface ChartContext {
  readonly language: Language
  readonly currency: string
  readonly unit: MetricUnit
  readonly title: string
  /** Lines under the title: filters, "top 25 of 40", how to read a forecast. */
  readonly subtitle: readonly string[]
  /** "R$ 1,2 mi" in the metric's unit. */
  value(value: number): string
  /** "1,2 mi", "337 mil" — two significant digits and no currency sign, where a legend already says it (heatmap cells). */
  bare(value: number): string
  /** "mai/2026" at the given grain. */
  period(iso: string, grain: TimeDimensionId): string
  /** Words in the user's language. */
  say(en: string, pt: string): string
}

export function createChartContext(options: { language: Language; currency: string; unit: MetricUnit; title: string; subtitle: readonly string[] }): ChartContext {
  const { language, currency, unit } = options
  const formatter = createValueFormatter(language, currency)
  return {
    ...options,
    value: (value) => compactValue(value, unit, language, currency),
    bare: (value) => compactValue(value, unit === 'currency' ? 'count' : unit, language, currency, { digits: 'auto' }),
    period: (iso, grain) => formatter.bucket(iso, grain),
    say: (en, pt) => (language === 'pt' ? pt : en),
  }
}

/** The frame of every chart: schema, title, fixed outer width (height follows the content), theme and locale. */
export function frameSpec(context: ChartContext, alt: string, body: Record<string, unknown>, extraSubtitle: readonly string[] = []): VegaLiteSpec {
  const subtitle = [...context.subtitle, ...extraSubtitle].filter(Boolean)
  return {
    $schema: vegaLiteSchemaUrl,
    description: alt,
    title: subtitle.length ? { text: context.title, subtitle } : { text: context.title },
    width: chartWidth,
    autosize: { type: 'fit-x', contains: 'padding' },
    ...body,
    config: chartConfig(context.language),
  }
}

/** A quantitative axis in the metric's unit: compact money/counts, percentages with the locale's decimal mark. */
export function valueAxis(context: ChartContext, extra: Record<string, unknown> = {}): Record<string, unknown> {
  const labels = context.unit === 'percent' ? { format: '.0%' } : { labelExpr: compactAxisExpression(context.unit, context.language, context.currency) }
  return { title: null, tickCount: 5, ...labels, ...extra }
}

/** The legend of a quantitative colour scale, labelled like the value axis. */
export function valueLegend(context: ChartContext): Record<string, unknown> {
  const labels = context.unit === 'percent' ? { format: '.0%' } : { labelExpr: compactAxisExpression(context.unit, context.language, context.currency) }
  return { title: null, orient: 'bottom', gradientLength: 220, ...labels }
}

/** A time field at its grain: UTC so that a period start never moves to the day before. */
export function timeField(context: ChartContext, grain: TimeDimensionId, type: 'temporal' | 'ordinal', title: string): Record<string, unknown> {
  return {
    field: 't',
    type,
    timeUnit: utcTimeUnit(grain),
    title,
    axis: { title: null, format: timeAxisFormat(context.language, grain), labelAngle: 0, grid: false },
  }
}
