/** Liveness (/healthz: the process answers) and readiness (/readyz: the database answers and start-up work is done). */
import type { FastifyInstance } from 'fastify'
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'

export interface Readiness {
  /** Start-up work still running (migrations, demo data), or undefined when ready. */
  pending(): string | undefined
}

export function registerHealthRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; readiness: Readiness; databaseKind: string }): void {
  app.get('/healthz', { schema: { tags: ['health'], summary: 'The process is alive' } }, async () => ({ status: 'ok' }))

  app.get('/readyz', { schema: { tags: ['health'], summary: 'The service can answer requests' } }, async (request, reply) => {
    const pending = deps.readiness.pending()
    if (pending) return reply.code(503).send({ status: 'starting', pending })
    try {
      await sql`select 1`.execute(deps.db)
    } catch (error) {
      request.log.warn({ err: error }, 'readiness check: database unreachable')
      return reply.code(503).send({ status: 'unavailable', pending: 'database' })
    }
    return { status: 'ready', database: deps.databaseKind }
  })
}
