/**
 * Rolling-origin evaluation folds: each fold trains on the series up to its origin and is scored on the `horizon`
 * values right after it, so no model ever sees the periods it is judged on.
 */
export interface BacktestFold {
  /** Training is values[0, origin); the test is values[origin, origin + horizon). */
  readonly origin: number
  readonly horizon: number
}

export interface FoldOptions {
  readonly horizon: number
  /** Shortest training window a fold may have. */
  readonly minTrain: number
  /** At most this many folds, the most recent ones. */
  readonly maxFolds: number
  /** Periods between consecutive origins. */
  readonly stride?: number
}

/** The latest origins first in time order: the last fold's test window ends at the series' last value. */
export function rollingOriginFolds(length: number, options: FoldOptions): BacktestFold[] {
  const { horizon, minTrain, maxFolds } = options
  const stride = Math.max(1, options.stride ?? 1)
  if (!(horizon >= 1) || !(minTrain >= 1)) throw new RangeError('horizon and minTrain must be at least 1')
  const folds: BacktestFold[] = []
  for (let origin = length - horizon; origin >= minTrain && folds.length < maxFolds; origin -= stride) {
    folds.push({ origin, horizon })
  }
  return folds.reverse()
}
