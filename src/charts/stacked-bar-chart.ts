/**
 * Share of the total as 100% stacked bars: one bar split by category (shares of one total), or one bar per period or
 * per first category split by the second. Beyond the palette's colours the smallest categories join "Others", and the
 * legend carries each part's share so nothing has to be read off the axis.
 */
import { frameSpec, timeField, type BuiltChart, type ChartContext } from './chart-context.js'
import { categoricalPalette } from './chart-theme.js'
import type { ResultShape } from './result-shape.js'

const maxParts = categoricalPalette.length - 1

export function buildStackedBarChart(shape: ResultShape, context: ChartContext): BuiltChart | undefined {
  if (!shape.metric.additive || !shape.categories.length) return undefined
  // The category that is split into parts: the only one, or the second when there are two.
  const partKey = shape.categories.length === 2 ? 'c1' : 'c0'
  const groupKey = shape.time ? 't' : shape.categories.length === 2 ? 'c0' : undefined
  const others = context.say('Others', 'Outros')
  if (shape.data.some((row) => (row.v as number) < 0)) return undefined

  const partTotals = new Map<string, number>()
  for (const row of shape.data) partTotals.set(String(row[partKey]), (partTotals.get(String(row[partKey])) ?? 0) + (row.v as number))
  const grand = [...partTotals.values()].reduce((a, b) => a + b, 0)
  if (grand <= 0) return undefined
  const ranked = [...partTotals.entries()].sort((a, b) => b[1] - a[1])
  const kept = new Set(ranked.slice(0, ranked.length > maxParts + 1 ? maxParts : ranked.length).map(([name]) => name))
  const shareText = (fraction: number) => new Intl.NumberFormat(context.language === 'pt' ? 'pt-BR' : 'en-US', { style: 'percent', maximumFractionDigits: 0 }).format(fraction)

  const merged = new Map<string, { group: string | number | null; part: string; v: number }>()
  for (const row of shape.data) {
    const part = kept.has(String(row[partKey])) ? String(row[partKey]) : others
    const group = groupKey ? row[groupKey]! : null
    const key = `${String(group)}\u0000${part}`
    const entry = merged.get(key) ?? { group, part, v: 0 }
    entry.v += row.v as number
    merged.set(key, entry)
  }
  const partOrder = [...ranked.filter(([name]) => kept.has(name)).map(([name]) => name), ...(kept.size < ranked.length ? [others] : [])]
  const partTotal = (part: string) => (part === others ? ranked.filter(([name]) => !kept.has(name)).reduce((a, [, v]) => a + v, 0) : partTotals.get(part)!)
  // Only a single bar has one total, so only then can the legend say each part's share of it.
  const legendName = (part: string) => (groupKey ? part : `${part} (${shareText(partTotal(part) / grand)})`)
  const values = [...merged.values()].map((entry) => ({
    ...(groupKey ? { g: entry.group } : {}),
    part: legendName(entry.part),
    rank: partOrder.indexOf(entry.part),
    v: entry.v,
    label: context.value(entry.v),
  }))

  const color = { field: 'part', type: 'nominal', title: null, sort: partOrder.map(legendName), legend: { columns: 2, symbolType: 'square' } }
  const share = { field: 'v', type: 'quantitative', stack: 'normalize', title: null, axis: { format: '.0%', title: null, tickCount: 5, grid: !groupKey ? false : true } }
  const tooltip = [{ field: 'part', type: 'nominal', title: shape.categories[shape.categories.length - 1]!.label }, { field: 'label', type: 'nominal', title: shape.metric.label }]
  const order = { field: 'rank', type: 'quantitative', sort: 'ascending' }
  const biggest = ranked[0]!
  const alt =
    `${context.say('100% stacked bar chart', 'Gráfico de barras empilhadas (100%)')}: ${context.title}. ` +
    context.say(`Largest share: ${biggest[0]} (${shareText(biggest[1] / grand)}).`, `Maior participação: ${biggest[0]} (${shareText(biggest[1] / grand)}).`)

  let body: Record<string, unknown>
  if (!groupKey) {
    body = { data: { values }, mark: { type: 'bar' }, height: 48, encoding: { x: share, color, order, tooltip } }
  } else if (shape.time) {
    const x = timeField(context, shape.time.grain, 'ordinal', shape.time.label)
    body = { data: { values: values.map(({ g, ...rest }) => ({ t: g, ...rest })) }, mark: { type: 'bar' }, height: 220, encoding: { x, y: share, color, order, tooltip } }
  } else {
    const groups = [...new Set(shape.data.map((row) => String(row.c0)))]
    body = {
      data: { values: values.map(({ g, ...rest }) => ({ c0: g, ...rest })) },
      mark: { type: 'bar' },
      height: { step: 26 },
      encoding: { y: { field: 'c0', type: 'nominal', title: null, sort: groups, axis: { title: null, labelLimit: 150 } }, x: share, color, order, tooltip },
    }
  }
  return { spec: frameSpec(context, alt, body), alt }
}
