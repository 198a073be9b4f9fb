/** Read-only view of the audit trail for admins. */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { decodeCursor, toPage } from '../../domain/pagination.js'
import { requireRole } from '../authenticate.js'
import { pageQuery, security } from './route-schemas.js'

const auditQuery = z.object({ ...pageQuery, entity: z.string().max(60).optional(), entity_id: z.string().max(60).optional() })

export function registerAuditRoutes(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  app.withTypeProvider<ZodTypeProvider>().get(
    '/api/audit',
    { schema: { tags: ['audit'], security, summary: 'Audit trail of every write, newest first', querystring: auditQuery }, preHandler: requireRole(['admin']) },
    async (request) => {
      const { limit, cursor, entity, entity_id } = request.query
      let query = deps.db.selectFrom('audit_log').selectAll()
      const before = decodeCursor(cursor)
      if (before !== undefined) query = query.where('id', '<', before)
      if (entity) query = query.where('entity', '=', entity)
      if (entity_id) query = query.where('entity_id', '=', entity_id)
      return toPage(await query.orderBy('id', 'desc').limit(limit + 1).execute(), limit)
    },
  )
}
