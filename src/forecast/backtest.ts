/**
 * Scores a candidate model by rolling-origin backtest: on each fold it is fitted to the data before the origin only,
 * and its forecasts of the next periods are compared with what happened (MASE and sMAPE, averaged over folds). The
 * fold errors, in units of the training level, are what the prediction intervals are calibrated on.
 */
import { mase, smape } from './accuracy.js'
import type { ForecastModel, ModelContext } from './models/forecast-model.js'
import type { BacktestFold } from './rolling-origin-folds.js'

export interface BacktestScore {
  readonly name: string
  readonly mase: number
  readonly smape: number
  /** errors[fold][step] = (actual − forecast) / level of the fold's training data. */
  readonly errors: readonly (readonly number[])[]
}

export type BacktestOutcome = ({ ok: true } & BacktestScore) | { ok: false; name: string; reason: string }

/** The series' level: mean absolute value over its last season, what errors and intervals are measured against. */
export function seriesLevel(values: readonly number[], seasonLength: number): number {
  const recent = values.slice(-Math.max(1, seasonLength))
  const level = recent.reduce((s, v) => s + Math.abs(v), 0) / Math.max(1, recent.length)
  return level > 0 ? level : 1
}

/** Forecasts clipped at zero when the history never went below it (sales cannot be negative). */
export function clipped(points: readonly number[], nonNegative: boolean): number[] {
  return nonNegative ? points.map((p) => Math.max(0, p)) : [...points]
}

export function backtestModel(model: ForecastModel, values: readonly number[], folds: readonly BacktestFold[], context: ModelContext): BacktestOutcome {
  const nonNegative = values.every((v) => v >= 0)
  const errors: number[][] = []
  let maseSum = 0
  let smapeSum = 0
  for (const fold of folds) {
    // The model sees a copy of the past only: nothing at or after the origin.
    const train = values.slice(0, fold.origin)
    const actual = values.slice(fold.origin, fold.origin + fold.horizon)
    let predicted: number[]
    try {
      predicted = clipped(model.forecast(train, fold.horizon, context), nonNegative)
    } catch (error) {
      return { ok: false, name: model.name, reason: error instanceof Error ? error.message : String(error) }
    }
    if (predicted.length !== fold.horizon || predicted.some((p) => !Number.isFinite(p))) {
      return { ok: false, name: model.name, reason: 'it returned a forecast that is not a number' }
    }
    maseSum += mase(actual, predicted, train, context.seasonLength)
    smapeSum += smape(actual, predicted)
    const level = seriesLevel(train, context.seasonLength)
    errors.push(actual.map((a, h) => (a - predicted[h]!) / level))
  }
  return { ok: true, name: model.name, mase: maseSum / folds.length, smape: smapeSum / folds.length, errors }
}
