import { describe, expect, it } from 'vitest'
import { backtestModel } from './backtest.js'
import type { ForecastModel } from './models/forecast-model.js'
import { rollingOriginFolds } from './rolling-origin-folds.js'

describe('rolling-origin folds', () => {
  it('test on the periods right after each origin and never past the end of the series', () => {
    const folds = rollingOriginFolds(20, { horizon: 3, minTrain: 10, maxFolds: 100 })
    expect(folds.map((f) => f.origin)).toEqual([10, 11, 12, 13, 14, 15, 16, 17])
    for (const fold of folds) expect(fold.origin + fold.horizon).toBeLessThanOrEqual(20)
  })

  it('keep the most recent folds, spaced by the stride', () => {
    expect(rollingOriginFolds(100, { horizon: 7, minTrain: 30, maxFolds: 3, stride: 7 }).map((f) => f.origin)).toEqual([79, 86, 93])
  })

  it('give no fold when the history is shorter than training plus horizon', () => {
    expect(rollingOriginFolds(10, { horizon: 3, minTrain: 8, maxFolds: 5 })).toEqual([])
  })

  it('hand each model only the values before its origin, so it never trains on the future', () => {
    const values = Array.from({ length: 30 }, (_, i) => i + 1)
    const seen: number[][] = []
    const spy: ForecastModel = {
      name: 'spy',
      minLength: () => 1,
      forecast(train, horizon) {
        seen.push([...train])
        return Array.from({ length: horizon }, () => train[train.length - 1]!)
      },
    }
    const folds = rollingOriginFolds(values.length, { horizon: 4, minTrain: 12, maxFolds: 10 })
    backtestModel(spy, values, folds, { grain: 'month', seasonLength: 12 })
    expect(seen).toHaveLength(folds.length)
    seen.forEach((train, i) => expect(train).toEqual(values.slice(0, folds[i]!.origin)))
  })
})
