/**
 * Forecast accuracy measures (Hyndman & Koehler 2006). MASE scales the errors by the in-sample mean absolute error of
 * the seasonal naive forecast, so 1 means "as good as same-period-last-season" and below 1 beats it; sMAPE is in
 * percent (0–200), with 0/0 counted as a perfect 0.
 */

/** Mean absolute error of the one-step seasonal naive forecast inside the training data: MASE's denominator. */
export function naiveScale(train: readonly number[], seasonLength: number): number {
  // Too short for a seasonal difference: the plain one-step naive forecast scales it.
  const lag = train.length > seasonLength ? seasonLength : 1
  let sum = 0
  let count = 0
  for (let i = lag; i < train.length; i++) {
    sum += Math.abs(train[i]! - train[i - lag]!)
    count++
  }
  const scale = count > 0 ? sum / count : 0
  if (scale > 0) return scale
  // A flat training window has no naive error: fall back to its level, then to 1, so a miss still counts.
  const level = train.reduce((s, v) => s + Math.abs(v), 0) / Math.max(1, train.length)
  return level > 0 ? level : 1
}

export function meanAbsoluteError(actual: readonly number[], predicted: readonly number[]): number {
  if (actual.length === 0) return 0
  return actual.reduce((s, a, i) => s + Math.abs(a - predicted[i]!), 0) / actual.length
}

export function mase(actual: readonly number[], predicted: readonly number[], train: readonly number[], seasonLength: number): number {
  return meanAbsoluteError(actual, predicted) / naiveScale(train, seasonLength)
}

export function smape(actual: readonly number[], predicted: readonly number[]): number {
  if (actual.length === 0) return 0
  let sum = 0
  for (let i = 0; i < actual.length; i++) {
    const a = actual[i]!
    const f = predicted[i]!
    const denominator = Math.abs(a) + Math.abs(f)
    sum += denominator === 0 ? 0 : (2 * Math.abs(f - a)) / denominator
  }
  return (100 * sum) / actual.length
}
