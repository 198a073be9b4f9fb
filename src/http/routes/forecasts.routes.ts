/** The forecast registry: every forecast run with its series, chosen model, candidates and intervals (admin, analyst). */
import { z } from 'zod'
import { sql } from 'kysely'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { notFound } from '../../errors/app-error.js'
import { decodeCursor, toPage } from '../../domain/pagination.js'
import { findForecastRun, listForecastRuns, type ForecastRunRow } from '../../forecast/forecast-run.repository.js'
import { forecastMetrics } from '../../forecast/forecast-request.js'
import { compareWithActuals } from '../../forecast/compare-with-actuals.js'
import { requireRole } from '../authenticate.js'
import { idParams, pageQuery, security } from './route-schemas.js'

const listQuery = z.object({ ...pageQuery, metric: z.enum(forecastMetrics).optional().describe('only runs of this metric') })

/** The registry row as the API shows it: the jsonb columns as JSON, the definition grouped. */
function present(row: ForecastRunRow) {
  return {
    id: row.id,
    created_at: row.created_at,
    principal: { user_id: row.user_id, role: row.principal_role, rep_id: row.rep_id },
    series: { metric: row.metric, filter: row.filter ?? null, grain: row.grain, horizon: row.horizon, today: row.today },
    history_length: row.history_length,
    model: { name: row.model, mase: row.mase, smape: row.smape },
    candidates: row.candidates,
    forecast: row.forecast,
    period_end: row.period_end ?? null,
    notes: row.notes,
  }
}

export function registerForecastRoutes(api: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const app = api.withTypeProvider<ZodTypeProvider>()
  app.get(
    '/api/forecasts',
    { schema: { tags: ['forecasts'], security, summary: 'Forecast runs, newest first', querystring: listQuery }, preHandler: requireRole(['admin', 'analyst']) },
    async (request) => {
      const { limit, cursor, metric } = request.query
      const rows = await listForecastRuns(deps.db, { limit: limit + 1, before: decodeCursor(cursor), ...(metric ? { metric } : {}) })
      const page = toPage(rows, limit)
      return { data: page.data.map(present), next_cursor: page.next_cursor }
    },
  )
  app.get(
    '/api/forecasts/:id',
    {
      schema: { tags: ['forecasts'], security, summary: 'One forecast run with its history, SQL and, for periods closed since, what happened', params: idParams },
      preHandler: requireRole(['admin', 'analyst']),
    },
    async (request) => {
      const row = await findForecastRun(deps.db, request.params.id)
      if (!row) throw notFound('Forecast run', request.params.id)
      const today = String((await sql<{ today: string }>`select current_date::text as today`.execute(deps.db)).rows[0]!.today)
      return { ...present(row), history: row.history, sql: row.sql, actuals: await compareWithActuals(deps.db, row, today) }
    },
  )
}
