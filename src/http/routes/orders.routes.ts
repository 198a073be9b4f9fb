/** Orders with their items. Rep keys see and record only their own sales. */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import { orderStatuses, type Database } from '../../db/schema.js'
import { findOrder, listOrders } from '../../domain/orders/order.repository.js'
import { createOrderInput, updateOrderInput } from '../../domain/orders/order.schemas.js'
import { createOrder, deleteOrder, updateOrder } from '../../domain/orders/order.service.js'
import { AppError } from '../../errors/app-error.js'
import { actorOf, principalOf, requireRole } from '../authenticate.js'
import { idParams, pageQuery, security } from './route-schemas.js'

const tags = ['orders']
const isoDate = z.iso.date()
const listQuery = z.object({
  ...pageQuery,
  date_from: isoDate.optional(),
  date_to: isoDate.optional(),
  status: z.enum(orderStatuses as [string, ...string[]]).optional(),
  rep_id: z.coerce.number().int().positive().optional(),
  customer_id: z.coerce.number().int().positive().optional(),
  region_id: z.coerce.number().int().positive().optional().describe("the customer's region"),
  channel: z.string().max(40).optional(),
  external_ref: z.string().max(100).optional(),
})
const idempotencyHeaders = z.object({
  'idempotency-key': z.string().trim().min(1).max(200).optional().describe('retrying with the same key and body replays the first response'),
})

export function registerOrderRoutes(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const { db } = deps
  const r = app.withTypeProvider<ZodTypeProvider>()
  const anyone = requireRole(['admin', 'analyst', 'rep'])
  const writers = requireRole(['admin', 'rep'])
  const admins = requireRole(['admin'])

  r.get('/api/orders', { schema: { tags, security, summary: 'List orders, newest first', querystring: listQuery }, preHandler: anyone }, async (request) => {
    const { limit, cursor, ...filters } = request.query
    const principal = principalOf(request)
    if (principal.role === 'rep') {
      if (filters.rep_id !== undefined && filters.rep_id !== principal.repId) throw new AppError('forbidden', 'A rep key can only list its own sales.')
      filters.rep_id = principal.repId!
    }
    return listOrders(db, { limit, cursor, filters })
  })

  r.get('/api/orders/:id', { schema: { tags, security, summary: 'Get an order with its items', params: idParams }, preHandler: anyone }, async (request) => {
    const order = await findOrder(db, request.params.id)
    const principal = principalOf(request)
    // A rep asking for someone else's order learns nothing, not even that it exists.
    if (!order || (principal.role === 'rep' && order.rep_id !== principal.repId)) throw new AppError('not_found', `Order ${request.params.id} does not exist.`)
    return order
  })

  r.post(
    '/api/orders',
    { schema: { tags, security, summary: 'Create an order and its items in one transaction', body: createOrderInput, headers: idempotencyHeaders }, preHandler: writers },
    async (request, reply) => {
      const principal = principalOf(request)
      const key = request.headers['idempotency-key']
      const result = await createOrder(db, request.body, {
        actor: actorOf(request),
        ownRepId: principal.role === 'rep' ? principal.repId : undefined,
        idempotency: key ? { apiKeyId: principal.keyId, key } : undefined,
      })
      if (result.replayed) void reply.header('idempotent-replayed', 'true')
      return reply.code(result.status).header('location', `/api/orders/${result.order.id}`).send(result.order)
    },
  )

  r.patch(
    '/api/orders/:id',
    { schema: { tags, security, summary: 'Change an order; items, when sent, replace all items', params: idParams, body: updateOrderInput }, preHandler: admins },
    async (request) => updateOrder(db, request.params.id, request.body, { actor: actorOf(request) }),
  )

  r.delete('/api/orders/:id', { schema: { tags, security, summary: 'Delete an order and its items', params: idParams }, preHandler: admins }, async (request, reply) => {
    await deleteOrder(db, request.params.id, { actor: actorOf(request) })
    return reply.code(204).send()
  })
}
