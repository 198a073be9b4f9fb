/**
 * Writes accepted, planned orders inside the caller's transaction: first the dimensions they need (INSERT …
 * ON CONFLICT on each natural key, so a concurrent import cannot create duplicates of keyed records), then the
 * orders by external_ref — new ones inserted, changed ones rewritten (header replaced, items replaced), identical
 * ones left untouched.
 */
import { sql, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ImportDimensionCounts } from './import-report.js'
import type { CategoryRef, CustomerRef, PlannedLine, PlannedOrder, ProductRef, RegionRef, RepRef } from './plan-import-orders.js'

export interface ImportWriteCounts {
  ordersCreated: number
  ordersUpdated: number
  ordersUnchanged: number
  dimensionsCreated: ImportDimensionCounts
}

const batchSize = 500

/**
 * `now()` for updated_at. Typed `never` because schema.ts wraps the Timestamp ColumnType in Generated<>, which makes
 * Kysely expect a ColumnType object in updates (reported to the schema's owner).
 */
const databaseNow = sql<never>`now()`

export async function writeImportPlan(trx: Transaction<Database>, orders: readonly PlannedOrder[], source: string): Promise<ImportWriteCounts> {
  const dimensionsCreated: ImportDimensionCounts = { regions: 0, categories: 0, products: 0, customers: 0, reps: 0 }
  const customers = unique(orders.map((o) => o.customer))
  const reps = unique(orders.map((o) => o.rep))
  const products = unique(orders.flatMap((o) => o.lines.map((l) => l.product)))

  const regions = unique([...customers.map((c) => c.region), ...reps.map((r) => r.region)].filter((r): r is RegionRef => r !== null && r.id === null))
  dimensionsCreated.regions = await createNamed(trx, 'regions', regions)
  const categories = unique(products.map((p) => p.category).filter((c): c is CategoryRef => c !== null && c.id === null))
  dimensionsCreated.categories = await createNamed(trx, 'categories', categories)
  dimensionsCreated.products = await upsertProducts(trx, products)
  dimensionsCreated.customers = await upsertCustomers(trx, customers)
  dimensionsCreated.reps = await createReps(trx, reps)
  return { ...(await upsertOrders(trx, orders, source)), dimensionsCreated }
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}

function* batches<T>(items: readonly T[], size = batchSize): Generator<T[]> {
  for (let i = 0; i < items.length; i += size) yield items.slice(i, i + size)
}

function idOf(ref: { id: number | null }, what: string): number {
  if (ref.id === null) throw new Error(`import: ${what} has no id after its insert`)
  return ref.id
}

async function createNamed(trx: Transaction<Database>, table: 'regions' | 'categories', refs: readonly (RegionRef | CategoryRef)[]): Promise<number> {
  let created = 0
  for (const batch of batches(refs)) {
    const inserted = await trx
      .insertInto(table)
      .values(batch.map((r) => ({ name: r.name })))
      .onConflict((oc) => oc.column('name').doNothing())
      .returning(['id', 'name'])
      .execute()
    created += inserted.length
    const ids = new Map(inserted.map((r) => [r.name, r.id]))
    const missing = batch.filter((r) => !ids.has(r.name)).map((r) => r.name)
    if (missing.length > 0) {
      for (const row of await trx.selectFrom(table).select(['id', 'name']).where('name', 'in', missing).execute()) ids.set(row.name, row.id)
    }
    for (const ref of batch) ref.id = ids.get(ref.name) ?? null
  }
  return created
}

async function upsertProducts(trx: Transaction<Database>, products: readonly ProductRef[]): Promise<number> {
  const rows = products.flatMap((p) => {
    if (!p.existing) {
      return [{ ref: p, values: { sku: p.sku, name: p.name ?? p.sku, category_id: idOf(p.category ?? { id: null }, `category of ${p.sku}`), brand: p.brand, unit_price: p.listPrice, unit_cost: p.cost } }]
    }
    const e = p.existing
    const values = { sku: p.sku, name: p.name ?? e.name, category_id: p.category ? idOf(p.category, `category of ${p.sku}`) : e.categoryId, brand: p.brand ?? e.brand, unit_price: e.unitPrice, unit_cost: e.unitCost }
    const changed = values.name !== e.name || values.category_id !== e.categoryId || values.brand !== e.brand
    return changed ? [{ ref: p, values }] : []
  })
  let created = 0
  for (const batch of batches(rows)) {
    const written = await trx
      .insertInto('products')
      .values(batch.map((r) => r.values))
      .onConflict((oc) =>
        oc.column('sku').doUpdateSet((eb) => ({
          name: eb.ref('excluded.name'),
          category_id: eb.ref('excluded.category_id'),
          brand: eb.ref('excluded.brand'),
          updated_at: databaseNow,
        })),
      )
      .returning(['id', 'sku', sql<boolean>`xmax = 0`.as('inserted')])
      .execute()
    const ids = new Map(written.map((r) => [r.sku, r.id]))
    created += written.filter((r) => r.inserted).length
    for (const { ref } of batch) ref.id = ids.get(ref.sku) ?? null
  }
  return created
}

async function upsertCustomers(trx: Transaction<Database>, customers: readonly CustomerRef[]): Promise<number> {
  const fresh = customers.filter((c) => c.existing === null)
  const values = (c: CustomerRef) => ({
    name: c.name,
    tax_id: c.taxId,
    email: c.email,
    segment: c.segment ?? 'SMB',
    city: c.city,
    state: c.state,
    country: c.country ?? 'BR',
    region_id: idOf(c.region ?? { id: null }, `region of customer ${c.name}`),
  })
  let created = 0

  // Customers with a tax id or email: their unique keys make the insert safe against a concurrent import.
  for (const batch of batches(fresh.filter((c) => c.taxId !== null || c.email !== null))) {
    const inserted = await trx.insertInto('customers').values(batch.map(values)).onConflict((oc) => oc.doNothing()).returning(['id', 'tax_id', 'email']).execute()
    created += inserted.length
    const byTaxId = new Map(inserted.filter((r) => r.tax_id !== null).map((r) => [r.tax_id!, r.id]))
    const byEmail = new Map(inserted.filter((r) => r.email !== null).map((r) => [r.email!, r.id]))
    for (const ref of batch) {
      ref.id = (ref.taxId !== null ? byTaxId.get(ref.taxId) : undefined) ?? (ref.email !== null ? byEmail.get(ref.email) : undefined) ?? null
      if (ref.id !== null) continue
      // Someone else created it since the import looked: use theirs.
      const existing = await trx
        .selectFrom('customers')
        .select('id')
        .where((eb) => eb.or([...(ref.taxId !== null ? [eb('tax_id', '=', ref.taxId)] : []), ...(ref.email !== null ? [eb('email', '=', ref.email)] : [])]))
        .executeTakeFirst()
      ref.id = existing?.id ?? null
    }
  }
  // Customers known by name only (within their region): nothing unique to conflict on.
  for (const batch of batches(fresh.filter((c) => c.taxId === null && c.email === null))) {
    const inserted = await trx.insertInto('customers').values(batch.map(values)).returning(['id', 'name', 'region_id']).execute()
    created += inserted.length
    const ids = new Map(inserted.map((r) => [`${r.region_id}:${r.name}`, r.id]))
    for (const ref of batch) ref.id = ids.get(`${ref.region?.id}:${ref.name}`) ?? null
  }

  for (const ref of customers) {
    const e = ref.existing
    if (!e) continue
    const update = {
      ...(e.taxId === null && ref.taxId !== null ? { tax_id: ref.taxId } : {}),
      ...(e.email === null && ref.email !== null ? { email: ref.email } : {}),
      ...(ref.segment !== null && ref.segment !== e.segment ? { segment: ref.segment } : {}),
      ...(ref.city !== null && ref.city !== e.city ? { city: ref.city } : {}),
      ...(ref.state !== null && ref.state !== e.state ? { state: ref.state } : {}),
      ...(ref.country !== null && ref.country !== e.country ? { country: ref.country } : {}),
    }
    if (Object.keys(update).length > 0) await trx.updateTable('customers').set({ ...update, updated_at: databaseNow }).where('id', '=', e.id).execute()
  }
  return created
}

async function createReps(trx: Transaction<Database>, reps: readonly RepRef[]): Promise<number> {
  let created = 0
  for (const batch of batches(reps.filter((r) => r.existing === null))) {
    const inserted = await trx
      .insertInto('sales_reps')
      .values(batch.map((r) => ({ name: r.name, email: r.email, region_id: idOf(r.region ?? { id: null }, `region of rep ${r.email}`), hired_on: r.hiredOn })))
      .onConflict((oc) => oc.column('email').doNothing())
      .returning(['id', 'email'])
      .execute()
    created += inserted.length
    const ids = new Map(inserted.map((r) => [r.email, r.id]))
    const missing = batch.filter((r) => !ids.has(r.email)).map((r) => r.email)
    if (missing.length > 0) {
      for (const row of await trx.selectFrom('sales_reps').select(['id', 'email']).where('email', 'in', missing).execute()) ids.set(row.email, row.id)
    }
    for (const ref of batch) ref.id = ids.get(ref.email) ?? null
  }
  return created
}

interface ExistingOrder {
  id: number
  external_ref: string | null
  customer_id: number
  rep_id: number
  order_date: string
  status: string
  channel: string
  payment_method: string
}

const itemKey = (i: { product_id: number; quantity: number; unit_price: number; unit_cost: number; discount: number }) =>
  `${i.product_id}|${i.quantity}|${Number(i.unit_price).toFixed(2)}|${Number(i.unit_cost).toFixed(2)}|${Number(i.discount).toFixed(4)}`

const itemValues = (orderId: number, line: PlannedLine) => ({
  order_id: orderId,
  product_id: idOf(line.product, `product ${line.product.sku}`),
  quantity: line.quantity,
  unit_price: line.unitPrice,
  unit_cost: line.unitCost,
  discount: line.discount,
})

async function upsertOrders(trx: Transaction<Database>, orders: readonly PlannedOrder[], source: string): Promise<Omit<ImportWriteCounts, 'dimensionsCreated'>> {
  const existing = new Map<string, { order: ExistingOrder; items: string[] }>()
  for (const batch of batches(orders.map((o) => o.externalRef), 1_000)) {
    const rows = await trx
      .selectFrom('orders')
      .select(['id', 'external_ref', 'customer_id', 'rep_id', sql<string>`to_char(order_date, 'YYYY-MM-DD')`.as('order_date'), 'status', 'channel', 'payment_method'])
      .where('external_ref', 'in', batch)
      .execute()
    if (rows.length === 0) continue
    const items = await trx
      .selectFrom('order_items')
      .select(['order_id', 'product_id', 'quantity', 'unit_price', 'unit_cost', 'discount'])
      .where('order_id', 'in', rows.map((r) => r.id))
      .execute()
    const itemsByOrder = new Map<number, string[]>()
    for (const item of items) {
      const keys = itemsByOrder.get(Number(item.order_id))
      if (keys) keys.push(itemKey(item))
      else itemsByOrder.set(Number(item.order_id), [itemKey(item)])
    }
    for (const row of rows) existing.set(row.external_ref!, { order: row, items: (itemsByOrder.get(Number(row.id)) ?? []).sort() })
  }

  const header = (o: PlannedOrder) => ({
    customer_id: idOf(o.customer, `customer of order ${o.externalRef}`),
    rep_id: idOf(o.rep, `rep of order ${o.externalRef}`),
    order_date: o.orderDate,
    status: o.status,
    channel: o.channel,
    payment_method: o.paymentMethod,
  })
  const toCreate: PlannedOrder[] = []
  const toUpdate: { id: number; order: PlannedOrder }[] = []
  let ordersUnchanged = 0
  for (const order of orders) {
    const found = existing.get(order.externalRef)
    if (!found) {
      toCreate.push(order)
      continue
    }
    const wanted = header(order)
    const same =
      Number(found.order.customer_id) === wanted.customer_id &&
      Number(found.order.rep_id) === wanted.rep_id &&
      found.order.order_date === wanted.order_date &&
      found.order.status === wanted.status &&
      found.order.channel === wanted.channel &&
      found.order.payment_method === wanted.payment_method &&
      JSON.stringify(found.items) === JSON.stringify(order.lines.map((l) => itemKey(itemValues(0, l))).sort())
    if (same) ordersUnchanged++
    else toUpdate.push({ id: Number(found.order.id), order })
  }

  const items: ReturnType<typeof itemValues>[] = []
  for (const batch of batches(toCreate)) {
    const inserted = await trx
      .insertInto('orders')
      .values(batch.map((o) => ({ external_ref: o.externalRef, ...header(o), source })))
      .returning(['id', 'external_ref'])
      .execute()
    const ids = new Map(inserted.map((r) => [r.external_ref, Number(r.id)]))
    for (const order of batch) {
      const id = ids.get(order.externalRef)
      if (id === undefined) throw new Error(`import: order ${order.externalRef} has no id after its insert`)
      for (const line of order.lines) items.push(itemValues(id, line))
    }
  }
  for (const { id, order } of toUpdate) {
    await trx.updateTable('orders').set({ ...header(order), source, updated_at: databaseNow }).where('id', '=', id).execute()
    for (const line of order.lines) items.push(itemValues(id, line))
  }
  for (const batch of batches(toUpdate.map((u) => u.id), 1_000)) {
    await trx.deleteFrom('order_items').where('order_id', 'in', batch).execute()
  }
  for (const batch of batches(items, 1_000)) {
    await trx.insertInto('order_items').values(batch).execute()
  }
  return { ordersCreated: toCreate.length, ordersUpdated: toUpdate.length, ordersUnchanged }
}
