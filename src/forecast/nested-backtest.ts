/**
 * An honest score for the automatic choice: a rolling-origin backtest whose "model" is the whole engine. At each outer
 * origin `forecastSeries` sees the history before it only — it runs its own inner backtest there, picks a model and
 * forecasts — and that forecast is scored on the next periods, which neither the choice nor the fit ever saw. Each
 * candidate is scored on the same outer folds, so the figures compare like with like.
 */
import { backtestModel } from './backtest.js'
import { defaultSeasonLength, type ForecastGrain } from './forecast-grain.js'
import { candidateModels, forecastSeries, minHistoryLength } from './forecast-series.js'
import type { ForecastModel, ModelContext } from './models/forecast-model.js'
import { rollingOriginFolds } from './rolling-origin-folds.js'

export const automaticChoiceName = 'automatic'

export interface NestedBacktestOptions {
  readonly grain: ForecastGrain
  /** Periods ahead each outer fold forecasts and is scored on. */
  readonly horizon: number
  readonly seasonLength?: number
  /** Outer origins, the most recent ones (default 12). */
  readonly folds?: number
  /** Periods between outer origins (default 1). */
  readonly stride?: number
}

export interface NestedScore {
  readonly name: string
  /** Mean over the outer folds; each fold's MASE is scaled by its own training data's seasonal naive error. */
  readonly mase: number
  readonly smape: number
}

export interface NestedBacktestResult {
  readonly folds: number
  /** Every candidate that could be scored on every outer fold, then the automatic choice (`automaticChoiceName`). */
  readonly scores: readonly NestedScore[]
  /** How often the automatic choice picked each model, over the outer folds. */
  readonly chosen: Readonly<Record<string, number>>
}

export function nestedBacktest(values: readonly number[], options: NestedBacktestOptions): NestedBacktestResult {
  const { grain, horizon } = options
  const seasonLength = options.seasonLength ?? defaultSeasonLength[grain]
  const context: ModelContext = { grain, seasonLength }
  const candidates = candidateModels()
  // The first outer origin leaves every candidate enough history to train on, and the engine enough to choose with.
  const minTrain = Math.max(minHistoryLength, ...candidates.map((m) => m.minLength(context)))
  const folds = rollingOriginFolds(values.length, { horizon, minTrain, maxFolds: options.folds ?? 12, stride: options.stride ?? 1 })
  if (folds.length === 0) throw new RangeError(`A series of ${values.length} periods is too short for a nested backtest ${horizon} ahead.`)

  const chosen: Record<string, number> = {}
  const automatic: ForecastModel = {
    name: automaticChoiceName,
    minLength: () => minHistoryLength,
    forecast(train, h) {
      const result = forecastSeries(train, { grain, horizon: h, seasonLength })
      chosen[result.model.name] = (chosen[result.model.name] ?? 0) + 1
      return result.forecast.map((p) => p.point)
    },
  }
  const scores: NestedScore[] = []
  for (const model of [...candidates, automatic]) {
    const outcome = backtestModel(model, values, folds, context)
    if (outcome.ok) scores.push({ name: outcome.name, mase: outcome.mase, smape: outcome.smape })
    else if (model === automatic) throw new Error(`The automatic choice failed its nested backtest: ${outcome.reason}`)
  }
  return { folds: folds.length, scores, chosen }
}
