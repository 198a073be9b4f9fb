/** What a chart is drawn from: an answer's own rows and, for the semantic layer, the plan that produced them. */
import type { QueryPlan } from '../semantic/query-plan.js'
import type { ChartKind } from './vega-lite-spec.js'

export interface ForecastPoint {
  /** Period start, 'YYYY-MM-DD', at the series' grain. */
  readonly period: string
  readonly point: number
  readonly lo80: number
  readonly hi80: number
  readonly lo95: number
  readonly hi95: number
}

export interface ChartInput {
  readonly language: 'en' | 'pt'
  /** The data's currency, e.g. 'BRL'; only the format follows the user's language. */
  readonly currency: string
  /** The query plan, when the rows came from the semantic layer; absent for free SQL. */
  readonly plan?: QueryPlan
  /** Result columns: for plans, PlanColumn (role dimension|metric|previous|change|change_pct, id); for free SQL role 'value'. */
  readonly columns: readonly { readonly name: string; readonly role: string; readonly id?: string }[]
  readonly rows: readonly Record<string, unknown>[]
  /** Title with the period, e.g. "Revenue by region — May 2026"; built from the plan when absent. */
  readonly title?: string
  /** A forecast to draw after the history: points with 80%/95% bands. */
  readonly forecast?: readonly ForecastPoint[]
  /** 'auto' (default) picks from the result's shape; an explicit kind is honoured when the shape allows it. */
  readonly kind?: 'auto' | ChartKind
}
