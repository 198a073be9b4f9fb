/**
 * Reads the existing regions, categories, products, customers and reps an import refers to, in one pass of
 * batched queries (inside the import's transaction), keyed the way the planner looks them up.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import type { OrderDraft } from './group-import-orders.js'
import { normaliseImportText } from './normalise-import-text.js'

export interface ExistingRegion { id: number; name: string }
export interface ExistingCategory { id: number; name: string }
export interface ExistingProduct { id: number; sku: string; name: string; categoryId: number; brand: string | null; unitPrice: number; unitCost: number }
export interface ExistingCustomer {
  id: number
  name: string
  email: string | null
  taxId: string | null
  segment: string
  city: string | null
  state: string | null
  country: string
  regionId: number
}
export interface ExistingRep { id: number; name: string; email: string; regionId: number }

export interface ImportDimensionSnapshot {
  regionsByKey: Map<string, ExistingRegion>
  regionsById: Map<number, ExistingRegion>
  categoriesByKey: Map<string, ExistingCategory>
  categoriesById: Map<number, ExistingCategory>
  productsBySku: Map<string, ExistingProduct>
  /** Keyed by the normalised tax id (no punctuation), so `12.345.678/0001-90` finds `12345678000190`. */
  customersByTaxId: Map<string, ExistingCustomer>
  customersByEmail: Map<string, ExistingCustomer>
  customersByName: Map<string, ExistingCustomer[]>
  repsByEmail: Map<string, ExistingRep>
  repsByName: Map<string, ExistingRep[]>
}

const chunkSize = 1_000

export async function loadImportDimensions(db: Kysely<Database> | Transaction<Database>, orders: readonly OrderDraft[]): Promise<ImportDimensionSnapshot> {
  const key = normaliseImportText.matchKey
  const skus = new Set<string>()
  const taxIds = new Set<string>()
  const emails = new Set<string>()
  const names = new Set<string>()
  for (const order of orders) {
    for (const line of order.lines) skus.add(line.product.sku)
    if (order.customer.taxId) taxIds.add(order.customer.taxId)
    if (order.customer.email) emails.add(order.customer.email)
    if (order.customer.name) names.add(key(order.customer.name))
  }

  const snapshot: ImportDimensionSnapshot = {
    regionsByKey: new Map(),
    regionsById: new Map(),
    categoriesByKey: new Map(),
    categoriesById: new Map(),
    productsBySku: new Map(),
    customersByTaxId: new Map(),
    customersByEmail: new Map(),
    customersByName: new Map(),
    repsByEmail: new Map(),
    repsByName: new Map(),
  }

  // Regions, categories and reps are small tables: read them whole.
  for (const region of await db.selectFrom('regions').select(['id', 'name']).orderBy('id').execute()) {
    if (!snapshot.regionsByKey.has(key(region.name))) snapshot.regionsByKey.set(key(region.name), region)
    snapshot.regionsById.set(region.id, region)
  }
  for (const category of await db.selectFrom('categories').select(['id', 'name']).orderBy('id').execute()) {
    if (!snapshot.categoriesByKey.has(key(category.name))) snapshot.categoriesByKey.set(key(category.name), category)
    snapshot.categoriesById.set(category.id, category)
  }
  for (const rep of await db.selectFrom('sales_reps').select(['id', 'name', 'email', 'region_id as regionId']).orderBy('id').execute()) {
    snapshot.repsByEmail.set(rep.email.toLowerCase(), rep)
    push(snapshot.repsByName, key(rep.name), rep)
  }

  for (const batch of chunks(skus)) {
    const rows = await db
      .selectFrom('products')
      .select(['id', 'sku', 'name', 'category_id as categoryId', 'brand', 'unit_price as unitPrice', 'unit_cost as unitCost'])
      .where('sku', 'in', batch)
      .execute()
    for (const row of rows) snapshot.productsBySku.set(row.sku, { ...row, unitPrice: Number(row.unitPrice), unitCost: Number(row.unitCost) })
  }

  const customerColumns = ['id', 'name', 'email', 'tax_id as taxId', 'segment', 'city', 'state', 'country', 'region_id as regionId'] as const
  const remember = (customer: ExistingCustomer) => {
    if (customer.taxId) {
      const normalised = normaliseImportText.taxId(customer.taxId)
      if (normalised && !snapshot.customersByTaxId.has(normalised)) snapshot.customersByTaxId.set(normalised, customer)
    }
    if (customer.email && !snapshot.customersByEmail.has(customer.email.toLowerCase())) snapshot.customersByEmail.set(customer.email.toLowerCase(), customer)
  }
  for (const batch of chunks(taxIds)) {
    const rows = await db
      .selectFrom('customers')
      .select(customerColumns)
      .where(sql<string>`upper(regexp_replace(tax_id, '[\\s./-]', '', 'g'))`, 'in', batch)
      .orderBy('id')
      .execute()
    rows.forEach(remember)
  }
  for (const batch of chunks(emails)) {
    const rows = await db.selectFrom('customers').select(customerColumns).where(sql<string>`lower(email)`, 'in', batch).orderBy('id').execute()
    rows.forEach(remember)
  }
  for (const batch of chunks(names)) {
    const rows = await db
      .selectFrom('customers')
      .select(customerColumns)
      .where(sql<string>`lower(unaccent(name))`, 'in', batch)
      .orderBy('id')
      .execute()
    for (const row of rows) {
      remember(row)
      const list = snapshot.customersByName.get(key(row.name)) ?? []
      if (!list.some((c) => c.id === row.id)) push(snapshot.customersByName, key(row.name), row)
    }
  }
  return snapshot
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key)
  if (list) list.push(value)
  else map.set(key, [value])
}

function* chunks(values: Iterable<string>): Generator<string[]> {
  let batch: string[] = []
  for (const value of values) {
    batch.push(value)
    if (batch.length === chunkSize) {
      yield batch
      batch = []
    }
  }
  if (batch.length > 0) yield batch
}
