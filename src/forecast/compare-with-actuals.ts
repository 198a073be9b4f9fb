/**
 * What happened in the periods a past forecast covered and that have closed since: the same series plan as the run
 * (same metric, grain, filter, and for a rep's run only that rep's sales), set against the forecast and its 80% band.
 * Runs the compiled plan directly: the registry is read by admins and analysts only, who may see every row, and the
 * SQL is the compiler's own (checked literals), never user text.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { compilePlan } from '../semantic/compile-plan.js'
import { seriesPlan, seriesRowsByPeriod } from './fetch-series.js'
import { periodLastDay, type ForecastGrain } from './forecast-grain.js'
import type { ForecastFilter, ForecastMetric } from './forecast-request.js'
import type { ForecastRunRow } from './forecast-run.repository.js'

export interface ActualVsForecast {
  readonly period: string
  readonly actual: number | null
  readonly point: number
  readonly error: number | null
  readonly within80: boolean | null
}

export async function compareWithActuals(db: Kysely<Database>, run: ForecastRunRow, today: string): Promise<ActualVsForecast[]> {
  const grain = run.grain as ForecastGrain
  const metric = run.metric as ForecastMetric
  const points = (run.forecast as { period: string; point: number; lo80: number; hi80: number }[]) ?? []
  const closed = points.filter((p) => periodLastDay(p.period, grain) < today)
  if (closed.length === 0) return []
  const filter = (run.filter ?? undefined) as ForecastFilter | undefined
  const plan = seriesPlan(metric, grain, filter, { start: closed[0]!.period, end: periodLastDay(closed[closed.length - 1]!.period, grain) })
  const scoped = run.rep_id !== null && run.principal_role === 'rep' ? { ...plan, filters: [...plan.filters, { dimension: 'rep' as const, values: [run.rep_id] }] } : plan
  const { rows } = await sql.raw<Record<string, unknown>>(compilePlan(scoped).sql).execute(db)
  const byPeriod = seriesRowsByPeriod(rows, metric, grain)
  return closed.map((p) => {
    const actual = byPeriod.get(p.period) ?? (metric === 'average_ticket' ? null : 0)
    return { period: p.period, actual, point: p.point, error: actual === null ? null : actual - p.point, within80: actual === null ? null : actual >= p.lo80 && actual <= p.hi80 }
  })
}
