/**
 * Reads a metric's history per period through the semantic layer and the SQL guard, as the asking principal: a
 * QueryPlan with the time breakdown and the filter, compiled to SQL and run by the guarded runner, so a rep's
 * history holds only their own sales. Missing periods become zeros (an average ticket, which has no value without
 * orders, carries the previous one); the history starts at the first period with sales and ends with the current
 * period, which is partial: it holds the sales of the days before today, and is never trained on as if complete.
 */
import { AppError } from '../errors/app-error.js'
import { compilePlan } from '../semantic/compile-plan.js'
import type { QueryPlan } from '../semantic/query-plan.js'
import type { GuardedSqlRunner, SqlPrincipal } from '../sql-guard/index.js'
import { addDays, addPeriods, daysInPeriod, defaultSeasonLength, parseDay, periodsBetween, periodStart, type ForecastGrain } from './forecast-grain.js'
import type { ForecastFilter, ForecastMetric } from './forecast-request.js'

export interface HistoryPoint {
  /** The period's first day, YYYY-MM-DD. */
  readonly period: string
  readonly value: number
  readonly partial: boolean
}

export interface FetchedSeries {
  /** Complete periods, then the current partial one last. */
  readonly history: readonly HistoryPoint[]
  readonly current: {
    readonly period: string
    /** The metric over the days of the current period before today. */
    readonly actualToDate: number
    readonly elapsedDays: number
    readonly days: number
  }
  readonly sql: string
  readonly notes: readonly string[]
}

/** How far back the history goes: well inside the guard's row cap, long enough for two or more seasons. */
const lookbackPeriods: Record<ForecastGrain, number> = { month: 120, week: 260, day: 900 }

export interface FetchSeriesRequest {
  readonly metric: ForecastMetric
  readonly filter?: ForecastFilter
  readonly grain: ForecastGrain
  readonly principal: SqlPrincipal
  readonly today: string
  readonly purpose?: string
  readonly question?: string
}

/** The plan of a metric's series per period over [start, end]: also what the registry re-reads for actuals. */
export function seriesPlan(metric: ForecastMetric, grain: ForecastGrain, filter: ForecastFilter | undefined, range: { start: string; end: string }): QueryPlan {
  return {
    metrics: [metric],
    dimensions: [grain],
    filters: filter ? [{ dimension: filter.dimension, values: [filter.value], labels: [filter.label] }] : [],
    timeRange: { start: range.start, end: range.end },
  }
}

/** Rows of a compiled series plan as period → value (the period column is named after the grain). */
export function seriesRowsByPeriod(rows: readonly Record<string, unknown>[], metric: ForecastMetric, grain: ForecastGrain): Map<string, number | null> {
  const byPeriod = new Map<string, number | null>()
  for (const row of rows) {
    const period = row[grain]
    const raw = row[metric]
    const key = period instanceof Date ? period.toISOString().slice(0, 10) : String(period).slice(0, 10)
    byPeriod.set(key, raw === null || raw === undefined ? null : Number(raw))
  }
  return byPeriod
}

export async function fetchSeries(runner: GuardedSqlRunner, request: FetchSeriesRequest): Promise<FetchedSeries> {
  const { metric, grain, filter, today } = request
  parseDay(today)
  const current = periodStart(today, grain)
  const first = addPeriods(current, grain, -lookbackPeriods[grain])
  const yesterday = addDays(today, -1)
  const plan = seriesPlan(metric, grain, filter, { start: first, end: yesterday < first ? first : yesterday })
  const compiled = compilePlan(plan)
  const result = await runner.run({ sql: compiled.sql, principal: request.principal, purpose: request.purpose ?? 'forecast', ...(request.question ? { question: request.question } : {}) })
  if (!result.ok) throw new AppError('unprocessable', `The history could not be read: ${result.reason}`, { code: result.code })
  if (result.truncated) throw new AppError('unprocessable', `The history has more ${grain}s than a query may return; use a coarser grain.`)

  const byPeriod = seriesRowsByPeriod(result.rows, metric, grain)
  const periods = periodsBetween(first, current, grain)
  const start = periods.findIndex((p) => (byPeriod.get(p) ?? 0) !== 0)
  const what = filter ? `${metric} for ${filter.dimension} ${filter.label}` : metric
  if (start < 0) throw new AppError('unprocessable', `No sales were found for ${what} in the last ${lookbackPeriods[grain]} ${grain}s, so there is nothing to forecast from.`)

  const notes: string[] = []
  let from = start
  if (looksCutShort(periods.slice(start, -1).map((p) => byPeriod.get(p) ?? 0), metric, grain)) {
    // Data that begins mid-month makes a small first month that is an artefact of the data, not of the business.
    notes.push(`The first ${grain} with sales (${periods[start]}) is far below the ones after it, as when the data begins mid-${grain}; it was left out.`)
    from = start + 1
  }
  if (from > 0) notes.push(`The history starts at ${periods[from]}.`)
  let previous = 0
  let carried = 0
  const history = periods.slice(from).map((period) => {
    let value = byPeriod.get(period)
    if (value === null || value === undefined) {
      // An average over no orders is not zero: the last known average stands in for it.
      if (metric === 'average_ticket') {
        if (period !== current) carried++
        value = previous
      } else value = 0
    }
    previous = value
    return { period, value, partial: period === current }
  })
  if (carried > 0) notes.push(`${carried} ${grain}${carried === 1 ? '' : 's'} had no orders; the previous average ticket stands in for them.`)
  const elapsedDays = parseDay(today) - parseDay(current)
  const last = history[history.length - 1]!
  return { history, current: { period: current, actualToDate: last.value, elapsedDays, days: daysInPeriod(current, grain) }, sql: compiled.sql, notes }
}

/** A first period under half the median of the next three: most likely only partly covered by the data. */
function looksCutShort(complete: readonly number[], metric: ForecastMetric, grain: ForecastGrain): boolean {
  if (grain === 'day' || metric === 'average_ticket' || complete.length < 7) return false
  const next = complete.slice(1, 4).sort((a, b) => a - b)
  if (complete[0]! < 0.5 * next[1]!) return true
  // Against the same period a season later, so a seasonal peak right after it (a first November before December's
  // peak) does not hide that it was cut short; a real first period is rarely below 60% of its season-later self.
  const season = defaultSeasonLength[grain]
  const sameLater = complete[season]
  return sameLater !== undefined && sameLater > 0 && complete[0]! < 0.6 * sameLater
}
