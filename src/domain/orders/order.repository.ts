/** Reading orders with their items. Repository functions take the db (or transaction) first, so they compose. */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database, Order, OrderItem } from '../../db/schema.js'
import { decodeCursor, toPage, type Page } from '../pagination.js'

type Db = Kysely<Database> | Transaction<Database>

export type OrderWithItems = Order & { total: number; items: Omit<OrderItem, 'order_id'>[] }

export interface OrderFilters {
  date_from?: string | undefined
  date_to?: string | undefined
  status?: string | undefined
  rep_id?: number | undefined
  customer_id?: number | undefined
  region_id?: number | undefined
  channel?: string | undefined
  external_ref?: string | undefined
}

export async function findOrdersByIds(db: Db, ids: readonly number[]): Promise<OrderWithItems[]> {
  if (ids.length === 0) return []
  const orders = await db.selectFrom('orders').selectAll().where('id', 'in', ids).execute()
  const items = await db
    .selectFrom('order_items')
    .select(['id', 'order_id', 'product_id', 'quantity', 'unit_price', 'unit_cost', 'discount', 'line_total'])
    .where('order_id', 'in', ids)
    .orderBy('id')
    .execute()
  const byOrder = new Map<number, Omit<OrderItem, 'order_id'>[]>()
  for (const { order_id, ...item } of items) {
    const list = byOrder.get(order_id) ?? []
    list.push(item)
    byOrder.set(order_id, list)
  }
  const byId = new Map(orders.map((o) => [o.id, o]))
  return ids.flatMap((id) => {
    const order = byId.get(id)
    if (!order) return []
    const orderItems = byOrder.get(id) ?? []
    const total = Math.round(orderItems.reduce((sum, i) => sum + i.line_total, 0) * 100) / 100
    return [{ ...order, total, items: orderItems }]
  })
}

export async function findOrder(db: Db, id: number): Promise<OrderWithItems | undefined> {
  return (await findOrdersByIds(db, [id]))[0]
}

export async function findOrderIdByExternalRef(db: Db, externalRef: string): Promise<number | undefined> {
  return (await db.selectFrom('orders').select('id').where('external_ref', '=', externalRef).executeTakeFirst())?.id
}

/** Newest first; the cursor is the last id seen. */
export async function listOrders(db: Db, options: { limit: number; cursor?: string | undefined; filters: OrderFilters }): Promise<Page<OrderWithItems>> {
  const f = options.filters
  let query = db.selectFrom('orders').select('orders.id')
  const before = decodeCursor(options.cursor)
  if (before !== undefined) query = query.where('orders.id', '<', before)
  if (f.date_from) query = query.where('orders.order_date', '>=', f.date_from)
  if (f.date_to) query = query.where('orders.order_date', '<=', f.date_to)
  if (f.status) query = query.where('orders.status', '=', f.status as Order['status'])
  if (f.rep_id !== undefined) query = query.where('orders.rep_id', '=', f.rep_id)
  if (f.customer_id !== undefined) query = query.where('orders.customer_id', '=', f.customer_id)
  if (f.channel) query = query.where('orders.channel', '=', f.channel)
  if (f.external_ref) query = query.where('orders.external_ref', '=', f.external_ref)
  if (f.region_id !== undefined) {
    // A sale's region is its customer's region.
    const regionId = f.region_id
    query = query.where(sql<boolean>`exists (select 1 from customers c where c.id = orders.customer_id and c.region_id = ${regionId})`)
  }
  const rows = await query.orderBy('orders.id', 'desc').limit(options.limit + 1).execute()
  const page = toPage(rows, options.limit)
  return { data: await findOrdersByIds(db, page.data.map((r) => r.id)), next_cursor: page.next_cursor }
}
