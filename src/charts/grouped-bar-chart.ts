/**
 * A breakdown compared with another period: for each category, this period's bar (blue) above the comparison
 * period's (grey), categories ordered by this period's value.
 */
import { barStep, chartColours } from './chart-theme.js'
import { frameSpec, valueAxis, type BuiltChart, type ChartContext } from './chart-context.js'
import { maxBars } from './bar-chart.js'
import type { ResultShape } from './result-shape.js'

export function buildGroupedBarChart(shape: ResultShape, context: ChartContext, periods: { current: string; previous: string }): BuiltChart | undefined {
  const category = shape.categories[0]
  if (!category || shape.time || shape.categories.length !== 1 || !shape.previousColumn) return undefined
  const sorted = [...shape.data].sort((a, b) => (b.v as number) - (a.v as number)).slice(0, maxBars)
  const { current, previous } = periods
  const values = sorted.flatMap((row) => [
    { c0: row.c0, series: current, v: row.v, label: context.value(row.v as number) },
    ...(typeof row.p === 'number' ? [{ c0: row.c0, series: previous, v: row.p, label: context.value(row.p) }] : []),
  ])
  const changes = sorted
    .filter((row) => typeof row.p === 'number' && row.p !== 0)
    .map((row) => ({ name: String(row.c0), change: ((row.v as number) - (row.p as number)) / Math.abs(row.p as number) }))
  const fastest = changes.reduce<(typeof changes)[number] | undefined>((a, b) => (!a || b.change > a.change ? b : a), undefined)
  const percent = (fraction: number) => `${fraction > 0 ? '+' : ''}${new Intl.NumberFormat(context.language === 'pt' ? 'pt-BR' : 'en-US', { style: 'percent', maximumFractionDigits: 1 }).format(fraction)}`
  const alt =
    `${context.say('Grouped bar chart', 'Gráfico de barras agrupadas')}: ${context.title}, ${context.say('compared with', 'comparado com')} ${previous}.` +
    (fastest ? ' ' + context.say(`Largest change: ${fastest.name} (${percent(fastest.change)}).`, `Maior variação: ${fastest.name} (${percent(fastest.change)}).`) : '')
  const spec = frameSpec(context, alt, {
    data: { values },
    mark: { type: 'bar', cornerRadiusEnd: 2 },
    // The step is per bar (offset), so each category takes two bars and a gap.
    height: { step: barStep * 0.6 },
    encoding: {
      y: { field: 'c0', type: 'nominal', title: null, sort: sorted.map((row) => row.c0), axis: { title: null, labelLimit: 150 } },
      yOffset: { field: 'series', type: 'nominal', sort: [current, previous] },
      x: { field: 'v', type: 'quantitative', title: shape.metric.label, axis: valueAxis(context, { grid: true }) },
      color: { field: 'series', type: 'nominal', title: null, scale: { domain: [current, previous], range: [chartColours.main, chartColours.previous] } },
      tooltip: [{ field: 'c0', type: 'nominal', title: category.label }, { field: 'series', type: 'nominal', title: context.say('Period', 'Período') }, { field: 'label', type: 'nominal', title: shape.metric.label }],
    },
  })
  return { spec, alt }
}
