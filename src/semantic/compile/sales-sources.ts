/**
 * Where sales lines can be read from, and how each source spells every attribute and measure. All of them give
 * exactly the same numbers for whatever they can answer (sql/migrations/005_sales_summaries.sql); they differ in size
 * (rows at a million orders):
 *   summary_daily_channels  day × status × channel × payment method (35k): sums and order counts.
 *   summary_daily_reps      day × rep × status (58k): sums and order counts.
 *   summary_daily_regions   day × status × customer region, segment, state, city (185k): sums and order counts.
 *   summary_daily_products  day × product × status (330k): sums by product, category, brand; no order or customer
 *                           counts (an order spans products).
 *   summary_orders          one row per order with lines (1M): any order or customer attribute, every measure;
 *                           counting rows counts orders, and customer ids are there for distinct customers.
 *   base                    orders ⋈ order_items (+ customers, products) (2.5M lines): everything.
 * Identifiers and aliases below are fixed text of this module; no plan value ever reaches them.
 */
import { sql, type RawBuilder } from 'kysely'
import type { DimensionId, TimeDimensionId } from '../semantic-model.js'

export type SalesSourceId =
  | 'base'
  | 'summary_orders'
  | 'summary_daily_reps'
  | 'summary_daily_channels'
  | 'summary_daily_regions'
  | 'summary_daily_products'

/** Sums and counts the sales family computes; derived metrics (ticket, margin, attainment) are ratios of these. */
export type SalesMeasure = 'revenue' | 'units' | 'gross_profit' | 'orders' | 'active_customers'

/** What a source can group or filter by: every non-time dimension, plus the order date and the customer id. */
export type SalesAttribute = Exclude<DimensionId, TimeDimensionId> | 'order_date' | 'customer_id'

export interface SalesSource {
  readonly id: SalesSourceId
  readonly attributes: ReadonlySet<SalesAttribute>
  readonly measures: ReadonlySet<SalesMeasure>
  /** FROM with the joins the given attributes need; `suffix` renames the aliases for a nested subquery. */
  from(used: ReadonlySet<SalesAttribute>, suffix?: string): RawBuilder<unknown>
  column(attribute: SalesAttribute, suffix?: string): RawBuilder<unknown>
  measure(measure: SalesMeasure, suffix?: string): RawBuilder<unknown>
}

const customerAttributes: readonly SalesAttribute[] = ['region', 'state', 'city', 'segment']
const productAttributes: readonly SalesAttribute[] = ['category', 'brand']
const needs = (used: ReadonlySet<SalesAttribute>, attributes: readonly SalesAttribute[]) => attributes.some((a) => used.has(a))

const ref = (alias: string, suffix: string, column: string) => sql.raw(`${alias}${suffix}.${column}`)
const customerColumns: Partial<Record<SalesAttribute, string>> = { region: 'region_id', state: 'state', city: 'city', segment: 'segment' }
const productColumns: Partial<Record<SalesAttribute, string>> = { category: 'category_id', brand: 'brand' }

function columnOf(orderAlias: string, lineAlias: string, attribute: SalesAttribute, suffix: string): RawBuilder<unknown> {
  const orderColumns: Partial<Record<SalesAttribute, string>> = {
    order_date: 'order_date',
    status: 'status',
    rep: 'rep_id',
    customer: 'customer_id',
    customer_id: 'customer_id',
    channel: 'channel',
    payment_method: 'payment_method',
  }
  const own = orderColumns[attribute]
  if (own) return ref(orderAlias, suffix, own)
  if (attribute === 'product') return ref(lineAlias, suffix, 'product_id')
  const customer = customerColumns[attribute]
  if (customer) return ref('c', suffix, customer)
  const product = productColumns[attribute]
  if (product) return ref('p', suffix, product)
  throw new Error(`no column for ${attribute}`)
}

const all = <T>(items: readonly T[]) => new Set<T>(items)
const orderLevel: SalesAttribute[] = ['order_date', 'status', 'rep', 'customer', 'customer_id', 'channel', 'payment_method']

const base: SalesSource = {
  id: 'base',
  attributes: all<SalesAttribute>([...orderLevel, ...customerAttributes, 'product', ...productAttributes]),
  measures: all<SalesMeasure>(['revenue', 'units', 'gross_profit', 'orders', 'active_customers']),
  from(used, suffix = '') {
    const o = `o${suffix}`
    const i = `i${suffix}`
    let from = `orders ${o} JOIN order_items ${i} ON ${i}.order_id = ${o}.id`
    if (needs(used, customerAttributes)) from += ` JOIN customers c${suffix} ON c${suffix}.id = ${o}.customer_id`
    if (needs(used, productAttributes)) from += ` JOIN products p${suffix} ON p${suffix}.id = ${i}.product_id`
    return sql.raw(from)
  },
  column: (attribute, suffix = '') => columnOf('o', 'i', attribute, suffix),
  measure(measure, suffix = '') {
    const o = `o${suffix}`
    const i = `i${suffix}`
    const text: Record<SalesMeasure, string> = {
      revenue: `SUM(${i}.line_total)`,
      units: `SUM(${i}.quantity)::bigint`,
      gross_profit: `SUM(${i}.line_total - ${i}.quantity * ${i}.unit_cost)`,
      orders: `COUNT(DISTINCT ${o}.id)`,
      active_customers: `COUNT(DISTINCT ${o}.customer_id)`,
    }
    return sql.raw(text[measure])
  },
}

const summaryOrders: SalesSource = {
  id: 'summary_orders',
  attributes: all<SalesAttribute>([...orderLevel, ...customerAttributes]),
  measures: all<SalesMeasure>(['revenue', 'units', 'gross_profit', 'orders', 'active_customers']),
  from(used, suffix = '') {
    let from = `summary_orders s${suffix}`
    if (needs(used, customerAttributes)) from += ` JOIN customers c${suffix} ON c${suffix}.id = s${suffix}.customer_id`
    return sql.raw(from)
  },
  column: (attribute, suffix = '') => columnOf('s', 's', attribute, suffix),
  measure(measure, suffix = '') {
    const s = `s${suffix}`
    const text: Record<SalesMeasure, string> = {
      revenue: `SUM(${s}.revenue)`,
      units: `SUM(${s}.units)::bigint`,
      gross_profit: `SUM(${s}.gross_profit)`,
      // One row per order that has lines.
      orders: 'COUNT(*)',
      active_customers: `COUNT(DISTINCT ${s}.customer_id)`,
    }
    return sql.raw(text[measure])
  },
}

const dailyMeasures = (alias: string) => (measure: SalesMeasure, suffix = '') => {
  const a = `${alias}${suffix}`
  const text: Partial<Record<SalesMeasure, string>> = {
    revenue: `SUM(${a}.revenue)`,
    units: `SUM(${a}.units)::bigint`,
    gross_profit: `SUM(${a}.gross_profit)`,
    orders: `SUM(${a}.orders)::bigint`,
  }
  return sql.raw(text[measure]!)
}

const summaryDailyReps: SalesSource = {
  id: 'summary_daily_reps',
  attributes: all<SalesAttribute>(['order_date', 'status', 'rep']),
  measures: all<SalesMeasure>(['revenue', 'units', 'gross_profit', 'orders']),
  from: (_used, suffix = '') => sql.raw(`summary_daily_reps r${suffix}`),
  column: (attribute, suffix = '') => columnOf('r', 'r', attribute, suffix),
  measure: dailyMeasures('r'),
}

const summaryDailyChannels: SalesSource = {
  id: 'summary_daily_channels',
  attributes: all<SalesAttribute>(['order_date', 'status', 'channel', 'payment_method']),
  measures: all<SalesMeasure>(['revenue', 'units', 'gross_profit', 'orders']),
  from: (_used, suffix = '') => sql.raw(`summary_daily_channels h${suffix}`),
  column: (attribute, suffix = '') => columnOf('h', 'h', attribute, suffix),
  measure: dailyMeasures('h'),
}

const summaryDailyRegions: SalesSource = {
  id: 'summary_daily_regions',
  attributes: all<SalesAttribute>(['order_date', 'status', ...customerAttributes]),
  measures: all<SalesMeasure>(['revenue', 'units', 'gross_profit', 'orders']),
  from: (_used, suffix = '') => sql.raw(`summary_daily_regions g${suffix}`),
  column(attribute, suffix = '') {
    const own = customerColumns[attribute]
    return own ? ref('g', suffix, own) : columnOf('g', 'g', attribute, suffix)
  },
  measure: dailyMeasures('g'),
}

const summaryDailyProducts: SalesSource = {
  id: 'summary_daily_products',
  attributes: all<SalesAttribute>(['order_date', 'status', 'product', ...productAttributes]),
  measures: all<SalesMeasure>(['revenue', 'units', 'gross_profit']),
  from(used, suffix = '') {
    let from = `summary_daily_products d${suffix}`
    if (needs(used, productAttributes)) from += ` JOIN products p${suffix} ON p${suffix}.id = d${suffix}.product_id`
    return sql.raw(from)
  },
  column: (attribute, suffix = '') => columnOf('d', 'd', attribute, suffix),
  measure(measure, suffix = '') {
    const d = `d${suffix}`
    const text: Partial<Record<SalesMeasure, string>> = {
      revenue: `SUM(${d}.revenue)`,
      units: `SUM(${d}.units)::bigint`,
      gross_profit: `SUM(${d}.gross_profit)`,
    }
    return sql.raw(text[measure]!)
  },
}

export const salesSources: Readonly<Record<SalesSourceId, SalesSource>> = {
  base,
  summary_orders: summaryOrders,
  summary_daily_reps: summaryDailyReps,
  summary_daily_channels: summaryDailyChannels,
  summary_daily_regions: summaryDailyRegions,
  summary_daily_products: summaryDailyProducts,
}
