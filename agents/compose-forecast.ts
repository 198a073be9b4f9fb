/**
 * A forecast as an answer: the expected value with its 80% and 95% intervals and "± x%", the actual to date and the
 * expected remainder, the target attainment, a table of the periods ahead, and how it was computed (the model chosen
 * by backtest against seasonal naive, and its error) — in the user's language and locale. Every figure is one the
 * forecast engine computed from guard-approved history.
 */
import { createValueFormatter, type ValueFormatter } from '../src/answer/format-values.js'
import type { ChartInput } from '../src/charts/choose-chart.js'
import { calendarDays } from '../src/planner/calendar-days.js'
import type { QueryPlan } from '../src/semantic/query-plan.js'
import { metrics, type Language, type MetricUnit } from '../src/semantic/semantic-model.js'
import type { ForecastOutcome } from '../tools/tool-outcome.js'
import type { ReplyColumn, ReplyTable } from './agent-contract.js'
import { translateForecastNote } from './translate-forecast-notes.js'

const modelNames: Record<string, Record<Language, string>> = {
  seasonal_naive: { en: 'seasonal naive (same period last season)', pt: 'sazonal ingênuo (mesmo período da estação anterior)' },
  trend_season_regression: { en: 'regression on trend and season', pt: 'regressão de tendência e sazonalidade' },
  ets: { en: 'exponential smoothing (ETS)', pt: 'suavização exponencial (ETS)' },
  mstl_ets: { en: 'seasonal decomposition + ETS (MSTL)', pt: 'decomposição sazonal + ETS (MSTL)' },
  mstl_ets_log: { en: 'seasonal decomposition + ETS on the log scale (MSTL)', pt: 'decomposição sazonal + ETS em escala log (MSTL)' },
}

const words = {
  en: { forecast: 'forecast', expected: 'expected', toDate: 'to date', remainder: 'expected for the rest of the period', target: 'Target', ofTarget: 'of target expected', how: 'How computed', period: 'Period', low: 'low', high: 'high', chosen: 'model chosen by rolling-origin backtest', baseline: 'seasonal naive', intervals: 'intervals from the backtest errors', notes: 'Notes', per: 'per', noTarget: 'No target is set for every month of this period, so attainment cannot be computed.' },
  pt: { forecast: 'previsão', expected: 'esperado', toDate: 'até agora', remainder: 'esperado no restante do período', target: 'Meta', ofTarget: 'da meta esperado', how: 'Como foi calculado', period: 'Período', low: 'mín.', high: 'máx.', chosen: 'modelo escolhido por backtest com origem móvel', baseline: 'sazonal ingênuo', intervals: 'intervalos a partir dos erros do backtest', notes: 'Observações', per: 'por', noTarget: 'Não há meta cadastrada para todos os meses deste período, então o atingimento não pode ser calculado.' },
} as const

const grainWords: Record<string, Record<Language, string>> = { day: { en: 'day', pt: 'dia' }, week: { en: 'week', pt: 'semana' }, month: { en: 'month', pt: 'mês' } }

export interface ComposedForecast {
  readonly text: string
  readonly headline: string
  readonly table: ReplyTable
  readonly sql: string
}

export function composeForecast(outcome: ForecastOutcome, language: Language, currency: string, showSql: boolean): ComposedForecast {
  const f = createValueFormatter(language, currency)
  const w = words[language]
  const r = outcome.result
  const metric = metrics[r.request.metric]
  const unit = metric.unit
  const value = (n: number) => f.metric(n, unit)
  const subject = `${metric.label[language]}${r.request.filter ? ` (${r.request.filter.label})` : ''}`
  const lines: string[] = []
  // The engine sums up the current period; a question about a later one ("next 3 months") is answered period by period.
  const asked = outcome.period
  const end = r.periodEnd && (!asked || (asked.start === r.periodEnd.period.start && asked.end === r.periodEnd.period.end) || outcome.aboutTarget) ? r.periodEnd : undefined
  const points = asked && !end ? r.forecast.filter((p) => p.period >= asked.start.slice(0, 10) || p.period.slice(0, 7) >= asked.start.slice(0, 7)) : r.forecast
  if (end) {
    const band = plusMinus(end.expected, end.lo80, end.hi80, f)
    lines.push(`${subject} — ${w.forecast} ${end.period.label}, ${f.range(end.period.start, end.period.end)}: ${value(end.expected)} ${w.expected} (80%: ${value(end.lo80)} – ${value(end.hi80)}${band}; 95%: ${value(end.lo95)} – ${value(end.hi95)})`)
    lines.push(`• ${capital(w.toDate)}: ${value(end.actualToDate)}; ${w.remainder}: ${value(end.expected - end.actualToDate)}`)
    if (end.target !== undefined && end.attainment !== undefined) {
      lines.push(`• ${w.target} ${value(end.target)}: ${f.percent(end.attainment)} ${w.ofTarget} (80%: ${f.percent(end.attainmentLo80 ?? end.attainment)} – ${f.percent(end.attainmentHi80 ?? end.attainment)})`)
    } else if (outcome.aboutTarget) {
      lines.push(`• ${w.noTarget}`)
    }
  } else {
    if (outcome.aboutTarget) lines.push(w.noTarget)
    const last = points.at(-1)!
    lines.push(`${subject} — ${w.forecast} ${w.per} ${grainWords[r.request.grain]![language]}${asked ? ` (${asked.label})` : ''}, ${f.range(points[0]!.period, lastDay(last.period, r.request.grain))}:`)
  }
  const table = forecastTable(points, r.request.grain, f, unit)
  if (!end && points.length <= 6) {
    // A few periods read better as sentences: each with its value, 80% interval and "± x%".
    for (const p of points) lines.push(`• ${f.bucket(p.period, r.request.grain)}: ${value(p.point)} (80%: ${value(p.lo80)} – ${value(p.hi80)}${plusMinus(p.point, p.lo80, p.hi80, f)}; 95%: ${value(p.lo95)} – ${value(p.hi95)})`)
  } else {
    lines.push('```', ...alignTable(table), '```')
  }
  const model = r.model
  lines.push(
    '',
    `${w.how}: ${metric.definition[language]}; ${w.chosen}: ${modelNames[model.name]?.[language] ?? model.name} (MASE ${f.count(round2(model.mase))}, sMAPE ${f.count(round2(model.smape))}%; ${w.baseline}: MASE ${f.count(round2(r.baseline.mase))}); ${w.intervals}.`,
  )
  if (r.notes.length) lines.push(`${w.notes}: ${r.notes.map((note) => translateForecastNote(note, language)).join(' ')}`)
  if (showSql) lines.push('', 'SQL:', '```sql', r.sql.trim(), '```')
  return { text: lines.join('\n'), headline: lines[0]!, table, sql: r.sql }
}

function forecastTable(points: ForecastOutcome['result']['forecast'], grain: ForecastOutcome['result']['request']['grain'], f: ValueFormatter, unit: MetricUnit): ReplyTable {
  const language = f.language
  const w = words[language]
  const names = ['period', 'point', 'lo80', 'hi80', 'lo95', 'hi95'] as const
  const labels = [w.period, capital(w.expected), `80% ${w.low}`, `80% ${w.high}`, `95% ${w.low}`, `95% ${w.high}`]
  return {
    columns: names.map((name, i): ReplyColumn => ({ name, label: labels[i]!, role: i === 0 ? 'dimension' : 'value' })),
    rows: points.map((p) => ({ ...p })),
    display: points.map((p) => [f.bucket(p.period, grain), f.metric(p.point, unit), f.metric(p.lo80, unit), f.metric(p.hi80, unit), f.metric(p.lo95, unit), f.metric(p.hi95, unit)]),
    truncated: false,
  }
}

function alignTable(table: ReplyTable): string[] {
  const header = table.columns.map((c) => c.label)
  const widths = header.map((h, i) => Math.max(h.length, ...table.display.map((row) => row[i]!.length)))
  const pad = (text: string, i: number) => (i === 0 ? text.padEnd(widths[i]!) : text.padStart(widths[i]!))
  return [header.map(pad).join('  '), widths.map((n) => '─'.repeat(n)).join('  '), ...table.display.map((row) => row.map(pad).join('  '))]
}

/** The history (complete periods) and the forecast, as the chart module draws them: a line with its bands. */
export function forecastChartInput(outcome: ForecastOutcome, language: Language, currency: string): ChartInput {
  const r = outcome.result
  const grain = r.request.grain
  const history = r.history.filter((p) => !p.partial)
  const title = `${metrics[r.request.metric].label[language]}${r.request.filter ? ` (${r.request.filter.label})` : ''} — ${words[language].forecast}`
  const plan: QueryPlan = {
    metrics: [r.request.metric],
    dimensions: [grain],
    filters: r.request.filter ? [{ dimension: r.request.filter.dimension, values: [r.request.filter.value], labels: [r.request.filter.label] }] : [],
    timeRange: { start: history[0]?.period ?? r.forecast[0]!.period, end: r.forecast.at(-1)!.period },
  }
  return {
    language,
    currency,
    plan,
    columns: [{ name: grain, role: 'dimension', id: grain }, { name: r.request.metric, role: 'metric', id: r.request.metric }],
    rows: history.map((p) => ({ [grain]: p.period, [r.request.metric]: p.value })),
    title,
    forecast: r.forecast,
  }
}

/** The last day of the period starting on `start`. */
function lastDay(start: string, grain: 'day' | 'week' | 'month'): string {
  const day = calendarDays.parse(start)!
  if (grain === 'day') return start
  if (grain === 'week') return calendarDays.format(day + 6)
  return calendarDays.format(calendarDays.addMonths(day, 1) - 1)
}

const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
const round2 = (n: number) => Math.round(n * 100) / 100
const plusMinus = (point: number, lo: number, hi: number, f: ValueFormatter) => (point === 0 ? '' : `, ± ${f.percent((hi - lo) / 2 / Math.abs(point))}`)
