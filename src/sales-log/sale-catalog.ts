/**
 * The products and customers a sale may name, looked up by SKU or by name. Loaded from the database on first use
 * and reloaded when older than `refreshMs` (a product or customer created a minute ago is found after one reload).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { editDistance } from '../planner/text-similarity.js'
import { normaliseSaleText } from './normalise-sale-text.js'
import { createNameIndex, type NameLookup } from './sale-name-index.js'

export interface SaleProduct {
  readonly id: number
  readonly sku: string
  readonly name: string
  /** List price, in the data's currency. */
  readonly listPrice: number
  readonly active: boolean
}

export interface SaleCustomer {
  readonly id: number
  readonly name: string
}

export interface SaleCatalog {
  /** By SKU, case aside; `none` suggests SKUs one or two characters off. */
  findProductBySku(sku: string): Promise<NameLookup<SaleProduct>>
  findProduct(name: string): Promise<NameLookup<SaleProduct>>
  findCustomer(name: string): Promise<NameLookup<SaleCustomer>>
}

export interface SaleCatalogRows {
  readonly products: readonly SaleProduct[]
  readonly customers: readonly SaleCustomer[]
}

/** A catalog over fixed rows (tests, or a caller that already holds them). */
export function createStaticSaleCatalog(rows: SaleCatalogRows): SaleCatalog {
  const products = createNameIndex(rows.products, (p) => p.name, (p) => p.active)
  const customers = createNameIndex(rows.customers, (c) => c.name)
  const skus = createNameIndex(rows.products, (p) => p.sku, (p) => p.active)
  const compact = (text: string) => normaliseSaleText(text).replace(/ /g, '')
  return {
    async findProductBySku(sku) {
      const lookup = skus.find(sku)
      if (lookup.kind !== 'none') return lookup
      // A code is one word: one or two characters off (a swap, a missing digit) is a suggestion.
      const typed = compact(sku)
      const near = rows.products
        .map((p) => ({ p, d: editDistance(typed, compact(p.sku), 2) }))
        .filter((x) => x.d <= 2)
        .sort((a, b) => a.d - b.d)
      return { kind: 'none', suggestions: near.slice(0, 3).map((x) => x.p) }
    },
    findProduct: async (name) => products.find(name),
    findCustomer: async (name) => customers.find(name),
  }
}

export interface SaleCatalogOptions {
  /** Reload when the rows are older than this (default 60 s). */
  readonly refreshMs?: number
  /** Milliseconds clock for the reload schedule (default Date.now). */
  readonly now?: () => number
}

export function createSaleCatalog(db: Kysely<Database>, options: SaleCatalogOptions = {}): SaleCatalog & { refresh(): Promise<void> } {
  const refreshMs = options.refreshMs ?? 60_000
  const now = options.now ?? Date.now
  let current: { catalog: SaleCatalog; loadedAt: number } | undefined
  let loading: Promise<SaleCatalog> | undefined

  const load = (): Promise<SaleCatalog> => {
    // Concurrent messages share one load.
    loading ??= loadSaleCatalogRows(db)
      .then((rows) => {
        const catalog = createStaticSaleCatalog(rows)
        current = { catalog, loadedAt: now() }
        return catalog
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }
  // A sale is written from what the rep confirms, so a stale catalog is reloaded before answering, not behind it.
  const fresh = async (): Promise<SaleCatalog> => (current && now() - current.loadedAt < refreshMs ? current.catalog : load())

  return {
    findProductBySku: async (sku) => (await fresh()).findProductBySku(sku),
    findProduct: async (name) => (await fresh()).findProduct(name),
    findCustomer: async (name) => (await fresh()).findCustomer(name),
    async refresh() {
      await load()
    },
  }
}

export async function loadSaleCatalogRows(db: Kysely<Database>): Promise<SaleCatalogRows> {
  const [products, customers] = await Promise.all([
    db.selectFrom('products').select(['id', 'sku', 'name', 'unit_price', 'active']).orderBy('id').execute(),
    db.selectFrom('customers').select(['id', 'name']).orderBy('id').execute(),
  ])
  return {
    products: products.map((p) => ({ id: p.id, sku: p.sku, name: p.name, listPrice: Number(p.unit_price), active: p.active })),
    customers,
  }
}
