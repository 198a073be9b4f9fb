/** The forecast registry (table forecast_runs): every run stored as it was answered, listed newest first. */
import type { Kysely, Selectable } from 'kysely'
import type { Database, ForecastRunsTable } from '../db/schema.js'
import type { ForecastResult } from './create-forecaster.js'

export type ForecastRunRow = Selectable<ForecastRunsTable>

export interface NewForecastRun {
  readonly result: Omit<ForecastResult, 'runId'>
  readonly principal: { readonly userId: string; readonly role: string; readonly repId?: number }
  readonly today: string
}

export async function saveForecastRun(db: Kysely<Database>, run: NewForecastRun): Promise<number> {
  const { result, principal, today } = run
  const row = await db
    .insertInto('forecast_runs')
    .values({
      user_id: principal.userId,
      principal_role: principal.role,
      rep_id: principal.repId ?? null,
      metric: result.request.metric,
      filter: result.request.filter ? JSON.stringify(result.request.filter) : null,
      grain: result.request.grain,
      horizon: result.request.horizon,
      today,
      history_length: result.history.length,
      history: JSON.stringify(result.history),
      model: result.model.name,
      mase: result.model.mase,
      smape: result.model.smape,
      candidates: JSON.stringify(result.candidates),
      forecast: JSON.stringify(result.forecast),
      period_end: result.periodEnd ? JSON.stringify(result.periodEnd) : null,
      notes: JSON.stringify(result.notes),
      sql: result.sql,
    })
    .returning('id')
    .executeTakeFirstOrThrow()
  return Number(row.id)
}

export async function listForecastRuns(db: Kysely<Database>, options: { metric?: string; before?: number; limit: number }): Promise<ForecastRunRow[]> {
  let query = db.selectFrom('forecast_runs').selectAll()
  if (options.metric) query = query.where('metric', '=', options.metric)
  if (options.before !== undefined) query = query.where('id', '<', options.before)
  const rows = await query.orderBy('id', 'desc').limit(options.limit).execute()
  return rows.map((r) => ({ ...r, id: Number(r.id) }))
}

export async function findForecastRun(db: Kysely<Database>, id: number): Promise<ForecastRunRow | undefined> {
  const row = await db.selectFrom('forecast_runs').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? { ...row, id: Number(row.id) } : undefined
}
