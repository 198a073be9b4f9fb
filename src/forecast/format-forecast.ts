/** A forecast as a few lines of text for the terminal: the expected value with its band, the model, the target. */
import type { ForecastResult } from './create-forecaster.js'
import { periodLabel, type ForecastGrain } from './forecast-grain.js'
import type { SeriesForecast } from './forecast-series.js'

const number = new Intl.NumberFormat('en-US', { maximumFractionDigits: 0 })
const decimal = new Intl.NumberFormat('en-US', { maximumFractionDigits: 2 })
const percent = new Intl.NumberFormat('en-US', { style: 'percent', maximumFractionDigits: 0 })

const amount = (v: number) => (Math.abs(v) >= 100 ? number.format(v) : decimal.format(v))
/** Half the 80% band relative to the point: "± 7%". */
const plusMinus = (point: number, lo: number, hi: number) => (point === 0 ? '' : `, ± ${percent.format((hi - lo) / 2 / Math.abs(point))}`)

export function formatForecastLines(result: Pick<SeriesForecast, 'model' | 'baseline' | 'candidates' | 'notes'> & { forecast: readonly { period?: string; point: number; lo80: number; hi80: number }[] }, grain: ForecastGrain): string[] {
  const lines = result.forecast.map((p, i) => {
    const label = p.period ? periodLabel(p.period, grain) : `+${i + 1}`
    return `  ${label.padEnd(18)} ${amount(p.point).padStart(14)}  (80%: ${amount(p.lo80)}–${amount(p.hi80)}${plusMinus(p.point, p.lo80, p.hi80)})`
  })
  const { model, baseline } = result
  lines.push(`Model: ${model.name} — backtest MASE ${decimal.format(model.mase)}, sMAPE ${decimal.format(model.smape)}% (seasonal naive: MASE ${decimal.format(baseline.mase)}, sMAPE ${decimal.format(baseline.smape)}%)`)
  lines.push(`Candidates: ${result.candidates.map((c) => `${c.name} ${decimal.format(c.mase)}${c.chosen ? ' ✓' : ''}`).join(', ')} (MASE)`)
  for (const note of result.notes) lines.push(`Note: ${note}`)
  return lines
}

export function formatForecast(result: ForecastResult): string {
  const { request, periodEnd } = result
  const title = `${request.metric}${request.filter ? ` — ${request.filter.dimension} ${request.filter.label}` : ''}, by ${request.grain}, ${request.horizon} period${request.horizon === 1 ? '' : 's'} ahead:`
  const lines = [title, ...formatForecastLines(result, request.grain)]
  if (periodEnd) {
    const e = periodEnd
    const head = `${e.period.label}: ${amount(e.expected)} expected (80%: ${amount(e.lo80)}–${amount(e.hi80)}${plusMinus(e.expected, e.lo80, e.hi80)}) = ${amount(e.actualToDate)} to date + ${amount(e.expected - e.actualToDate)} expected remainder`
    const model = lines.findIndex((l) => l.startsWith('Model:'))
    const extra = [head]
    if (e.target !== undefined && e.attainment !== undefined) {
      extra.push(`Target ${amount(e.target)}: ${percent.format(e.attainment)} of target expected (80%: ${percent.format(e.attainmentLo80!)}–${percent.format(e.attainmentHi80!)})`)
    }
    lines.splice(model, 0, ...extra)
  }
  return lines.join('\n')
}
