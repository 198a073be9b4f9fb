/** Admin management of API keys; the plain key appears once, in the creation response. */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { roles, type Database, type Role } from '../../db/schema.js'
import { createApiKey, listApiKeys, revokeApiKey } from '../../domain/api-keys/api-key.service.js'
import { actorOf, requireRole } from '../authenticate.js'
import { idParams, security } from './route-schemas.js'

const tags = ['api keys']
const createKeyBody = z
  .object({ name: z.string().trim().min(1).max(100), role: z.enum(roles as [Role, ...Role[]]), rep_id: z.number().int().positive().optional() })
  .strict()

export function registerApiKeyRoutes(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])
  r.get('/api/api-keys', { schema: { tags, security, summary: 'List API keys (never the keys themselves)' }, preHandler: admins }, async () => ({ data: await listApiKeys(deps.db) }))
  r.post('/api/api-keys', { schema: { tags, security, summary: 'Create an API key; the response is the only time the key is shown', body: createKeyBody }, preHandler: admins }, async (request, reply) => {
    const created = await createApiKey(deps.db, { name: request.body.name, role: request.body.role, repId: request.body.rep_id ?? null }, actorOf(request))
    return reply.code(201).send({ id: created.id, name: created.name, role: created.role, rep_id: created.repId, key: created.key })
  })
  r.delete('/api/api-keys/:id', { schema: { tags, security, summary: 'Revoke an API key', params: idParams }, preHandler: admins }, async (request, reply) => {
    await revokeApiKey(deps.db, request.params.id, actorOf(request))
    return reply.code(204).send()
  })
}
