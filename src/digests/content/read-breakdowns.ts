/**
 * Revenue per region, category, rep or product in the period against the previous period: one semantic-layer plan
 * per dimension, read at most once per digest because movers and segment anomalies both use them.
 */
import { toNumber } from '../../charts/result-shape.js'
import type { PlanFilter } from '../../semantic/query-plan.js'
import type { DigestPeriod } from './compute-digest-period.js'
import type { DigestQueries } from './digest-queries.js'

export type BreakdownDimension = 'region' | 'category' | 'rep' | 'product'

export interface BreakdownRow {
  readonly name: string
  readonly value: number
  readonly previous: number
  /** value − previous. */
  readonly change: number
  /** change ÷ previous; null when the previous period had nothing. */
  readonly changePct: number | null
}

export interface BreakdownReader {
  read(dimension: BreakdownDimension): Promise<readonly BreakdownRow[]>
}

export function createBreakdownReader(queries: DigestQueries, period: DigestPeriod, filters: readonly PlanFilter[]): BreakdownReader {
  const read = new Map<BreakdownDimension, Promise<readonly BreakdownRow[]>>()
  const fetch = async (dimension: BreakdownDimension): Promise<readonly BreakdownRow[]> => {
    const result = await queries.runPlan({
      metrics: ['revenue'],
      dimensions: [dimension],
      filters,
      timeRange: period.current,
      comparison: { kind: 'previous_period', range: period.previous },
    })
    return result.rows.map((row) => ({
      name: String(row[dimension] ?? '—'),
      value: toNumber(row.revenue) ?? 0,
      previous: toNumber(row.revenue_previous) ?? 0,
      change: toNumber(row.revenue_change) ?? 0,
      changePct: toNumber(row.revenue_change_pct),
    }))
  }
  return {
    read(dimension) {
      let rows = read.get(dimension)
      if (!rows) {
        rows = fetch(dimension)
        read.set(dimension, rows)
      }
      return rows
    },
  }
}

/** The dimensions a scope still varies over: a region digest has one region, a category digest one category. */
export function dimensionsWithin(scope: { readonly region?: unknown; readonly category?: unknown }, candidates: readonly BreakdownDimension[]): BreakdownDimension[] {
  return candidates.filter((d) => !(d === 'region' && scope.region) && !(d === 'category' && scope.category))
}
