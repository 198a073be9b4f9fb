/** CRUD routes for one dimension resource, generated from its definition. */
import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { createResourceRepository } from '../../domain/resources/resource.repository.js'
import type { ResourceDefinition } from '../../domain/resources/resource-definitions.js'
import { AppError } from '../../errors/app-error.js'
import { actorOf, principalOf, requireRole } from '../authenticate.js'
import { idParams, pageQuery, security } from './route-schemas.js'

export function registerResourceRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; definition: ResourceDefinition }): void {
  const { db, definition } = deps
  const repository = createResourceRepository(definition)
  const base = `/api/${definition.path}`
  const tags = [definition.path]
  const filterQuery = z.object({
    ...pageQuery,
    ...Object.fromEntries(Object.entries(definition.filters).map(([key, f]) => [key, z.string().max(200).optional().describe(f.description)])),
  })
  const canRead = requireRole(definition.readRoles)
  const canWrite = requireRole(definition.writeRoles)
  const r = app.withTypeProvider<ZodTypeProvider>()

  const sensitive = definition.sensitiveColumns ?? []
  const seesSensitive = (request: FastifyRequest) => principalOf(request).role === 'admin'
  const redact = <T extends Record<string, unknown>>(row: T): T => Object.fromEntries(Object.entries(row).filter(([column]) => !sensitive.includes(column))) as T

  r.get(base, { schema: { tags, security, summary: `List ${definition.path}`, querystring: filterQuery }, preHandler: canRead }, async (request) => {
    const { limit, cursor, ...filters } = request.query as { limit: number; cursor?: string } & Record<string, string | undefined>
    const full = seesSensitive(request)
    const personal = Object.keys(filters).filter((key) => filters[key] !== undefined && sensitive.includes(definition.filters[key]?.column ?? ''))
    if (!full && personal.length) throw new AppError('forbidden', `Filtering by ${personal.join(', ')} needs an admin key.`)
    const page = await repository.list(db, { limit, cursor, filters })
    return full ? page : { ...page, data: page.data.map(redact) }
  })

  r.get(`${base}/:id`, { schema: { tags, security, summary: `Get one ${definition.noun.toLowerCase()}`, params: idParams }, preHandler: canRead }, async (request) => {
    const row = await repository.get(db, request.params.id)
    return seesSensitive(request) ? row : redact(row)
  })

  r.post(base, { schema: { tags, security, summary: `Create a ${definition.noun.toLowerCase()}`, body: definition.create }, preHandler: canWrite }, async (request, reply) => {
    const row = await repository.create(db, request.body as Record<string, unknown>, actorOf(request))
    return reply.code(201).header('location', `${base}/${row.id}`).send(row)
  })

  r.patch(`${base}/:id`, { schema: { tags, security, summary: `Change a ${definition.noun.toLowerCase()}`, params: idParams, body: definition.update }, preHandler: canWrite }, async (request) =>
    repository.update(db, request.params.id, request.body as Record<string, unknown>, actorOf(request)),
  )

  r.delete(`${base}/:id`, { schema: { tags, security, summary: `Delete a ${definition.noun.toLowerCase()}`, params: idParams }, preHandler: canWrite }, async (request, reply) => {
    await repository.delete(db, request.params.id, actorOf(request))
    return reply.code(204).send()
  })
}
