/** The forecast registry: every forecast run with its series, chosen model, candidates and intervals (admin, analyst). */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export function registerForecastRoutes(_api: FastifyInstance, _deps: { db: Kysely<Database> }): void {
  // Filled in by the forecast work.
}
