/** Weighted picks from a fixed list in O(log n), for the hot loops of the demo generator. */
import type { Random } from './random.js'

/** Prefix sums plus binary search; `limit` lets a caller draw from a growing prefix (e.g. customers acquired so far). */
export class WeightedTable {
  private readonly cumulative: Float64Array

  constructor(weights: readonly number[]) {
    this.cumulative = new Float64Array(weights.length)
    let sum = 0
    for (let i = 0; i < weights.length; i++) {
      sum += weights[i]!
      this.cumulative[i] = sum
    }
  }

  get total(): number {
    return this.cumulative.length === 0 ? 0 : this.cumulative[this.cumulative.length - 1]!
  }

  /** Index among the first `limit` entries (all by default), drawn in proportion to weight. */
  pick(random: Random, limit = this.cumulative.length): number {
    if (limit <= 0) throw new Error('weighted pick from an empty prefix')
    const target = random.next() * this.cumulative[limit - 1]!
    let lo = 0
    let hi = limit - 1
    while (lo < hi) {
      const mid = (lo + hi) >>> 1
      if (this.cumulative[mid]! > target) hi = mid
      else lo = mid + 1
    }
    return lo
  }
}
