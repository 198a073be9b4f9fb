/**
 * Checks each grouped order against the database's regions, categories, products, customers and reps, and decides
 * what writing it takes: which dimension records to create or update, which defaults to fill, which prices are
 * outliers. Planning writes nothing; an order that fails leaves no trace in the plan, so in partial mode a rejected
 * order never creates the customer or product it mentioned.
 *
 * Matching rules (natural keys):
 * - regions and categories by name, ignoring case and accents;
 * - products by exact SKU; a new product needs a name, a category and a unit price (its list price becomes the
 *   first line's price; its cost the line's cost, else 0 with a warning). An existing product takes the name,
 *   category and brand the file gives; its list price and cost are never changed by a sale line;
 * - customers by tax id (CNPJ/CPF, punctuation ignored), else email, else name within the region (or the name alone
 *   when the row has no region and exactly one customer has it). An existing customer gets a missing tax id or email
 *   filled and takes the segment, city, state and country the file gives; its name and region are kept;
 * - reps by email, else name (which must be unique). A new rep needs a name, an email and a region (the row's
 *   region); they are hired on the date of their first sale in the file.
 */
import type { OrderStatus } from '../db/schema.js'
import type { CleanLine } from './clean-import-row.js'
import type { OrderDraft } from './group-import-orders.js'
import type { ImportField } from './import-fields.js'
import { importLimits } from './import-limits.js'
import type { ImportRowError, ImportWarning } from './import-report.js'
import type { ExistingCustomer, ExistingProduct, ExistingRep, ImportDimensionSnapshot } from './load-import-dimensions.js'
import { normaliseImportText } from './normalise-import-text.js'

export interface RegionRef { key: string; name: string; id: number | null }
export interface CategoryRef { key: string; name: string; id: number | null }

export interface ProductRef {
  sku: string
  id: number | null
  existing: ExistingProduct | null
  /** New products: everything; existing ones: what the file asks to change (first row that says it wins). */
  name: string | null
  category: CategoryRef | null
  brand: string | null
  listPrice: number
  cost: number
  costDefaulted: boolean
}

export interface CustomerRef {
  id: number | null
  existing: ExistingCustomer | null
  name: string
  taxId: string | null
  email: string | null
  segment: string | null
  city: string | null
  state: string | null
  country: string | null
  region: RegionRef | null
}

export interface RepRef {
  id: number | null
  existing: ExistingRep | null
  name: string
  email: string
  region: RegionRef | null
  hiredOn: string
}

export interface PlannedLine {
  row: number
  product: ProductRef
  quantity: number
  unitPrice: number
  unitCost: number
  discount: number
}

export interface PlannedOrder {
  externalRef: string
  orderDate: string
  status: OrderStatus
  channel: string
  paymentMethod: string
  customer: CustomerRef
  rep: RepRef
  lines: PlannedLine[]
}

export type OrderPlanResult =
  | { ok: true; order: PlannedOrder; defaults: Record<string, number>; warnings: ImportWarning[] }
  | { ok: false; errors: ImportRowError[] }

export const importDefaults = { status: 'completed', channel: 'unknown', paymentMethod: 'unknown', segment: 'SMB', country: 'BR', discount: 0 } as const

/** What one order wants to add or change, kept apart until the order is accepted. */
class OrderDraftChanges {
  readonly regions = new Map<string, RegionRef>()
  readonly categories = new Map<string, CategoryRef>()
  readonly products = new Map<string, ProductRef>()
  readonly customers: CustomerRef[] = []
  readonly reps: RepRef[] = []
  readonly effects: (() => void)[] = []
  readonly defaults: Record<string, number> = {}
  readonly warnings: ImportWarning[] = []
  count(field: string, by = 1): void {
    this.defaults[field] = (this.defaults[field] ?? 0) + by
  }
}

export class ImportPlanner {
  private readonly regions = new Map<string, RegionRef>()
  private readonly categories = new Map<string, CategoryRef>()
  private readonly products = new Map<string, ProductRef>()
  private readonly customerRefsById = new Map<number, CustomerRef>()
  private readonly customersByTaxId = new Map<string, CustomerRef>()
  private readonly customersByEmail = new Map<string, CustomerRef>()
  private readonly customersByNameKey = new Map<string, Set<CustomerRef>>()
  private readonly repRefsById = new Map<number, RepRef>()
  private readonly newReps: RepRef[] = []
  private readonly warnedConflicts = new Set<string>()

  constructor(
    private readonly snapshot: ImportDimensionSnapshot,
    private readonly header: (field: ImportField) => string,
  ) {}

  /** Every product this planner accepted that was created without a cost. */
  productsWithDefaultedCost(): string[] {
    return [...this.products.values()].filter((p) => p.existing === null && p.costDefaulted).map((p) => p.sku)
  }

  /**
   * Plans one order. With `accept: false` the order is only checked (to report every error of a file), and what
   * it would have created is forgotten; with `accept: true` (default) a valid order's new records become visible
   * to the orders planned after it.
   */
  planOrder(draft: OrderDraft, options: { accept?: boolean } = {}): OrderPlanResult {
    const changes = new OrderDraftChanges()
    const errors: ImportRowError[] = []
    const firstRow = draft.lines[0]?.row ?? 0
    const orderError = (field: ImportField | null, message: string) => {
      errors.push({ row: firstRow, ...(field ? { column: this.header(field), field } : {}), message })
    }

    const customerRegion = draft.customer.region ? this.region(draft.customer.region, changes) : null
    const customer = this.resolveCustomer(draft, customerRegion, changes, orderError)
    const rep = this.resolveRep(draft, customerRegion, changes, orderError)

    const lines: PlannedLine[] = []
    for (const line of draft.lines) {
      const planned = this.planLine(line, changes, errors)
      if (planned) lines.push(planned)
      if (line.regionFromState) changes.count('region')
    }
    if (errors.length > 0 || !customer || !rep) return { ok: false, errors }

    if (draft.status === null) changes.count('status')
    if (draft.channel === null) changes.count('channel')
    if (draft.paymentMethod === null) changes.count('payment_method')
    if (options.accept !== false) this.commit(changes)
    return {
      ok: true,
      order: {
        externalRef: draft.externalRef,
        orderDate: draft.orderDate,
        status: draft.status ?? importDefaults.status,
        channel: draft.channel ?? importDefaults.channel,
        paymentMethod: draft.paymentMethod ?? importDefaults.paymentMethod,
        customer,
        rep,
        lines,
      },
      defaults: changes.defaults,
      warnings: changes.warnings,
    }
  }

  // ---- regions and categories -------------------------------------------------------------------------------

  private region(name: string, changes: OrderDraftChanges): RegionRef {
    const key = normaliseImportText.matchKey(name)
    const known = changes.regions.get(key) ?? this.regions.get(key)
    if (known) return known
    const existing = this.snapshot.regionsByKey.get(key)
    if (existing) {
      const ref = { key, name: existing.name, id: existing.id }
      this.regions.set(key, ref)
      return ref
    }
    const ref = { key, name, id: null }
    changes.regions.set(key, ref)
    return ref
  }

  private regionById(id: number): RegionRef | null {
    const existing = this.snapshot.regionsById.get(id)
    if (!existing) return null
    return this.regions.get(normaliseImportText.matchKey(existing.name)) ?? { key: normaliseImportText.matchKey(existing.name), name: existing.name, id }
  }

  private category(name: string, changes: OrderDraftChanges): CategoryRef {
    const key = normaliseImportText.matchKey(name)
    const known = changes.categories.get(key) ?? this.categories.get(key)
    if (known) return known
    const existing = this.snapshot.categoriesByKey.get(key)
    if (existing) {
      const ref = { key, name: existing.name, id: existing.id }
      this.categories.set(key, ref)
      return ref
    }
    const ref = { key, name, id: null }
    changes.categories.set(key, ref)
    return ref
  }

  // ---- products and lines -----------------------------------------------------------------------------------

  private planLine(line: CleanLine, changes: OrderDraftChanges, errors: ImportRowError[]): PlannedLine | null {
    const lineError = (field: ImportField, message: string, value?: string) => {
      errors.push({ row: line.row, column: this.header(field), field, ...(value === undefined ? {} : { value }), message })
    }
    const { sku } = line.product
    let product = changes.products.get(sku) ?? this.products.get(sku) ?? null
    if (product) {
      this.noteProductAttributes(product, line, changes)
    } else {
      const existing = this.snapshot.productsBySku.get(sku) ?? null
      if (existing) {
        product = { sku, id: existing.id, existing, name: null, category: null, brand: null, listPrice: existing.unitPrice, cost: existing.unitCost, costDefaulted: false }
        this.products.set(sku, product)
        this.noteProductAttributes(product, line, changes)
      } else {
        const missing = [
          line.product.name ? null : this.header('product_name'),
          line.product.category ? null : this.header('category'),
          line.unitPrice !== null ? null : this.header('unit_price'),
        ].filter((m): m is string => m !== null)
        if (missing.length > 0) {
          lineError('product_sku', `Product "${sku}" does not exist yet, and a new product needs ${missing.join(', ')}.`, sku)
          return null
        }
        product = {
          sku,
          id: null,
          existing: null,
          name: line.product.name,
          category: this.category(line.product.category!, changes),
          brand: line.product.brand,
          listPrice: line.unitPrice!,
          cost: line.unitCost ?? 0,
          costDefaulted: line.unitCost === null,
        }
        changes.products.set(sku, product)
        if (line.unitCost === null) changes.count('product_unit_cost')
      }
    }

    let unitPrice = line.unitPrice
    if (unitPrice === null) {
      unitPrice = product.listPrice
      changes.count('unit_price')
    } else if (product.listPrice > 0) {
      const ratio = importLimits.priceRatio
      if (unitPrice > product.listPrice * ratio) {
        lineError('unit_price', `Unit price ${unitPrice} is more than ${ratio}× the list price ${product.listPrice} of product "${sku}"; that looks like a typo.`, String(unitPrice))
      } else if (unitPrice < product.listPrice / ratio) {
        lineError('unit_price', `Unit price ${unitPrice} is less than a ${ratio === 10 ? 'tenth' : `1/${ratio}`} of the list price ${product.listPrice} of product "${sku}"; that looks like a typo.`, String(unitPrice))
      }
    }
    let unitCost = line.unitCost
    if (unitCost === null) {
      unitCost = product.cost
      changes.count('unit_cost')
    }
    let discount = line.discount
    if (discount === null) {
      discount = importDefaults.discount
      changes.count('discount')
    }
    return { row: line.row, product, quantity: line.quantity, unitPrice, unitCost, discount }
  }

  /** Records the name/category/brand the file gives an existing product (first row wins; later differences warn). */
  private noteProductAttributes(product: ProductRef, line: CleanLine, changes: OrderDraftChanges): void {
    const given = line.product
    const conflict = (what: string, kept: string, other: string) => {
      const key = `product:${product.sku}:${what}:${other}`
      if (this.warnedConflicts.has(key)) return
      this.warnedConflicts.add(key)
      changes.warnings.push({ row: line.row, message: `Product "${product.sku}" is given the ${what} "${other}" on row ${line.row} but "${kept}" earlier; kept "${kept}".` })
    }
    if (given.name) {
      if (product.name === null) {
        const name = given.name
        changes.effects.push(() => { product.name ??= name })
      } else if (product.name !== given.name) conflict('name', product.name, given.name)
    }
    if (given.category) {
      const category = this.category(given.category, changes)
      if (product.category === null) changes.effects.push(() => { product.category ??= category })
      else if (product.category.key !== category.key) conflict('category', product.category.name, given.category)
    }
    if (given.brand) {
      const brand = given.brand
      if (product.brand === null) changes.effects.push(() => { product.brand ??= brand })
      else if (product.brand !== brand) conflict('brand', product.brand, brand)
    }
  }

  // ---- customers --------------------------------------------------------------------------------------------

  private customerFromSnapshot(existing: ExistingCustomer): CustomerRef {
    let ref = this.customerRefsById.get(existing.id)
    if (!ref) {
      ref = {
        id: existing.id,
        existing,
        name: existing.name,
        taxId: existing.taxId === null ? null : normaliseImportText.taxId(existing.taxId),
        email: existing.email?.toLowerCase() ?? null,
        segment: null,
        city: null,
        state: null,
        country: null,
        region: this.regionById(existing.regionId),
      }
      this.customerRefsById.set(existing.id, ref)
      this.indexCustomer(ref)
    }
    return ref
  }

  /** Customers this planner knows (existing ones looked up, new ones accepted), by every key they can be found by. */
  private indexCustomer(ref: CustomerRef): void {
    if (ref.taxId && !this.customersByTaxId.has(ref.taxId)) this.customersByTaxId.set(ref.taxId, ref)
    if (ref.email && !this.customersByEmail.has(ref.email)) this.customersByEmail.set(ref.email, ref)
    const key = normaliseImportText.matchKey(ref.name)
    const named = this.customersByNameKey.get(key)
    if (named) named.add(ref)
    else this.customersByNameKey.set(key, new Set([ref]))
  }

  private customerByTaxId(taxId: string, changes: OrderDraftChanges): CustomerRef | null {
    const known = changes.customers.find((c) => c.taxId === taxId) ?? this.customersByTaxId.get(taxId)
    if (known) return known
    const existing = this.snapshot.customersByTaxId.get(taxId)
    return existing ? this.customerFromSnapshot(existing) : null
  }

  private customerByEmail(email: string, changes: OrderDraftChanges): CustomerRef | null {
    const known = changes.customers.find((c) => c.email === email) ?? this.customersByEmail.get(email)
    if (known) return known
    const existing = this.snapshot.customersByEmail.get(email)
    return existing ? this.customerFromSnapshot(existing) : null
  }

  private customersByName(name: string, region: RegionRef | null, changes: OrderDraftChanges): CustomerRef[] {
    const key = normaliseImportText.matchKey(name)
    for (const existing of this.snapshot.customersByName.get(key) ?? []) this.customerFromSnapshot(existing)
    const matches = new Set([...changes.customers.filter((c) => normaliseImportText.matchKey(c.name) === key), ...(this.customersByNameKey.get(key) ?? [])])
    return [...matches].filter((c) => region === null || c.region?.key === region.key)
  }

  private resolveCustomer(
    draft: OrderDraft,
    region: RegionRef | null,
    changes: OrderDraftChanges,
    fail: (field: ImportField | null, message: string) => void,
  ): CustomerRef | null {
    const given = draft.customer
    let customer: CustomerRef | null = null
    if (given.taxId) customer = this.customerByTaxId(given.taxId, changes)
    if (given.email) {
      const byEmail = this.customerByEmail(given.email, changes)
      if (customer) {
        if (byEmail && byEmail !== customer) {
          fail('customer_email', `The email ${given.email} belongs to another customer ("${byEmail.name}") than tax id ${given.taxId}.`)
          return null
        }
        if (!byEmail && customer.email === null) {
          const target = customer
          const email = given.email
          changes.effects.push(() => {
            target.email ??= email
            this.indexCustomer(target)
          })
        }
      } else if (byEmail) {
        if (given.taxId && byEmail.taxId !== null) {
          fail('customer_tax_id', `The email ${given.email} belongs to a customer with tax id ${byEmail.taxId}, not ${given.taxId}.`)
          return null
        }
        customer = byEmail
        if (given.taxId) {
          const taxId = given.taxId
          changes.effects.push(() => {
            byEmail.taxId ??= taxId
            this.indexCustomer(byEmail)
          })
        }
      }
    }
    if (!customer && !given.taxId && !given.email && given.name) {
      const matches = this.customersByName(given.name, region, changes)
      if (matches.length > 1) {
        fail('customer_name', `${matches.length} customers are named "${given.name}"${region ? ` in ${region.name}` : ''}; add the customer's tax id or email (or the region) to say which.`)
        return null
      }
      customer = matches[0] ?? null
    }

    if (!customer) {
      const identity = given.taxId ? `tax id ${given.taxId}` : given.email ? `email ${given.email}` : `"${given.name}"`
      if (!given.name) {
        fail('customer_name', `Customer ${identity} does not exist yet, and a new customer needs a name.`)
        return null
      }
      if (!region) {
        fail('region', `Customer ${identity} does not exist yet, and a new customer needs a region (or a Brazilian state).`)
        return null
      }
      customer = {
        id: null,
        existing: null,
        name: given.name,
        taxId: given.taxId,
        email: given.email,
        segment: given.segment ?? importDefaults.segment,
        city: given.city,
        state: given.state,
        country: given.country ?? importDefaults.country,
        region,
      }
      if (!given.segment) changes.count('customer_segment')
      if (!given.country) changes.count('country')
      changes.customers.push(customer)
      return customer
    }

    if (customer.existing) {
      const target = customer
      const values = { segment: given.segment, city: given.city, state: given.state, country: given.country }
      changes.effects.push(() => {
        target.segment ??= values.segment
        target.city ??= values.city
        target.state ??= values.state
        target.country ??= values.country
      })
      if (region && customer.region && region.key !== customer.region.key) {
        const key = `customer-region:${customer.existing.id}:${region.key}`
        if (!this.warnedConflicts.has(key)) {
          this.warnedConflicts.add(key)
          changes.warnings.push({
            row: draft.lines[0]?.row,
            message: `Customer "${customer.name}" is in region ${customer.region.name}; the file says ${region.name}. An import does not move customers between regions; kept ${customer.region.name}.`,
          })
        }
      }
    }
    return customer
  }

  // ---- reps -------------------------------------------------------------------------------------------------

  private repFromSnapshot(existing: ExistingRep): RepRef {
    let ref = this.repRefsById.get(existing.id)
    if (!ref) {
      ref = { id: existing.id, existing, name: existing.name, email: existing.email.toLowerCase(), region: this.regionById(existing.regionId), hiredOn: '' }
      this.repRefsById.set(existing.id, ref)
    }
    return ref
  }

  private resolveRep(draft: OrderDraft, region: RegionRef | null, changes: OrderDraftChanges, fail: (field: ImportField | null, message: string) => void): RepRef | null {
    const given = draft.rep
    if (given.email) {
      const email = given.email
      const planned = [...changes.reps, ...this.newReps].find((r) => r.email === email)
      const existing = this.snapshot.repsByEmail.get(email)
      const rep = planned ?? (existing ? this.repFromSnapshot(existing) : null)
      if (rep) {
        if (rep.existing === null && draft.orderDate < rep.hiredOn) {
          const date = draft.orderDate
          changes.effects.push(() => { if (date < rep.hiredOn) rep.hiredOn = date })
        }
        return rep
      }
      if (!given.name) {
        fail('rep_name', `Sales rep ${email} does not exist yet, and a new rep needs a name.`)
        return null
      }
      if (!region) {
        fail('region', `Sales rep ${email} does not exist yet, and a new rep needs a region (the row's region or Brazilian state).`)
        return null
      }
      const created: RepRef = { id: null, existing: null, name: given.name, email, region, hiredOn: draft.orderDate }
      changes.reps.push(created)
      changes.count('rep_hired_on')
      return created
    }
    const name = given.name ?? ''
    const key = normaliseImportText.matchKey(name)
    const matches = new Set<RepRef>([
      ...(this.snapshot.repsByName.get(key) ?? []).map((r) => this.repFromSnapshot(r)),
      ...[...changes.reps, ...this.newReps].filter((r) => normaliseImportText.matchKey(r.name) === key),
    ])
    if (matches.size > 1) {
      fail('rep_name', `${matches.size} sales reps are named "${name}"; add the rep's email to say which.`)
      return null
    }
    const [rep] = matches
    if (!rep) {
      fail('rep_name', `There is no sales rep named "${name}"; add the rep's email (and the row's region) to create one.`)
      return null
    }
    return rep
  }

  // ---- accepting an order -----------------------------------------------------------------------------------

  private commit(changes: OrderDraftChanges): void {
    for (const [key, ref] of changes.regions) this.regions.set(key, ref)
    for (const [key, ref] of changes.categories) this.categories.set(key, ref)
    for (const [sku, ref] of changes.products) this.products.set(sku, ref)
    changes.customers.forEach((customer) => this.indexCustomer(customer))
    this.newReps.push(...changes.reps)
    for (const effect of changes.effects) effect()
  }
}
