/**
 * Prediction intervals calibrated on backtest errors. Errors are `actual − forecast` divided by the level of the
 * fold's training data (so a business that doubled does not get last year's narrow bands), one row per fold and one
 * column per horizon step. Bounds are split-conformal quantiles of those errors — the ⌊(n+1)α/2⌋-th and
 * ⌈(n+1)(1−α/2)⌉-th order statistics — and when too few errors exist for a level (fewer than 39 for 95%), a
 * Student-t interval from their mean and spread. Intervals always contain the point forecast.
 */
export interface ErrorBounds {
  readonly lo80: number
  readonly hi80: number
  readonly lo95: number
  readonly hi95: number
}

const levels = [0.8, 0.95] as const

/** Bounds, in the errors' units, for each step 1..horizon; steps past the backtest's grow with √step. */
export function stepErrorBounds(errors: readonly (readonly number[])[], horizon: number): ErrorBounds[] {
  const tested = Math.max(0, ...errors.map((row) => row.length))
  if (tested === 0) return Array.from({ length: horizon }, () => zeroBounds)
  // Spread per step (root mean square), never narrower further ahead.
  const spread: number[] = []
  for (let h = 0; h < tested; h++) {
    const column = errors.map((row) => row[h]).filter((e): e is number => e !== undefined)
    const rms = Math.sqrt(column.reduce((s, e) => s + e * e, 0) / Math.max(1, column.length))
    spread.push(Math.max(rms, h > 0 ? spread[h - 1]! : 0))
  }
  const standardised = errors.flatMap((row) => row.map((e, h) => (spread[h]! > 0 ? e / spread[h]! : 0)))
  const unit = boundsOf(standardised)
  return Array.from({ length: horizon }, (_, h) => {
    const s = h < tested ? spread[h]! : spread[tested - 1]! * Math.sqrt((h + 1) / tested)
    return scaleBounds(unit, s)
  })
}

/** Bounds for a weighted sum of steps (e.g. the rest of this month plus next month), from each fold's summed error. */
export function sumErrorBounds(errors: readonly (readonly number[])[], weights: readonly number[]): ErrorBounds {
  const sums = errors
    .filter((row) => row.length >= weights.length)
    .map((row) => weights.reduce((s, w, h) => s + w * row[h]!, 0))
  return sums.length === 0 ? zeroBounds : boundsOf(sums)
}

const zeroBounds: ErrorBounds = Object.freeze({ lo80: 0, hi80: 0, lo95: 0, hi95: 0 })

const scaleBounds = (b: ErrorBounds, s: number): ErrorBounds => ({ lo80: b.lo80 * s, hi80: b.hi80 * s, lo95: b.lo95 * s, hi95: b.hi95 * s })

function boundsOf(samples: readonly number[]): ErrorBounds {
  const sorted = [...samples].sort((a, b) => a - b)
  const [b80, b95] = levels.map((level) => quantileBounds(sorted, level))
  // Always contain the point, and the 95% band always contains the 80% one.
  const lo80 = Math.min(0, b80![0])
  const hi80 = Math.max(0, b80![1])
  return { lo80, hi80, lo95: Math.min(lo80, b95![0]), hi95: Math.max(hi80, b95![1]) }
}

function quantileBounds(sorted: readonly number[], level: number): [number, number] {
  const n = sorted.length
  const alpha = 1 - level
  const lower = Math.floor((n + 1) * (alpha / 2))
  const upper = Math.ceil((n + 1) * (1 - alpha / 2))
  if (lower >= 1 && upper <= n) return [sorted[lower - 1]!, sorted[upper - 1]!]
  const mean = sorted.reduce((s, e) => s + e, 0) / n
  const sd = n > 1 ? Math.sqrt(sorted.reduce((s, e) => s + (e - mean) ** 2, 0) / (n - 1)) : Math.abs(mean)
  const half = studentT(1 - alpha / 2, Math.max(1, n - 1)) * sd * Math.sqrt(1 + 1 / n)
  return [mean - half, mean + half]
}

/** Student-t quantile by the Cornish–Fisher expansion around the normal one (close enough from 3 degrees up). */
export function studentT(p: number, degrees: number): number {
  const z = normalQuantile(p)
  const v = degrees
  return z + (z ** 3 + z) / (4 * v) + (5 * z ** 5 + 16 * z ** 3 + 3 * z) / (96 * v ** 2) + (3 * z ** 7 + 19 * z ** 5 + 17 * z ** 3 - 15 * z) / (384 * v ** 3)
}

/** Normal quantile (Acklam's rational approximation, relative error below 1.2e-9). */
export function normalQuantile(p: number): number {
  const a = [-39.69683028665376, 220.9460984245205, -275.9285104469687, 138.357751867269, -30.66479806614716, 2.506628277459239]
  const b = [-54.47609879822406, 161.5858368580409, -155.6989798598866, 66.80131188771972, -13.28068155288572]
  const c = [-0.007784894002430293, -0.3223964580411365, -2.400758277161838, -2.549732539343734, 4.374664141464968, 2.938163982698783]
  const d = [0.007784695709041462, 0.3224671290700398, 2.445134137142996, 3.754408661907416]
  const low = 0.02425
  if (p < low) {
    const q = Math.sqrt(-2 * Math.log(p))
    return (((((c[0]! * q + c[1]!) * q + c[2]!) * q + c[3]!) * q + c[4]!) * q + c[5]!) / ((((d[0]! * q + d[1]!) * q + d[2]!) * q + d[3]!) * q + 1)
  }
  if (p > 1 - low) return -normalQuantile(1 - p)
  const q = p - 0.5
  const r = q * q
  return ((((((a[0]! * r + a[1]!) * r + a[2]!) * r + a[3]!) * r + a[4]!) * r + a[5]!) * q) / (((((b[0]! * r + b[1]!) * r + b[2]!) * r + b[3]!) * r + b[4]!) * r + 1)
}
