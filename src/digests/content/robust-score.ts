/**
 * Robust z-scores: how far a value is from the median of a baseline, in units of the baseline's spread measured by
 * the median absolute deviation (MAD) scaled by 1.4826, which equals the standard deviation for normal data — so a
 * score of 3 means what "3 sigma" means, without one past outlier (a Black Friday in the baseline) widening the
 * spread the way a standard deviation would.
 */

/** 1 / Φ⁻¹(3/4): makes the MAD a consistent estimate of the standard deviation under normality. */
export const madToSigma = 1.4826

export function median(values: readonly number[]): number {
  if (values.length === 0) throw new RangeError('The median of no values is undefined')
  const sorted = [...values].sort((a, b) => a - b)
  const middle = Math.floor(sorted.length / 2)
  return sorted.length % 2 === 1 ? sorted[middle]! : (sorted[middle - 1]! + sorted[middle]!) / 2
}

export interface RobustScore {
  /** The baseline's median: the usual level. */
  readonly median: number
  /** 1.4826 × MAD, raised to `minSpread` when lower. */
  readonly spread: number
  /** (value − median) ÷ spread; undefined when the spread is 0 (every baseline value equal and no floor). */
  readonly score: number | undefined
}

/**
 * `minSpread` floors the spread: when the baseline happens to be nearly constant, any ordinary wobble would otherwise
 * score as extreme.
 */
export function robustScore(value: number, baseline: readonly number[], minSpread = 0): RobustScore {
  const m = median(baseline)
  const mad = median(baseline.map((v) => Math.abs(v - m)))
  const spread = Math.max(madToSigma * mad, minSpread)
  return { median: m, spread, score: spread > 0 ? (value - m) / spread : undefined }
}
