/**
 * One categorical breakdown as horizontal bars, largest first, each labelled with its value so no axis is needed.
 * More than 25 bars stop being readable in a thumbnail: the largest 25 are drawn and the subtitle says so.
 */
import { barStep, chartColours } from './chart-theme.js'
import { frameSpec, type BuiltChart, type ChartContext } from './chart-context.js'
import type { ResultShape } from './result-shape.js'

export const maxBars = 25

export function buildBarChart(shape: ResultShape, context: ChartContext): BuiltChart | undefined {
  const category = shape.categories[0]
  if (!category || shape.time || shape.categories.length !== 1) return undefined
  const sorted = [...shape.data].sort((a, b) => (b.v as number) - (a.v as number))
  const shown = sorted.slice(0, maxBars)
  const values = shown.map((row) => ({ c0: row.c0, v: row.v, label: context.value(row.v as number) }))
  const numbers = shown.map((row) => row.v as number)
  const max = Math.max(0, ...numbers)
  const min = Math.min(0, ...numbers)
  // Room to the right of the longest bar for its label.
  const domain = [min < 0 ? min * 1.3 : 0, max > 0 ? max * 1.3 : 1]
  const note = sorted.length > maxBars ? [context.say(`Largest ${maxBars} of ${sorted.length}`, `Os ${maxBars} maiores de ${sorted.length}`)] : []
  const top = shown[0]
  const bottom = shown.at(-1)
  const alt =
    `${context.say('Bar chart', 'Gráfico de barras')}: ${context.title}. ` +
    (top && bottom && top !== bottom
      ? context.say(
          `Highest: ${String(top.c0)} (${context.value(top.v as number)}); lowest: ${String(bottom.c0)} (${context.value(bottom.v as number)}).`,
          `Maior: ${String(top.c0)} (${context.value(top.v as number)}); menor: ${String(bottom.c0)} (${context.value(bottom.v as number)}).`,
        )
      : '')
  const y = { field: 'c0', type: 'nominal', title: null, sort: values.map((row) => row.c0), axis: { title: null, labelLimit: 150 } }
  const x = { field: 'v', type: 'quantitative', title: shape.metric.label, axis: null, scale: { domain, nice: false } }
  const tooltip = [{ field: 'c0', type: 'nominal', title: category.label }, { field: 'label', type: 'nominal', title: shape.metric.label }]
  const spec = frameSpec(
    context,
    alt.trim(),
    {
      data: { values },
      height: { step: barStep },
      encoding: { y, x, tooltip },
      layer: [
        { mark: { type: 'bar', color: chartColours.main, cornerRadiusEnd: 2 } },
        { mark: { type: 'text', align: 'left', baseline: 'middle', dx: 4 }, encoding: { text: { field: 'label', type: 'nominal' } } },
      ],
    },
    note,
  )
  return { spec, alt: alt.trim() }
}
