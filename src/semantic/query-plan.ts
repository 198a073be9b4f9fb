/**
 * A query plan: what a question asks, in the semantic layer's terms. Planners (offline or LLM) produce it,
 * the compiler turns it into one SQL statement, and answers describe it. Pure data, JSON-serialisable.
 */
import type { DimensionId, MetricId, TimeDimensionId } from './semantic-model.js'

/** Inclusive calendar range, 'YYYY-MM-DD'. */
export interface DateRange {
  readonly start: string
  readonly end: string
  /** How the question named it, e.g. "last month", "março de 2025", "Q3 2025". */
  readonly label?: string
}

export interface PlanFilter {
  readonly dimension: Exclude<DimensionId, TimeDimensionId>
  /** Entity ids (region, rep, customer, product, category) or attribute values (segment, brand, channel, payment_method, status). */
  readonly values: readonly (number | string)[]
  /** Names to show for entity ids, in the same order. */
  readonly labels?: readonly string[]
  /** "everything except …" */
  readonly exclude?: boolean
}

export type ComparisonKind = 'previous_period' | 'same_period_last_year' | 'custom'

export interface PlanComparison {
  readonly kind: ComparisonKind
  /** The period compared with; same length as the main range for previous_period. */
  readonly range: DateRange
}

export interface PlanSort {
  readonly by: { readonly metric: MetricId } | { readonly dimension: DimensionId }
  readonly direction: 'asc' | 'desc'
}

export interface QueryPlan {
  /** At least one; the first is the headline figure. */
  readonly metrics: readonly MetricId[]
  /** Breakdowns, at most two (e.g. region × month). Time dimensions group by the period's first day. */
  readonly dimensions: readonly DimensionId[]
  readonly filters: readonly PlanFilter[]
  readonly timeRange: DateRange
  readonly comparison?: PlanComparison
  readonly sort?: PlanSort
  /** Top/bottom N: with sort. */
  readonly limit?: number
}

/**
 * Result columns of a compiled plan, in order: each dimension (named by its id, e.g. "region", "month"),
 * then each metric (named by its id, e.g. "revenue"); with a comparison, for each metric also
 * "<metric>_previous", "<metric>_change" (absolute) and "<metric>_change_pct" (fraction, e.g. 0.12 = +12%).
 */
export type PlanColumnRole = 'dimension' | 'metric' | 'previous' | 'change' | 'change_pct'
export interface PlanColumn {
  readonly name: string
  readonly role: PlanColumnRole
  readonly id: DimensionId | MetricId
}

export interface CompiledPlan {
  /** One SELECT with literal values inlined (safe-quoted), so "show the SQL" runs as is in psql. */
  readonly sql: string
  readonly columns: readonly PlanColumn[]
}
