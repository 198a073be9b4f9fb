/**
 * Target attainment for the period the digest's last day falls in, and the forecast of that period's end.
 *
 * Which period: the month, for day and week digests and for a month to date; the quarter, for a monthly digest —
 * the month just ended is already complete (its attainment is final), while its quarter is still running, so the
 * quarter is what a forecast can still say something about. Targets are set per month (sales_targets), so both are
 * sums of whole months; a period with a month lacking a target has no attainment rather than a flattering one.
 *
 * Actual and target come from the semantic layer (revenue to the digest's last day; the target of every month of
 * the period at the scope: company or region — targets are not set per category, so a category digest has none).
 * The forecast comes from the forecaster, asked as of the day after the digest's last day (it counts sales up to
 * "yesterday"): daily for a month, so weekdays shape the rest of the month; monthly for a quarter. Too little
 * history, or any other refusal the forecaster explains (an AppError), costs the forecast only, and says why.
 */
import type { DigestContent, DigestScope } from '../digest-contract.js'
import { toIsoDate, toNumber } from '../../charts/result-shape.js'
import { isAppError, type AppError } from '../../errors/app-error.js'
import type { Forecaster, ForecastFilter, ForecastResult } from '../../forecast/create-forecaster.js'
import { calendarDays } from '../../planner/calendar-days.js'
import type { DateRange, PlanFilter } from '../../semantic/query-plan.js'
import type { Language } from '../../semantic/semantic-model.js'
import type { SqlPrincipal } from '../../sql-guard/index.js'
import type { DigestPeriod } from './compute-digest-period.js'
import type { DigestFormatter } from './digest-formatter.js'
import { digestPurpose, type DigestQueries } from './digest-queries.js'
import { formatDigestMonth, formatDigestQuarter } from './format-digest-dates.js'

export type DigestTarget = NonNullable<DigestContent['target']>

export interface TargetSection {
  readonly target?: DigestTarget
  /** Why there is no target, in the digest's language (the target's own display says why a forecast is missing). */
  readonly note?: string
}

export interface TargetPeriod extends DateRange {
  readonly label: string
  readonly unit: 'month' | 'quarter'
}

export interface ComputeTargetInput {
  readonly queries: DigestQueries
  readonly period: DigestPeriod
  readonly scope: DigestScope
  readonly filters: readonly PlanFilter[]
  readonly format: DigestFormatter
  readonly forecaster?: Forecaster
  readonly principal: SqlPrincipal
}

/** The month the digest's last day falls in; its quarter for a monthly digest (see the module comment). */
export function targetPeriodOf(period: DigestPeriod, language: Language): TargetPeriod {
  const end = calendarDays.parse(period.current.end)!
  const { year, month } = calendarDays.parts(end)
  if (period.kind === 'previous_month') {
    const first = Math.floor((month - 1) / 3) * 3 + 1
    const start = calendarDays.monthStart(year, first)
    return { unit: 'quarter', start: calendarDays.format(start), end: calendarDays.format(calendarDays.monthStart(year, first + 3) - 1), label: formatDigestQuarter(calendarDays.format(start), language) }
  }
  const start = calendarDays.monthStart(year, month)
  return { unit: 'month', start: calendarDays.format(start), end: calendarDays.format(calendarDays.monthStart(year, month + 1) - 1), label: formatDigestMonth(calendarDays.format(start), language) }
}

export async function computeTarget(input: ComputeTargetInput): Promise<TargetSection> {
  const { queries, period, scope, format } = input
  const pt = format.language === 'pt'
  const targetPeriod = targetPeriodOf(period, format.language)
  if (scope.category) {
    return { note: pt ? 'As metas são definidas para a empresa, as regiões e os vendedores, não por categoria; este resumo não tem meta.' : 'Targets are set for the company, each region and each rep, not per category, so this digest has no target.' }
  }
  const regionOnly = input.filters.filter((f) => f.dimension === 'region')

  const monthly = await queries.runPlan({ metrics: ['target'], dimensions: ['month'], filters: regionOnly, timeRange: { start: targetPeriod.start, end: targetPeriod.end } })
  const byMonth = new Map(monthly.rows.map((row) => [toIsoDate(row.month), toNumber(row.target)]))
  const missing = monthsOf(targetPeriod).filter((m) => byMonth.get(m) === null || byMonth.get(m) === undefined)
  if (missing.length > 0) {
    const months = missing.map((m) => formatDigestMonth(m, format.language)).join(', ')
    return { note: pt ? `Não há meta cadastrada para ${months}, então o atingimento de ${targetPeriod.label} não é calculado.` : `No target is set for ${months}, so attainment of ${targetPeriod.label} is not computed.` }
  }
  const target = [...byMonth.values()].reduce<number>((sum, v) => sum + (v ?? 0), 0)
  if (target <= 0) {
    return { note: pt ? `A meta de ${targetPeriod.label} é zero, então não há atingimento a calcular.` : `The ${targetPeriod.label} target is zero, so there is no attainment to compute.` }
  }
  const [toDate] = (await queries.runPlan({ metrics: ['revenue'], dimensions: [], filters: input.filters, timeRange: { start: targetPeriod.start, end: period.current.end } })).rows
  const actual = toNumber(toDate?.revenue) ?? 0
  const attainment = actual / target

  const complete = period.current.end >= targetPeriod.end
  const forecast = complete || !input.forecaster ? undefined : await forecastPeriodEnd(input, targetPeriod)
  const days = dayCount(targetPeriod)
  const elapsed = dayCount({ start: targetPeriod.start, end: period.current.end })

  const money = (v: number) => format.money(v)
  const parts: string[] = []
  if (pt) {
    parts.push(`Meta de ${targetPeriod.label}: ${money(target)}; realizado ${money(actual)} (${format.percent(attainment)})${complete ? `, ${targetPeriod.unit === 'month' ? 'mês encerrado' : 'trimestre encerrado'}.` : `, ${elapsed} de ${days} dias decorridos.`}`)
  } else {
    parts.push(`${targetPeriod.label} target ${money(target)}: ${money(actual)}${complete ? ` (${format.percent(attainment)}), final: the ${targetPeriod.unit} is over.` : ` so far (${format.percent(attainment)}), ${elapsed} of ${days} days gone.`}`)
  }
  if (forecast?.ok) {
    const f = forecast.value
    parts.push(
      pt
        ? `Previsão para o fim do período: ${money(f.value)}, ${format.percent(f.value / target)} da meta (80%: ${money(f.lower80)} a ${money(f.upper80)}; 95%: ${money(f.lower95)} a ${money(f.upper95)}).`
        : `Forecast for its end: ${money(f.value)}, ${format.percent(f.value / target)} of target (80%: ${money(f.lower80)} – ${money(f.upper80)}; 95%: ${money(f.lower95)} – ${money(f.upper95)}).`,
    )
  } else if (forecast) {
    parts.push(forecast.reason)
  }
  return {
    target: {
      period: { start: targetPeriod.start, end: targetPeriod.end, label: targetPeriod.label },
      target,
      actual,
      attainment,
      ...(forecast?.ok ? { forecast: forecast.value } : {}),
      display: parts.join(' '),
    },
  }
}

type ForecastOutcome = { ok: true; value: NonNullable<DigestTarget['forecast']> } | { ok: false; reason: string }

async function forecastPeriodEnd(input: ComputeTargetInput, targetPeriod: TargetPeriod): Promise<ForecastOutcome> {
  const pt = input.format.language === 'pt'
  const today = calendarDays.format(calendarDays.parse(input.period.current.end)! + 1)
  const region = input.scope.region
  const filter: ForecastFilter | undefined = region ? { dimension: 'region', value: region.id, label: region.name } : undefined
  const grain = targetPeriod.unit === 'month' ? 'day' : 'month'
  // Up to the period's last day, counting the current (partial) day or month as the first step.
  const horizon = grain === 'day' ? dayCount({ start: today, end: targetPeriod.end }) : monthCount(today, targetPeriod.end)
  let result: ForecastResult
  try {
    result = await input.forecaster!.forecast({ metric: 'revenue', grain, horizon, principal: input.principal, today, purpose: digestPurpose, ...(filter ? { filter } : {}) })
  } catch (error) {
    // The forecaster's refusals are typed and explained (too little history, unreadable history); anything else is a bug.
    if (!isAppError(error)) throw error
    return { ok: false, reason: noForecast(error, pt) }
  }
  input.queries.record(result.sql)
  const end = result.periodEnd
  if (!end || end.period.start !== targetPeriod.start || end.period.end !== targetPeriod.end) {
    return { ok: false, reason: pt ? `Sem previsão: a previsão não cobre ${targetPeriod.label} inteiro.` : `No forecast: the forecast does not cover the whole of ${targetPeriod.label}.` }
  }
  return { ok: true, value: { value: end.expected, lower80: end.lo80, upper80: end.hi80, lower95: end.lo95, upper95: end.hi95 } }
}

function noForecast(error: AppError, pt: boolean): string {
  const history = error.details.historyLength
  if (typeof history === 'number') {
    return pt ? `Sem previsão: há só ${history} período(s) completo(s) de histórico, pouco para prever.` : `No forecast: only ${history} complete period(s) of history, too few to forecast from.`
  }
  return pt ? 'Sem previsão: a previsão não pôde ser calculada com o histórico disponível.' : `No forecast: ${error.message}`
}

const dayCount = (range: DateRange) => calendarDays.parse(range.end)! - calendarDays.parse(range.start)! + 1

function monthCount(from: string, to: string): number {
  const a = calendarDays.parts(calendarDays.parse(from)!)
  const b = calendarDays.parts(calendarDays.parse(to)!)
  return (b.year - a.year) * 12 + (b.month - a.month) + 1
}

function monthsOf(range: DateRange): string[] {
  const months: string[] = []
  const last = range.end.slice(0, 7)
  for (let day = calendarDays.parse(range.start)!; calendarDays.format(day).slice(0, 7) <= last; day = calendarDays.addMonths(day, 1)) months.push(calendarDays.format(day))
  return months
}
