/**
 * The forecaster the agent's `forecast` tool, the CLI and the API use: read the history through the semantic layer
 * and the guard as the asker, forecast it with the backtested engine (training on complete periods only), complete
 * the current partial period as "actual to date + expected remainder", compare the period's expected total with its
 * target, and store the run in the registry.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { AppError } from '../errors/app-error.js'
import type { GuardedSqlRunner } from '../sql-guard/index.js'
import { fetchSeries, type HistoryPoint } from './fetch-series.js'
import { fetchTarget } from './fetch-target.js'
import { addDays, addPeriods, forecastGrains, isCalendarDay, quarterOf, type ForecastGrain } from './forecast-grain.js'
import { additiveMetrics, forecastDimensions, forecastMetrics, type ForecastFilter, type ForecastMetric, type ForecastRequest } from './forecast-request.js'
import { forecastSeriesDetail, loadForecastModels, type CandidateScore, type ModelScore } from './forecast-series.js'
import { saveForecastRun } from './forecast-run.repository.js'
import { expectPeriodEnd, reportingSpan, type PeriodSpan } from './period-end.js'

export type { ForecastRequest, ForecastFilter, ForecastMetric } from './forecast-request.js'
export type { ForecastGrain } from './forecast-grain.js'
export { forecastSeries, loadForecastModels, type SeriesForecast, type SeriesForecastPoint, type CandidateScore, type ModelScore } from './forecast-series.js'

export interface ForecastPoint {
  /** The period's first day, YYYY-MM-DD. */
  readonly period: string
  readonly point: number
  readonly lo80: number
  readonly hi80: number
  readonly lo95: number
  readonly hi95: number
}

export interface PeriodEnd {
  readonly period: PeriodSpan
  readonly actualToDate: number
  readonly expected: number
  readonly lo80: number
  readonly hi80: number
  readonly lo95: number
  readonly hi95: number
  readonly target?: number
  /** expected / target, e.g. 0.93; with the 80% interval's ends over the target. */
  readonly attainment?: number
  readonly attainmentLo80?: number
  readonly attainmentHi80?: number
}

export interface ForecastResult {
  /** The forecast_runs id. */
  readonly runId: number
  readonly request: { readonly metric: ForecastMetric; readonly filter?: ForecastFilter; readonly grain: ForecastGrain; readonly horizon: number }
  /** Complete periods, then the current period (partial: the days before today). */
  readonly history: readonly HistoryPoint[]
  /** From the current period on; the current period's point is its expected total (actual to date + remainder). */
  readonly forecast: readonly ForecastPoint[]
  readonly model: ModelScore
  readonly candidates: readonly CandidateScore[]
  readonly baseline: { readonly name: 'seasonal_naive'; readonly mase: number; readonly smape: number }
  /** The current period's expected total and, when a target exists, attainment (additive metrics only). */
  readonly periodEnd?: PeriodEnd
  readonly notes: readonly string[]
  /** The guard-approved history query. */
  readonly sql: string
}

export interface ForecasterDeps {
  readonly db: Kysely<Database>
  readonly runner: GuardedSqlRunner
  /** Accepted for the factories' common shape; each request brings its own `today`. */
  readonly clock?: () => Date
}

export interface Forecaster {
  forecast(request: ForecastRequest): Promise<ForecastResult>
}

/** Default horizon: to the end of the current quarter for months (the current month included), 8 weeks, 30 days. */
export function defaultHorizon(grain: ForecastGrain, today: string): number {
  if (grain === 'week') return 8
  if (grain === 'day') return 30
  const quarterEnd = quarterOf(today).end
  return Number(quarterEnd.slice(5, 7)) - Number(today.slice(5, 7)) + 1
}

export function createForecaster(deps: ForecasterDeps): Forecaster {
  return {
    async forecast(request) {
      checkRequest(request)
      await loadForecastModels()
      const { metric, filter, grain, principal, today } = request
      const horizon = request.horizon ?? defaultHorizon(grain, today)
      const series = await fetchSeries(deps.runner, request)
      const complete = series.history.filter((p) => !p.partial)
      const { current } = series
      const remaining = 1 - current.elapsedDays / current.days
      const engine = forecastSeriesDetail(
        complete.map((p) => p.value),
        { grain, horizon },
      )
      const notes = [...series.notes]
      if (current.elapsedDays > 0) {
        notes.push(`The current ${grain} (${current.period}) is partial: ${current.elapsedDays} of ${current.days} days are in, so it is not trained on; its forecast is the actual to date plus the expected remainder.`)
      }
      notes.push(...engine.notes)

      const additive = additiveMetrics.has(metric)
      // The current period: known part + forecast of the part still to come; an average blends them by days.
      const forecast: ForecastPoint[] = engine.forecast.map((p, step) => {
        const period = addPeriods(current.period, grain, step)
        if (step > 0) return { period, ...p }
        const known = additive ? current.actualToDate : current.actualToDate * (1 - remaining)
        const at = (v: number) => known + remaining * v
        return { period, point: at(p.point), lo80: at(p.lo80), hi80: at(p.hi80), lo95: at(p.lo95), hi95: at(p.hi95) }
      })

      let periodEnd: PeriodEnd | undefined
      if (additive) {
        const span = reportingSpan(today, grain, forecast[forecast.length - 1]!.period)
        const expectation = expectPeriodEnd({
          span,
          grain,
          complete,
          current: { period: current.period, actualToDate: current.actualToDate, remaining },
          points: engine.forecast.map((p) => p.point),
          sumBounds: engine.sumBounds,
        })
        periodEnd = expectation
        // Targets are monthly revenue targets: only a span of whole months has one.
        if (metric === 'revenue' && isWholeMonths(span)) {
          const target = await fetchTarget(deps.runner, { filter, principal, start: span.start, end: span.end, purpose: request.purpose, question: request.question })
          if (target.found && target.amount > 0) {
            periodEnd = {
              ...expectation,
              target: target.amount,
              attainment: expectation.expected / target.amount,
              attainmentLo80: expectation.lo80 / target.amount,
              attainmentHi80: expectation.hi80 / target.amount,
            }
          } else if (!target.found) notes.push(target.reason)
        }
      } else {
        notes.push('An average does not add up over periods, so no period total or target attainment is given.')
      }

      const result: Omit<ForecastResult, 'runId'> = {
        request: { metric, ...(filter ? { filter } : {}), grain, horizon },
        history: series.history,
        forecast,
        model: engine.model,
        candidates: engine.candidates,
        baseline: engine.baseline,
        ...(periodEnd ? { periodEnd } : {}),
        notes,
        sql: series.sql,
      }
      const runId = await saveForecastRun(deps.db, { result, principal, today })
      return { runId, ...result }
    },
  }
}

const isWholeMonths = (span: PeriodSpan): boolean => span.start.endsWith('-01') && addDays(span.end, 1).endsWith('-01')

function checkRequest(request: ForecastRequest): void {
  const fields: { path: string; message: string }[] = []
  if (!(forecastMetrics as readonly string[]).includes(request.metric)) fields.push({ path: 'metric', message: `one of ${forecastMetrics.join(', ')}` })
  if (!(forecastGrains as readonly string[]).includes(request.grain)) fields.push({ path: 'grain', message: `one of ${forecastGrains.join(', ')}` })
  if (request.horizon !== undefined && !(Number.isSafeInteger(request.horizon) && request.horizon >= 1 && request.horizon <= 1000)) fields.push({ path: 'horizon', message: 'a whole number of periods from 1 to 1000' })
  if (request.filter !== undefined) {
    const f = request.filter
    if (!(forecastDimensions as readonly string[]).includes(f.dimension)) fields.push({ path: 'filter.dimension', message: `one of ${forecastDimensions.join(', ')}` })
    if (!(Number.isSafeInteger(f.value) && f.value > 0)) fields.push({ path: 'filter.value', message: 'a positive id' })
    if (typeof f.label !== 'string' || f.label.trim() === '') fields.push({ path: 'filter.label', message: 'the name to show' })
  }
  if (!isCalendarDay(request.today)) fields.push({ path: 'today', message: 'a date as YYYY-MM-DD' })
  if (fields.length > 0) {
    throw new AppError('unprocessable', `The forecast request is not valid: ${fields.map((f) => `${f.path} must be ${f.message}`).join('; ')}.`, { fields })
  }
}
