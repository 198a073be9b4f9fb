/**
 * Time series as lines: one metric over time; this period against the comparison period (two lines, the previous one
 * grey and dashed); a few categories over time (one line each); or the history with its forecast — the forecast
 * dashed, with its 95% and 80% bands behind it, starting from the last actual point so the two lines join.
 */
import type { TimeDimensionId } from '../semantic/semantic-model.js'
import type { ForecastPoint } from './chart-input.js'
import { frameSpec, timeField, valueAxis, type BuiltChart, type ChartContext } from './chart-context.js'
import { categoricalPalette, chartColours } from './chart-theme.js'
import type { ResultShape } from './result-shape.js'

/** Most categories a multi-line chart may have: one colour each from the palette. */
export const maxLines = categoricalPalette.length

const pointsUpTo = 24

export function buildLineChart(shape: ResultShape, context: ChartContext, options: { forecast?: readonly ForecastPoint[]; previousLabel?: string; currentLabel?: string } = {}): BuiltChart | undefined {
  const time = shape.time
  if (!time) return undefined
  const grain = time.grain
  const x = timeField(context, grain, 'temporal', time.label)
  const y = { field: 'v', type: 'quantitative', title: shape.metric.label, axis: valueAxis(context) }
  const tooltip = [{ field: 't', type: 'temporal', timeUnit: x.timeUnit, title: time.label, format: (x.axis as { format: string }).format }, { field: 'label', type: 'nominal', title: shape.metric.label }]
  const history = shape.data.map((row) => ({ t: row.t, v: row.v, label: context.value(row.v as number) }))
  const line = { type: 'line', point: history.length <= pointsUpTo, interpolate: 'linear' }

  if (options.forecast?.length) return forecastChart(shape, context, grain, options.forecast, { x, y, tooltip, history })

  const category = shape.categories[0]
  if (category) {
    const names = [...new Set(shape.data.map((row) => String(row.c0)))]
    if (names.length > maxLines) return undefined
    const values = shape.data.map((row) => ({ t: row.t, c0: row.c0, v: row.v, label: context.value(row.v as number) }))
    const spec = frameSpec(context, '', {
      data: { values },
      mark: line,
      encoding: { x, y, color: { field: 'c0', type: 'nominal', title: null, sort: names }, tooltip: [...tooltip, { field: 'c0', type: 'nominal', title: category.label }] },
      height: 220,
    })
    const alt = `${context.say('Line chart', 'Gráfico de linhas')}: ${context.title}. ${names.join(', ')}.`
    return { spec: { ...spec, description: alt }, alt }
  }

  if (shape.previousColumn && options.currentLabel && options.previousLabel) {
    const current = options.currentLabel
    const previous = options.previousLabel
    const values = shape.data.flatMap((row) => [
      { t: row.t, series: current, v: row.v, label: context.value(row.v as number) },
      ...(typeof row.p === 'number' ? [{ t: row.t, series: previous, v: row.p, label: context.value(row.p) }] : []),
    ])
    const alt = `${context.say('Line chart', 'Gráfico de linhas')}: ${context.title}. ${summary(history, context, grain)} ${context.say('Compared with', 'Comparado com')} ${previous}.`
    const spec = frameSpec(context, alt, {
      data: { values },
      mark: line,
      encoding: {
        x,
        y,
        color: { field: 'series', type: 'nominal', title: null, scale: { domain: [current, previous], range: [chartColours.main, chartColours.previous] } },
        strokeDash: { field: 'series', type: 'nominal', title: null, scale: { domain: [current, previous], range: [[1, 0], [6, 4]] } },
        tooltip: [...tooltip, { field: 'series', type: 'nominal', title: context.say('Period', 'Período') }],
      },
      height: 220,
    })
    return { spec, alt }
  }

  const alt = `${context.say('Line chart', 'Gráfico de linhas')}: ${context.title}. ${summary(history, context, grain)}`
  const spec = frameSpec(context, alt, {
    data: { values: history },
    mark: { ...line, color: chartColours.main, point: line.point ? { color: chartColours.main } : false },
    encoding: { x, y, tooltip },
    height: 220,
  })
  return { spec, alt }
}

function forecastChart(
  shape: ResultShape,
  context: ChartContext,
  grain: TimeDimensionId,
  forecast: readonly ForecastPoint[],
  parts: { x: Record<string, unknown>; y: Record<string, unknown>; tooltip: readonly Record<string, unknown>[]; history: readonly { t: unknown; v: unknown; label: string }[] },
): BuiltChart {
  const { x, y, tooltip, history } = parts
  const last = history.at(-1)
  // The forecast line and bands start at the last actual point, so history and forecast read as one line.
  const anchor = last && typeof last.v === 'number' ? [{ t: last.t, v: last.v, lo80: last.v, hi80: last.v, lo95: last.v, hi95: last.v, label: last.label }] : []
  const ahead = [...anchor, ...forecast.map((f) => ({ t: f.period, v: f.point, lo80: f.lo80, hi80: f.hi80, lo95: f.lo95, hi95: f.hi95, label: `${context.value(f.point)} (80%: ${context.value(f.lo80)}–${context.value(f.hi80)})` }))]
  const band = (lo: string, hi: string, opacity: number) => ({
    data: { values: ahead },
    mark: { type: 'area', color: chartColours.forecast, opacity },
    encoding: { x, y: { ...y, field: lo }, y2: { field: hi } },
  })
  const end = forecast.at(-1)!
  const alt =
    `${context.say('Line chart with forecast', 'Gráfico de linhas com previsão')}: ${context.title}. ${summary(history, context, grain)} ` +
    context.say(
      `Forecast for ${context.period(end.period, grain)}: ${context.value(end.point)} (80%: ${context.value(end.lo80)}–${context.value(end.hi80)}; 95%: ${context.value(end.lo95)}–${context.value(end.hi95)}).`,
      `Previsão para ${context.period(end.period, grain)}: ${context.value(end.point)} (80%: ${context.value(end.lo80)}–${context.value(end.hi80)}; 95%: ${context.value(end.lo95)}–${context.value(end.hi95)}).`,
    )
  const note = context.say('Dashed: forecast; bands: 80% and 95% intervals', 'Tracejado: previsão; faixas: intervalos de 80% e 95%')
  const spec = frameSpec(
    context,
    alt,
    {
      height: 220,
      layer: [
        band('lo95', 'hi95', 0.14),
        band('lo80', 'hi80', 0.28),
        { data: { values: history }, mark: { type: 'line', color: chartColours.main, point: history.length <= pointsUpTo ? { color: chartColours.main } : false }, encoding: { x, y, tooltip } },
        { data: { values: ahead }, mark: { type: 'line', color: chartColours.forecast, strokeDash: [6, 4], point: ahead.length <= pointsUpTo ? { color: chartColours.forecast } : false }, encoding: { x, y, tooltip } },
      ],
    },
    [note],
  )
  return { spec, alt }
}

/** "From R$ 1,0 mi (jan/2026) to R$ 1,4 mi (jun/2026); peak R$ 1,5 mi in mar/2026." */
function summary(history: readonly { t: unknown; v: unknown }[], context: ChartContext, grain: TimeDimensionId): string {
  const points = history.filter((p): p is { t: string; v: number } => typeof p.v === 'number' && typeof p.t === 'string')
  const first = points[0]
  const last = points.at(-1)
  if (!first || !last) return ''
  const peak = points.reduce((a, b) => (b.v > a.v ? b : a))
  return context.say(
    `From ${context.value(first.v)} (${context.period(first.t, grain)}) to ${context.value(last.v)} (${context.period(last.t, grain)}); peak ${context.value(peak.v)} in ${context.period(peak.t, grain)}.`,
    `De ${context.value(first.v)} (${context.period(first.t, grain)}) a ${context.value(last.v)} (${context.period(last.t, grain)}); pico de ${context.value(peak.v)} em ${context.period(peak.t, grain)}.`,
  )
}
