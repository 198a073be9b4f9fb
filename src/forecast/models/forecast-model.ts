/** What every candidate forecasting model offers the backtest and the final fit. */
import type { ForecastGrain } from '../forecast-grain.js'

export interface ModelContext {
  readonly grain: ForecastGrain
  /** Periods per season: 12 months, 52 weeks, 7 days (or the caller's). */
  readonly seasonLength: number
}

export interface ForecastModel {
  /** snake_case, as stored in the registry and shown to people: 'seasonal_naive', 'mstl_ets', … */
  readonly name: string
  /** The shortest training series it can be fitted to. */
  minLength(context: ModelContext): number
  /** Fits on `train` alone and returns the next `horizon` point forecasts. Throws when it cannot fit. */
  forecast(train: readonly number[], horizon: number, context: ModelContext): number[]
}
