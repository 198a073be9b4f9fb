/** What a forecast is asked for, and how its series is named: shared by the fetcher, the engine's caller and the registry. */
import type { SqlPrincipal } from '../sql-guard/index.js'
import type { ForecastGrain } from './forecast-grain.js'

export const forecastMetrics = ['revenue', 'orders', 'units', 'average_ticket'] as const
export type ForecastMetric = (typeof forecastMetrics)[number]

export const forecastDimensions = ['region', 'category', 'product', 'rep'] as const
export type ForecastDimension = (typeof forecastDimensions)[number]

export interface ForecastFilter {
  readonly dimension: ForecastDimension
  /** The entity's id (regions.id, categories.id, products.id, sales_reps.id). */
  readonly value: number
  /** Its name, as shown. */
  readonly label: string
}

export interface ForecastRequest {
  readonly metric: ForecastMetric
  readonly filter?: ForecastFilter
  readonly grain: ForecastGrain
  /**
   * Periods ahead, counting the current (partial) period as the first; default: to the end of the current quarter
   * (months), or 8 weeks, or 30 days.
   */
  readonly horizon?: number
  /** Who asks: the history is read as them (a rep sees only their own sales). */
  readonly principal: SqlPrincipal
  /** YYYY-MM-DD in the business's time zone; sales up to yesterday count, today's are not in yet. */
  readonly today: string
  /** Recorded in the query audit; default 'forecast'. */
  readonly purpose?: string
  readonly question?: string
}

/** Metrics that add up over periods (an average ticket does not). */
export const additiveMetrics: ReadonlySet<ForecastMetric> = new Set(['revenue', 'orders', 'units'])
