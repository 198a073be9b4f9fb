/**
 * Writing orders: an order and its items in one transaction, audited, and idempotent two ways —
 * an Idempotency-Key replays the first response; an external_ref never makes a second order.
 */
import { createHash } from 'node:crypto'
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, OrderStatus } from '../../db/schema.js'
import { translateDatabaseError } from '../../db/translate-database-error.js'
import { AppError, type FieldProblem } from '../../errors/app-error.js'
import { recordAudit, type Actor } from '../audit/audit.repository.js'
import { findOrder, findOrderIdByExternalRef, type OrderWithItems } from './order.repository.js'
import type { CreateOrderInput, OrderItemInput, UpdateOrderInput } from './order.schemas.js'

type Trx = Transaction<Database>

export interface OrderWriteContext {
  actor: Actor
  /** Set for rep keys: the only rep they may record sales for. */
  ownRepId?: number | null | undefined
  /** With an API key id, an Idempotency-Key header value. */
  idempotency?: { apiKeyId: number; key: string } | undefined
  source?: string
}

export interface OrderWriteResult {
  status: 200 | 201
  order: OrderWithItems
  /** True when nothing was written because an identical earlier request already had. */
  replayed: boolean
}

interface ResolvedItem { product_id: number; quantity: number; unit_price: number; unit_cost: number; discount: number }
interface ResolvedOrder {
  external_ref: string | null
  customer_id: number
  rep_id: number
  order_date: string
  status: OrderStatus
  channel: string
  payment_method: string
  items: ResolvedItem[]
}

export async function createOrder(db: Kysely<Database>, input: CreateOrderInput, context: OrderWriteContext): Promise<OrderWriteResult> {
  const requestHash = hashRequest(input)
  try {
    return await db.transaction().execute(async (trx) => {
      const idem = context.idempotency
      if (idem) {
        const claimed = await trx
          .insertInto('idempotency_keys')
          .values({ api_key_id: idem.apiKeyId, key: idem.key, request_hash: requestHash, status_code: 0, response: '{}' })
          .onConflict((oc) => oc.columns(['api_key_id', 'key']).doNothing())
          .returning('key')
          .executeTakeFirst()
        if (!claimed) return replayIdempotent(trx, idem, requestHash)
      }
      const result = await insertOrder(trx, input, context)
      if (idem) {
        await trx
          .updateTable('idempotency_keys')
          .set({ status_code: result.status, response: JSON.stringify(result.order) })
          .where('api_key_id', '=', idem.apiKeyId)
          .where('key', '=', idem.key)
          .execute()
      }
      return result
    })
  } catch (error) {
    throw translateDatabaseError(error) ?? error
  }
}

async function replayIdempotent(trx: Trx, idem: { apiKeyId: number; key: string }, requestHash: string): Promise<OrderWriteResult> {
  // A concurrent holder of the key has committed by now: the insert above waited for it.
  const prior = await trx.selectFrom('idempotency_keys').selectAll().where('api_key_id', '=', idem.apiKeyId).where('key', '=', idem.key).executeTakeFirstOrThrow()
  if (prior.request_hash !== requestHash) {
    throw new AppError('unprocessable', 'This Idempotency-Key was already used with a different request body; use a new key for a new order.', { idempotency_key: idem.key })
  }
  const order = prior.response as OrderWithItems
  const current = await findOrder(trx, order.id)
  return { status: prior.status_code === 201 ? 201 : 200, order: current ?? order, replayed: true }
}

async function insertOrder(trx: Trx, input: CreateOrderInput, context: OrderWriteContext): Promise<OrderWriteResult> {
  const repId = resolveRepId(input.rep_id, context.ownRepId)
  const resolved = await resolveOrder(trx, { ...input, rep_id: repId }, input.items)
  const inserted = await trx
    .insertInto('orders')
    .values({ ...orderColumns(resolved), source: context.source ?? 'api' })
    .onConflict((oc) => oc.column('external_ref').doNothing())
    .returning('id')
    .executeTakeFirst()

  if (!inserted) {
    // The external_ref exists (perhaps a retry that lost its response): same content → the same order.
    const existingId = await findOrderIdByExternalRef(trx, resolved.external_ref!)
    const existing = existingId === undefined ? undefined : await findOrder(trx, existingId)
    if (!existing) throw new AppError('conflict', 'An order with this external_ref was being created concurrently; retry the request.')
    if (context.ownRepId != null && existing.rep_id !== context.ownRepId) throw new AppError('conflict', 'An order with this external_ref already exists.')
    if (!sameOrder(existing, resolved)) {
      throw new AppError('conflict', `Order ${existing.id} already has external_ref "${resolved.external_ref}" with different content.`, { existing_order_id: existing.id, fields: [{ path: 'external_ref', message: 'already used by another order' }] })
    }
    return { status: 200, order: existing, replayed: true }
  }

  await insertItems(trx, inserted.id, resolved.items)
  const order = (await findOrder(trx, inserted.id))!
  await recordAudit(trx, context.actor, { action: 'create', entity: 'orders', entityId: order.id, after: order })
  return { status: 201, order, replayed: false }
}

export async function updateOrder(db: Kysely<Database>, id: number, changes: UpdateOrderInput, context: OrderWriteContext): Promise<OrderWithItems> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await lockOrder(trx, id)
      const merged = {
        external_ref: changes.external_ref ?? before.external_ref ?? undefined,
        customer_id: changes.customer_id ?? before.customer_id,
        rep_id: changes.rep_id ?? before.rep_id,
        order_date: changes.order_date ?? before.order_date,
        status: changes.status ?? before.status,
        channel: changes.channel ?? before.channel,
        payment_method: changes.payment_method ?? before.payment_method,
      }
      const items: OrderItemInput[] = changes.items ?? before.items
      const resolved = await resolveOrder(trx, merged, items)
      await trx
        .updateTable('orders')
        .set({ ...orderColumns(resolved), updated_at: sql`now()` })
        .where('id', '=', id)
        .execute()
      if (changes.items) {
        await trx.deleteFrom('order_items').where('order_id', '=', id).execute()
        await insertItems(trx, id, resolved.items)
      }
      const after = (await findOrder(trx, id))!
      await recordAudit(trx, context.actor, { action: 'update', entity: 'orders', entityId: id, before, after })
      return after
    })
  } catch (error) {
    throw translateDatabaseError(error) ?? error
  }
}

export async function deleteOrder(db: Kysely<Database>, id: number, context: OrderWriteContext): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await lockOrder(trx, id)
    await trx.deleteFrom('orders').where('id', '=', id).execute()
    await recordAudit(trx, context.actor, { action: 'delete', entity: 'orders', entityId: id, before })
  })
}

async function lockOrder(trx: Trx, id: number): Promise<OrderWithItems> {
  const locked = await trx.selectFrom('orders').select('id').where('id', '=', id).forUpdate().executeTakeFirst()
  if (!locked) throw new AppError('not_found', `Order ${id} does not exist.`)
  return (await findOrder(trx, id))!
}

function resolveRepId(requested: number | undefined, ownRepId: number | null | undefined): number {
  if (ownRepId != null) {
    if (requested !== undefined && requested !== ownRepId) throw new AppError('forbidden', 'A rep key can only record sales for its own rep.')
    return ownRepId
  }
  if (requested === undefined) throw new AppError('validation_failed', 'rep_id is required.', { fields: [{ path: 'rep_id', message: 'required' }] })
  return requested
}

/** Checks every reference and fills item prices and costs from the product when they are omitted. */
async function resolveOrder(
  trx: Trx,
  header: { external_ref?: string | null | undefined; customer_id: number; rep_id: number; order_date: string; status?: string | undefined; channel?: string | undefined; payment_method?: string | undefined },
  items: readonly OrderItemInput[],
): Promise<ResolvedOrder> {
  const problems: FieldProblem[] = []
  const customer = await trx.selectFrom('customers').select('id').where('id', '=', header.customer_id).executeTakeFirst()
  if (!customer) problems.push({ path: 'customer_id', message: `customer ${header.customer_id} does not exist` })
  const rep = await trx.selectFrom('sales_reps').select(['id', 'active']).where('id', '=', header.rep_id).executeTakeFirst()
  if (!rep) problems.push({ path: 'rep_id', message: `sales rep ${header.rep_id} does not exist` })
  const productIds = [...new Set(items.map((i) => i.product_id))]
  const products = productIds.length
    ? await trx.selectFrom('products').select(['id', 'unit_price', 'unit_cost']).where('id', 'in', productIds).execute()
    : []
  const byId = new Map(products.map((p) => [p.id, p]))
  const resolvedItems: ResolvedItem[] = []
  items.forEach((item, index) => {
    const product = byId.get(item.product_id)
    if (!product) {
      problems.push({ path: `items.${index}.product_id`, message: `product ${item.product_id} does not exist` })
      return
    }
    resolvedItems.push({
      product_id: item.product_id,
      quantity: item.quantity,
      unit_price: item.unit_price ?? product.unit_price,
      unit_cost: item.unit_cost ?? product.unit_cost,
      discount: item.discount ?? 0,
    })
  })
  if (problems.length) throw new AppError('validation_failed', 'The order refers to records that do not exist.', { fields: problems })
  return {
    external_ref: header.external_ref ?? null,
    customer_id: header.customer_id,
    rep_id: header.rep_id,
    order_date: header.order_date,
    status: (header.status ?? 'completed') as OrderStatus,
    channel: header.channel ?? 'direct',
    payment_method: header.payment_method ?? 'bank_transfer',
    items: resolvedItems,
  }
}

/** The order row's own columns, as written by both create and update. */
function orderColumns(resolved: ResolvedOrder) {
  const { items: _items, ...columns } = resolved
  return columns
}

async function insertItems(trx: Trx, orderId: number, items: readonly ResolvedItem[]): Promise<void> {
  await trx
    .insertInto('order_items')
    .values(items.map((i) => ({ order_id: orderId, product_id: i.product_id, quantity: i.quantity, unit_price: i.unit_price, unit_cost: i.unit_cost, discount: i.discount })))
    .execute()
}

function sameOrder(existing: OrderWithItems, wanted: ResolvedOrder): boolean {
  const header = (o: { customer_id: number; rep_id: number; order_date: string; status: string; channel: string; payment_method: string }) =>
    [o.customer_id, o.rep_id, o.order_date, o.status, o.channel, o.payment_method].join('|')
  const lines = (items: readonly { product_id: number; quantity: number; unit_price: number; discount: number }[]) =>
    items.map((i) => [i.product_id, i.quantity, i.unit_price.toFixed(2), Number(i.discount).toFixed(4)].join(':')).sort().join(',')
  return header(existing) === header(wanted) && lines(existing.items) === lines(wanted.items)
}

/** Order-insensitive for object keys, so the same JSON sent with keys reordered is the same request. */
function hashRequest(value: unknown): string {
  const canonical = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(canonical) : v && typeof v === 'object' ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, canonical((v as Record<string, unknown>)[k])])) : v
  return createHash('sha256').update(JSON.stringify(canonical(value))).digest('hex')
}
