/**
 * The forecasting engine on a plain series of complete periods: every candidate that fits the history is scored by
 * rolling-origin backtest, the one with the lowest MASE (seasonal naive included, so nothing worse than "same period
 * last season" is ever chosen) is refitted on the whole history, and its intervals come from its own backtest errors.
 * Pure and synchronous; the augurs (WASM) candidates take part once `loadForecastModels()` has resolved.
 */
import { AppError } from '../errors/app-error.js'
import { backtestModel, clipped, seriesLevel, type BacktestScore } from './backtest.js'
import { defaultSeasonLength, type ForecastGrain } from './forecast-grain.js'
import { loadAugursModels } from './models/augurs-models.js'
import type { ForecastModel, ModelContext } from './models/forecast-model.js'
import { seasonalNaiveModel } from './models/seasonal-naive.js'
import { trendSeasonRegressionModel } from './models/trend-season-regression.js'
import { stepErrorBounds, sumErrorBounds, type ErrorBounds } from './prediction-intervals.js'
import { rollingOriginFolds, type BacktestFold } from './rolling-origin-folds.js'

/** Fewer complete periods than this and no forecast is honest. */
export const minHistoryLength = 6

export interface SeriesForecastPoint {
  readonly point: number
  readonly lo80: number
  readonly hi80: number
  readonly lo95: number
  readonly hi95: number
}

export interface ModelScore {
  readonly name: string
  /** Mean absolute scaled error over the backtest folds: below 1 beats the in-sample seasonal naive. */
  readonly mase: number
  /** Symmetric mean absolute percentage error over the folds, in percent (0–200). */
  readonly smape: number
}

export interface CandidateScore extends ModelScore {
  readonly chosen: boolean
  readonly note?: string
}

export interface SeriesForecast {
  readonly forecast: readonly SeriesForecastPoint[]
  readonly model: ModelScore
  /** Every candidate that ran its backtest; the ones skipped or failed are explained in `notes`. */
  readonly candidates: readonly CandidateScore[]
  readonly baseline: { readonly name: 'seasonal_naive'; readonly mase: number; readonly smape: number }
  /** English, one sentence each: short history, zeros, skipped candidates, widened intervals… */
  readonly notes: readonly string[]
}

export interface SeriesForecastOptions {
  readonly grain: ForecastGrain
  /** Periods ahead, at least 1. */
  readonly horizon: number
  /** Periods per season; default 12 for months, 52 for weeks, 7 for days. */
  readonly seasonLength?: number
}

/** The engine's answer plus what callers need to add up several periods with an honest interval. */
export interface SeriesForecastDetail extends SeriesForecast {
  /** Interval of Σ weights[h] × (actual − forecast) at step h+1, in the series' units (e.g. the rest of a quarter). */
  sumBounds(weights: readonly number[]): ErrorBounds
}

/** Folds per grain: enough errors to calibrate intervals on, few enough that daily series stay quick. */
const foldPolicy: Record<ForecastGrain, { maxFolds: number; stride: number }> = {
  month: { maxFolds: 12, stride: 1 },
  week: { maxFolds: 12, stride: 2 },
  day: { maxFolds: 10, stride: 7 },
}
const minFolds = 2

let augursModels: readonly ForecastModel[] = []
let augursFailure: string | undefined

/** Instantiates the augurs WASM models once; afterwards forecastSeries includes them. Never throws: a failure is noted. */
export async function loadForecastModels(): Promise<void> {
  try {
    augursModels = await loadAugursModels()
  } catch (error) {
    augursFailure = error instanceof Error ? error.message : String(error)
  }
}

/** The candidates in order of simplicity (ties go to the simpler one); the augurs ones once loaded. */
export function candidateModels(): readonly ForecastModel[] {
  return [seasonalNaiveModel, trendSeasonRegressionModel, ...augursModels]
}

/** Forecasts `horizon` periods after `values` (complete periods, oldest first). */
export function forecastSeries(values: readonly number[], options: SeriesForecastOptions): SeriesForecast {
  const { sumBounds: _omit, ...result } = forecastSeriesDetail(values, options)
  return result
}

export function forecastSeriesDetail(values: readonly number[], options: SeriesForecastOptions): SeriesForecastDetail {
  const { grain, horizon } = options
  const seasonLength = options.seasonLength ?? defaultSeasonLength[grain]
  if (!Number.isSafeInteger(horizon) || horizon < 1 || horizon > 1000) throw new AppError('bad_request', `The horizon must be a whole number of periods from 1 to 1000, got ${horizon}.`)
  if (!Number.isSafeInteger(seasonLength) || seasonLength < 1) throw new AppError('bad_request', `The season length must be a positive whole number, got ${seasonLength}.`)
  if (values.some((v) => !Number.isFinite(v))) throw new AppError('unprocessable', 'The series has values that are not numbers.')
  const n = values.length
  if (n < minHistoryLength) {
    throw new AppError('unprocessable', `Only ${n} complete ${grain === 'day' ? 'day' : grain}${n === 1 ? '' : 's'} of history; a forecast needs at least ${minHistoryLength}.`, { historyLength: n })
  }
  const context: ModelContext = { grain, seasonLength }
  const notes: string[] = []
  if (augursFailure) notes.push(`The augurs models (ETS, MSTL on the original and the log scale) could not be loaded, so they were not tried: ${augursFailure}.`)

  if (values.every((v) => v === 0)) return allZeros(n, horizon, notes)

  if (n < 2 * seasonLength) {
    notes.push(`Short history: ${n} periods, less than two seasons (${2 * seasonLength}); models that need the seasonal pattern are skipped, so the forecast knows little about seasonality.`)
  }
  const zeros = values.filter((v) => v === 0).length
  if (zeros > 0) notes.push(`${zeros} of ${n} periods had nothing (counted as zero).`)

  const { models, folds, backtestHorizon } = planBacktest(values.length, horizon, context, notes)
  const scored: BacktestScore[] = []
  for (const model of models) {
    const outcome = backtestModel(model, values, folds, context)
    if (outcome.ok) scored.push(outcome)
    else notes.push(`The ${model.name} model failed its backtest and was left out: ${outcome.reason}.`)
  }
  const baseline = scored.find((s) => s.name === seasonalNaiveModel.name)!
  const chosen = scored.reduce((best, s) => (s.mase < best.mase - 1e-12 || (Math.abs(s.mase - best.mase) <= 1e-12 && s.smape < best.smape) ? s : best), baseline)

  const nonNegative = values.every((v) => v >= 0)
  const chosenModel = models.find((m) => m.name === chosen.name)!
  let points: number[]
  try {
    points = clipped(chosenModel.forecast(values, horizon, context), nonNegative)
  } catch (error) {
    throw new AppError('internal', `The ${chosen.name} model passed its backtest but failed on the whole history.`, {}, { cause: error })
  }
  if (backtestHorizon < horizon) {
    notes.push(`The backtest could check ${backtestHorizon} period${backtestHorizon === 1 ? '' : 's'} ahead; intervals further out are widened with the square root of the distance.`)
  }
  const level = seriesLevel(values, seasonLength)
  const bounds = stepErrorBounds(chosen.errors, horizon)
  const forecast = points.map((point, h) => withBounds(point, bounds[h]!, level, nonNegative))
  const score = (s: BacktestScore): ModelScore => ({ name: s.name, mase: round(s.mase, 4), smape: round(s.smape, 2) })
  if (chosen !== baseline) notes.push(`Chose ${chosen.name}: backtest MASE ${score(chosen).mase} against ${score(baseline).mase} for seasonal naive, over ${folds.length} folds.`)
  else notes.push(`No candidate beat seasonal naive in the backtest (${folds.length} folds), so it is the forecast.`)
  return {
    forecast,
    model: score(chosen),
    candidates: scored.map((s) => ({ ...score(s), chosen: s === chosen })),
    baseline: { name: 'seasonal_naive', mase: score(baseline).mase, smape: score(baseline).smape },
    notes,
    sumBounds: (weights) => {
      const unit = sumErrorBounds(chosen.errors, weights.slice(0, backtestHorizon))
      // Steps the backtest never reached widen the sum as the steps themselves are widened.
      const extra = weights.length > backtestHorizon ? Math.sqrt(weights.reduce((s, w) => s + w, 0) / Math.max(1e-9, weights.slice(0, backtestHorizon).reduce((s, w) => s + w, 0))) : 1
      return { lo80: unit.lo80 * level * extra, hi80: unit.hi80 * level * extra, lo95: unit.lo95 * level * extra, hi95: unit.hi95 * level * extra }
    },
  }
}

/**
 * Which candidates can be backtested, on which folds: the most demanding models are dropped (and the fact noted)
 * until at least two folds fit, seasonal naive always stays.
 */
function planBacktest(length: number, horizon: number, context: ModelContext, notes: string[]): { models: ForecastModel[]; folds: BacktestFold[]; backtestHorizon: number } {
  const policy = foldPolicy[context.grain]
  let models = [...candidateModels()]
  for (;;) {
    const minTrain = Math.max(...models.map((m) => m.minLength(context)), Math.min(context.seasonLength + 1, Math.floor(length / 2)))
    const backtestHorizon = Math.min(horizon, length - minTrain - (minFolds - 1) * policy.stride)
    if (backtestHorizon >= 1 || models.length === 1) {
      const h = Math.max(1, Math.min(horizon, backtestHorizon, length - 1))
      const folds = rollingOriginFolds(length, { horizon: h, minTrain: Math.min(minTrain, length - h), maxFolds: policy.maxFolds, stride: policy.stride })
      return { models, folds, backtestHorizon: h }
    }
    const demanding = models.reduce((a, b) => (b.minLength(context) > a.minLength(context) ? b : a))
    notes.push(`Not enough history to backtest ${demanding.name} (it needs ${demanding.minLength(context)} periods to train on); it was not tried.`)
    models = models.filter((m) => m !== demanding)
  }
}

function withBounds(point: number, b: ErrorBounds, level: number, nonNegative: boolean): SeriesForecastPoint {
  const floor = (v: number) => (nonNegative ? Math.max(0, v) : v)
  return { point, lo80: floor(point + b.lo80 * level), hi80: point + b.hi80 * level, lo95: floor(point + b.lo95 * level), hi95: point + b.hi95 * level }
}

function allZeros(n: number, horizon: number, notes: string[]): SeriesForecastDetail {
  notes.push(`All ${n} periods had nothing, so the forecast is zero; no model was fitted.`)
  const zero = { point: 0, lo80: 0, hi80: 0, lo95: 0, hi95: 0 }
  const score = { name: 'seasonal_naive', mase: 0, smape: 0 }
  return {
    forecast: Array.from({ length: horizon }, () => zero),
    model: score,
    candidates: [{ ...score, chosen: true }],
    baseline: { name: 'seasonal_naive', mase: 0, smape: 0 },
    notes,
    sumBounds: () => ({ lo80: 0, hi80: 0, lo95: 0, hi95: 0 }),
  }
}

const round = (value: number, digits: number) => Number(value.toFixed(digits))
