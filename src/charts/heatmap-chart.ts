/**
 * Two breakdowns at once (region × month, region × category) as a heatmap: rows ordered by their total, darker is
 * more. Single-hue blues stay readable for every kind of colour vision. With few columns the cells carry their values.
 */
import { frameSpec, valueLegend, type BuiltChart, type ChartContext } from './chart-context.js'
import { chartColours, chartWidth } from './chart-theme.js'
import type { ResultShape } from './result-shape.js'

const labelledColumnsUpTo = 6
const maxRows = 30

export function buildHeatmap(shape: ResultShape, context: ChartContext): BuiltChart | undefined {
  const rowField = shape.categories[0]
  const columnField = shape.time ?? shape.categories[1]
  if (!rowField || !columnField) return undefined

  const totals = new Map<string, number>()
  for (const row of shape.data) totals.set(String(row.c0), (totals.get(String(row.c0)) ?? 0) + (row.v as number))
  const rowNames = [...totals.entries()].sort((a, b) => b[1] - a[1]).map(([name]) => name).slice(0, maxRows)
  const kept = new Set(rowNames)
  const columnKey = shape.time ? 't' : 'c1'
  const columns = [...new Set(shape.data.map((row) => String(row[columnKey])))]
  // Period columns are labelled here, in the user's words ("mai/2026"), and drawn as ordered categories: the cells and
  // their labels then share one band each, and no time zone can move a column.
  const columnName = (value: unknown) => (shape.time ? context.period(String(value), shape.time.grain) : String(value))
  const max = Math.max(...shape.data.map((row) => row.v as number))
  const values = shape.data
    .filter((row) => kept.has(String(row.c0)))
    // Text colour per cell, decided here so the spec needs no conditional expression.
    .map((row) => ({ c0: row.c0, col: columnName(row[columnKey]), v: row.v, label: context.value(row.v as number), cell: context.bare(row.v as number), ink: (row.v as number) > max * 0.55 ? '#ffffff' : chartColours.text }))

  const angled = columns.length > 4
  const x = {
    field: 'col',
    type: 'ordinal',
    title: null,
    sort: columns.map(columnName),
    axis: { title: null, labelAngle: angled ? -45 : 0, labelAlign: angled ? 'right' : 'center', labelLimit: 90, labelOverlap: false, grid: false, orient: 'bottom' },
  }
  const y = { field: 'c0', type: 'nominal', title: null, sort: rowNames, axis: { title: null, labelLimit: 150 } }
  const tooltip = [{ field: 'c0', type: 'nominal', title: rowField.label }, { field: 'col', type: 'ordinal', title: columnField.label }, { field: 'label', type: 'nominal', title: shape.metric.label }]

  const hottest = shape.data.reduce((a, b) => ((b.v as number) > (a.v as number) ? b : a))
  const alt =
    `${context.say('Heatmap', 'Mapa de calor')}: ${context.title}. ` +
    context.say(
      `${rowNames.length} rows × ${columns.length} columns; highest: ${String(hottest.c0)}, ${columnName(hottest[columnKey])} (${context.value(hottest.v as number)}).`,
      `${rowNames.length} linhas × ${columns.length} colunas; maior: ${String(hottest.c0)}, ${columnName(hottest[columnKey])} (${context.value(hottest.v as number)}).`,
    )
  const note = totals.size > maxRows ? [context.say(`Largest ${maxRows} of ${totals.size} rows`, `As ${maxRows} maiores de ${totals.size} linhas`)] : []
  const layers: Record<string, unknown>[] = [{ mark: { type: 'rect', stroke: '#ffffff', strokeWidth: 1 }, encoding: { color: { field: 'v', type: 'quantitative', title: shape.metric.label, scale: { scheme: 'blues' }, legend: valueLegend(context) } } }]
  if (columns.length <= labelledColumnsUpTo) {
    layers.push({ mark: { type: 'text', fontSize: 11 }, encoding: { text: { field: 'cell', type: 'nominal' }, color: { field: 'ink', type: 'nominal', scale: null, legend: null } } })
  }
  // The text colour is a literal per cell, not a second colour scale for the cells.
  const resolve = { scale: { color: 'independent' }, legend: { color: 'independent' } }
  // A discrete x axis cannot "fit" a width: the column step is sized so the plot fills about the chart's width.
  const step = Math.max(28, Math.min(72, Math.floor((chartWidth - 170) / columns.length)))
  const spec = frameSpec(context, alt, { data: { values }, width: { step }, height: { step: 28 }, autosize: { type: 'pad' }, encoding: { x, y, tooltip }, layer: layers, resolve }, note)
  return { spec, alt }
}
