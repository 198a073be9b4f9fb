/**
 * compilePlan against real databases holding the seeded demo data: every metric agrees with hand-written SQL over the
 * base tables, every breakdown, filter, comparison and top/bottom N answers what it should, reps see only their own
 * sales, and the summaries of migration 005 give exactly the base tables' answers, also right after orders are
 * inserted, changed and deleted with plain SQL.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { compilePlan } from '../../src/semantic/compile-plan.js'
import type { PlanFilter, QueryPlan } from '../../src/semantic/query-plan.js'
import { dimensionIds, type DimensionId, type MetricId } from '../../src/semantic/semantic-model.js'
import {
  createGuardedSqlRunner,
  defaultGuardedSqlLimits,
  guardPolicyForPrincipal,
  type GuardedSqlRunner,
  type SqlPrincipal,
} from '../../src/sql-guard/index.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

type Row = Record<string, unknown>

const endDate = '2026-06-30'
const q1 = { start: '2026-01-01', end: '2026-03-31' }
const q2 = { start: '2026-04-01', end: '2026-06-30' }
const h1 = { start: '2026-01-01', end: '2026-06-30' }
const analyst: SqlPrincipal = { userId: 'test-analyst', role: 'analyst' }

const plan = (overrides: Partial<QueryPlan> = {}): QueryPlan => ({ metrics: ['revenue'], dimensions: [], filters: [], timeRange: q1, ...overrides })

const salesMetrics: MetricId[] = ['revenue', 'orders', 'average_ticket', 'units', 'gross_profit', 'margin_pct', 'active_customers']
const allMetrics: MetricId[] = [...salesMetrics, 'new_customers', 'churned_customers', 'target', 'target_attainment']

/** Hand-written SQL for each breakdown: the value shown, the joins it needs, and a key that tells equal names apart. */
const breakdownSql: Record<DimensionId, { value: string; key?: string; joins?: string }> = {
  day: { value: 'o.order_date' },
  week: { value: "date_trunc('week', o.order_date)::date" },
  month: { value: "date_trunc('month', o.order_date)::date" },
  quarter: { value: "date_trunc('quarter', o.order_date)::date" },
  year: { value: "date_trunc('year', o.order_date)::date" },
  region: { value: 'r.name', key: 'r.id', joins: 'join customers c on c.id = o.customer_id join regions r on r.id = c.region_id' },
  state: { value: 'c.state', joins: 'join customers c on c.id = o.customer_id' },
  city: { value: 'c.city', joins: 'join customers c on c.id = o.customer_id' },
  segment: { value: 'c.segment', joins: 'join customers c on c.id = o.customer_id' },
  customer: { value: 'c.name', key: 'c.id', joins: 'join customers c on c.id = o.customer_id' },
  rep: { value: 's.name', key: 's.id', joins: 'join sales_reps s on s.id = o.rep_id' },
  product: { value: 'p.name', key: 'p.id', joins: 'join products p on p.id = i.product_id' },
  category: { value: 'g.name', key: 'g.id', joins: 'join products p on p.id = i.product_id join categories g on g.id = p.category_id' },
  brand: { value: 'p.brand', joins: 'join products p on p.id = i.product_id' },
  channel: { value: 'o.channel' },
  payment_method: { value: 'o.payment_method' },
  status: { value: 'o.status' },
}

/** Hand-written conditions for a filter on one value. */
const filterSql: Record<Exclude<DimensionId, 'day' | 'week' | 'month' | 'quarter' | 'year'>, { column: string; joins?: string; nullable?: boolean }> = {
  region: { column: 'c.region_id', joins: 'join customers c on c.id = o.customer_id' },
  state: { column: 'c.state', joins: 'join customers c on c.id = o.customer_id', nullable: true },
  city: { column: 'c.city', joins: 'join customers c on c.id = o.customer_id', nullable: true },
  segment: { column: 'c.segment', joins: 'join customers c on c.id = o.customer_id' },
  customer: { column: 'o.customer_id' },
  rep: { column: 'o.rep_id' },
  product: { column: 'i.product_id' },
  category: { column: 'p.category_id', joins: 'join products p on p.id = i.product_id' },
  brand: { column: 'p.brand', joins: 'join products p on p.id = i.product_id', nullable: true },
  channel: { column: 'o.channel' },
  payment_method: { column: 'o.payment_method' },
  status: { column: 'o.status' },
}

const byJson = (rows: Row[]) => rows.map((r) => JSON.stringify(r)).sort()
const num = (value: unknown) => (value === null || value === undefined ? null : Number(value))

/** Plans covering every source the compiler routes to, every metric family, comparisons and top-N. */
function catalogOf(samples: Samples): Array<[string, QueryPlan]> {
  const prev = { kind: 'previous_period', range: q1 } as const
  const lastYear = { kind: 'same_period_last_year', range: { start: '2025-04-01', end: '2025-06-30' } } as const
  return [
    ['every non-target metric over the half year', plan({ metrics: allMetrics.filter((m) => !m.startsWith('target')), timeRange: h1 })],
    ['sales by month', plan({ metrics: salesMetrics.filter((m) => m !== 'active_customers'), dimensions: ['month'], timeRange: h1 })],
    ['sales by rep of completed and returned orders', plan({ metrics: ['revenue', 'orders', 'average_ticket'], dimensions: ['rep'], filters: [{ dimension: 'status', values: ['completed', 'returned'] }] })],
    ['orders by status', plan({ metrics: ['orders', 'revenue'], dimensions: ['status'] })],
    ['weekly sales without one rep', plan({ metrics: ['revenue', 'orders'], dimensions: ['week'], filters: [{ dimension: 'rep', values: [samples.rep], exclude: true }] })],
    ['daily revenue by rep', plan({ metrics: ['revenue'], dimensions: ['day', 'rep'], timeRange: { start: '2026-03-01', end: '2026-03-15' } })],
    ['sales by product', plan({ metrics: ['revenue', 'units', 'gross_profit', 'margin_pct'], dimensions: ['product'] })],
    ['sales by category without a brand', plan({ metrics: ['revenue', 'margin_pct'], dimensions: ['category'], filters: [{ dimension: 'brand', values: [samples.brand], exclude: true }] })],
    ['revenue by brand and quarter', plan({ metrics: ['revenue'], dimensions: ['brand', 'quarter'], timeRange: { start: '2025-07-01', end: '2026-06-30' } })],
    ['revenue by region', plan({ metrics: ['revenue', 'orders', 'active_customers'], dimensions: ['region'] })],
    ['active customers by segment', plan({ metrics: ['active_customers', 'average_ticket'], dimensions: ['segment'] })],
    ['top 10 customers', plan({ metrics: ['revenue'], dimensions: ['customer'], sort: { by: { metric: 'revenue' }, direction: 'desc' }, limit: 10 })],
    ['revenue by channel and month', plan({ metrics: ['revenue', 'orders'], dimensions: ['channel', 'month'], timeRange: h1 })],
    ['revenue by payment method in one state', plan({ metrics: ['revenue'], dimensions: ['payment_method'], filters: [{ dimension: 'state', values: [samples.state] }] })],
    ['revenue by city', plan({ metrics: ['revenue', 'units'], dimensions: ['city'] })],
    ['orders by segment and state', plan({ metrics: ['orders', 'average_ticket'], dimensions: ['segment', 'state'], filters: [{ dimension: 'region', values: [samples.region] }] })],
    ['orders by payment method outside one channel', plan({ metrics: ['orders', 'revenue'], dimensions: ['payment_method'], filters: [{ dimension: 'channel', values: [samples.channel], exclude: true }] })],
    ['new and churned customers by status', plan({ metrics: ['new_customers', 'churned_customers'], dimensions: ['status'], timeRange: h1 })],
    ['churned customers of one rep by city, by quarter', plan({ metrics: ['churned_customers'], dimensions: ['city', 'quarter'], filters: [{ dimension: 'rep', values: [samples.rep] }], timeRange: { start: '2025-07-01', end: '2026-06-30' } })],
    ['new customers by month', plan({ metrics: ['new_customers'], dimensions: ['month'], timeRange: h1 })],
    ['new customers by rep', plan({ metrics: ['new_customers'], dimensions: ['rep'] })],
    ['new customers by region, online only', plan({ metrics: ['new_customers'], dimensions: ['region'], filters: [{ dimension: 'channel', values: [samples.channel] }] })],
    ['new customers by channel', plan({ metrics: ['new_customers'], dimensions: ['channel'] })],
    ['churned customers', plan({ metrics: ['churned_customers'] })],
    ['churned customers by region', plan({ metrics: ['churned_customers'], dimensions: ['region'] })],
    ['churned customers by month', plan({ metrics: ['churned_customers', 'active_customers'], dimensions: ['month'], timeRange: h1 })],
    ['churned customers by rep', plan({ metrics: ['churned_customers'], dimensions: ['rep'] })],
    ['orders by category (base tables)', plan({ metrics: ['orders', 'average_ticket'], dimensions: ['category'] })],
    ['new customers by product (base tables)', plan({ metrics: ['new_customers', 'churned_customers'], dimensions: ['category'] })],
    ['revenue by region and product (base tables)', plan({ metrics: ['revenue'], dimensions: ['region', 'category'] })],
    ['attainment by rep and quarter', plan({ metrics: ['target', 'target_attainment', 'revenue'], dimensions: ['rep', 'quarter'], timeRange: h1 })],
    ['attainment by region', plan({ metrics: ['target_attainment'], dimensions: ['region'] })],
    ['company attainment by month', plan({ metrics: ['target_attainment', 'target'], dimensions: ['month'], timeRange: h1 })],
    ['sales by region against the previous quarter', plan({ metrics: ['revenue', 'orders', 'margin_pct'], dimensions: ['region'], timeRange: q2, comparison: prev })],
    ['revenue by month against last year', plan({ metrics: ['revenue', 'new_customers'], dimensions: ['month'], timeRange: q2, comparison: lastYear })],
    ['churn by month against a custom period', plan({ metrics: ['churned_customers'], dimensions: ['month'], timeRange: q2, comparison: { kind: 'custom', range: { start: '2025-10-01', end: '2025-12-31' } } })],
    ['top 5 products against the previous quarter', plan({ metrics: ['revenue'], dimensions: ['product'], timeRange: q2, comparison: prev, sort: { by: { metric: 'revenue' }, direction: 'desc' }, limit: 5 })],
    ['bottom 3 reps by margin', plan({ metrics: ['margin_pct'], dimensions: ['rep'], sort: { by: { metric: 'margin_pct' }, direction: 'asc' }, limit: 3 })],
    ['one customer, every metric family', plan({ metrics: ['revenue', 'orders', 'new_customers', 'churned_customers'], filters: [{ dimension: 'customer', values: [samples.customer] }], timeRange: h1 })],
    ['one product by month', plan({ metrics: ['revenue', 'units'], dimensions: ['month'], filters: [{ dimension: 'product', values: [samples.product] }], timeRange: h1 })],
  ]
}

interface Samples {
  region: number
  state: string
  city: string
  segment: string
  customer: number
  rep: number
  product: number
  category: number
  brand: string
  channel: string
  payment_method: string
  status: string
}

describeEachDatabase('compilePlan on the seeded demo data', (kind) => {
  let t: TestDatabase
  let runner: GuardedSqlRunner
  let samples: Samples
  let repPrincipal: SqlPrincipal

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData(t, { orders: 3000, seed: 5, endDate })
    runner = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: { ...defaultGuardedSqlLimits, maxRows: 5000 } })
    // One completed Q1 line whose customer has a state and city and whose product has a brand: values to filter by.
    const { rows } = await t.pool.query(
      `select c.region_id as region, c.state, c.city, c.segment, o.customer_id as customer, o.rep_id as rep, i.product_id as product,
              p.category_id as category, p.brand, o.channel, o.payment_method
         from orders o join order_items i on i.order_id = o.id join customers c on c.id = o.customer_id join products p on p.id = i.product_id
        where o.status = 'completed' and o.order_date between $1 and $2 and c.state is not null and c.city is not null and p.brand is not null
        order by o.id, i.id limit 1`,
      [q1.start, q1.end],
    )
    samples = { ...rows[0], status: 'cancelled' }
    repPrincipal = { userId: 'test-rep', role: 'rep', repId: samples.rep }
  })
  afterAll(async () => t?.close())

  async function answer(p: QueryPlan, options: { principal?: SqlPrincipal; useSummaries?: boolean } = {}): Promise<Row[]> {
    const compiled = compilePlan(p, { useSummaries: options.useSummaries })
    const result = await runner.run({ sql: compiled.sql, principal: options.principal ?? analyst, purpose: 'test' })
    if (!result.ok) throw new Error(`${result.code}: ${result.reason}\n${compiled.sql}`)
    expect(result.fields.map((f) => f.name)).toEqual(compiled.columns.map((c) => c.name))
    expect(result.truncated).toBe(false)
    return result.rows
  }

  const query = async (sql: string, values: unknown[] = []): Promise<Row[]> => (await t.pool.query(sql, values)).rows

  /** Revenue, orders and customers of completed orders in a range over the base tables, by hand. */
  async function salesTotals(range: { start: string; end: string }, where = "o.status = 'completed'", joins = ''): Promise<Row> {
    const [row] = await query(
      `select coalesce(sum(i.line_total), 0) as revenue, count(distinct o.id) as orders, coalesce(sum(i.quantity), 0) as units,
              coalesce(sum(i.line_total - i.quantity * i.unit_cost), 0) as gross_profit, count(distinct o.customer_id) as active_customers
         from orders o join order_items i on i.order_id = o.id ${joins}
        where ${where} and o.order_date between $1 and $2`,
      [range.start, range.end],
    )
    return row!
  }

  describe('computes each metric as its hand-written SQL does', () => {
    it('revenue, orders, average ticket, units, gross profit, margin and active customers', async () => {
      const [row] = await answer(plan({ metrics: salesMetrics }))
      const expected = await salesTotals(q1)
      expect(num(row!.revenue)).toBe(num(expected.revenue))
      expect(row!.orders).toBe(num(expected.orders))
      expect(row!.units).toBe(num(expected.units))
      expect(num(row!.gross_profit)).toBe(num(expected.gross_profit))
      expect(row!.active_customers).toBe(num(expected.active_customers))
      expect(num(row!.average_ticket)).toBeCloseTo(num(expected.revenue)! / num(expected.orders)!, 6)
      expect(num(row!.margin_pct)).toBeCloseTo(num(expected.gross_profit)! / num(expected.revenue)!, 9)
      expect(num(row!.margin_pct)).toBeGreaterThan(0)
      expect(num(row!.margin_pct)).toBeLessThan(1)
    })

    it('new customers: those whose first completed order ever falls in the range', async () => {
      const [expected] = await query(
        `select count(*)::int as n from (
           select o.customer_id, min(o.order_date) as first_date from orders o
            where o.status = 'completed' and exists (select 1 from order_items i where i.order_id = o.id) group by o.customer_id) f
          where f.first_date between $1 and $2`,
        [q1.start, q1.end],
      )
      const [row] = await answer(plan({ metrics: ['new_customers'] }))
      expect(row!.new_customers).toBe(expected!.n)
      expect(expected!.n).toBeGreaterThan(0)
    })

    it('churned customers: an order on or before end − 90 days and none after, as of the range end', async () => {
      const [expected] = await query(
        `select count(*)::int as n from customers c
          where exists (select 1 from orders o join order_items i on i.order_id = o.id
                         where o.customer_id = c.id and o.status = 'completed' and o.order_date <= $1::date - 90)
            and not exists (select 1 from orders o join order_items i on i.order_id = o.id
                             where o.customer_id = c.id and o.status = 'completed' and o.order_date > $1::date - 90 and o.order_date <= $1::date)`,
        [q1.end],
      )
      const [row] = await answer(plan({ metrics: ['churned_customers'] }))
      expect(row!.churned_customers).toBe(expected!.n)
      expect(expected!.n).toBeGreaterThan(0)
    })

    it('target and attainment: company targets of the months in the range, against revenue', async () => {
      const [expected] = await query(`select sum(amount) as target from sales_targets where rep_id is null and region_id is null and month between $1 and $2`, [q1.start, q1.end])
      const [row] = await answer(plan({ metrics: ['target', 'target_attainment', 'revenue'] }))
      expect(num(row!.target)).toBe(num(expected!.target))
      expect(num(row!.target_attainment)).toBeCloseTo(num(row!.revenue)! / num(expected!.target)!, 9)
    })

    it('targets of a partly covered month count whole, and a breakdown by rep uses rep targets', async () => {
      const range = { start: '2026-02-10', end: '2026-03-05' }
      const expected = await query(
        `select s.name as rep, sum(t.amount) as target from sales_targets t join sales_reps s on s.id = t.rep_id
          where t.month in ('2026-02-01', '2026-03-01') group by s.id, s.name`,
      )
      const rows = await answer(plan({ metrics: ['target'], dimensions: ['rep'], timeRange: range }))
      expect(byJson(rows.map((r) => ({ rep: r.rep, target: num(r.target) })))).toEqual(byJson(expected.map((r) => ({ rep: r.rep, target: num(r.target) }))))
    })

    it('returns one row of zeros, not nothing, for a range without sales', async () => {
      const rows = await answer(plan({ metrics: ['revenue', 'orders', 'average_ticket', 'new_customers'], timeRange: { start: '2030-01-01', end: '2030-01-31' } }))
      expect(rows).toEqual([{ revenue: 0, orders: 0, average_ticket: null, new_customers: 0 }])
    })
  })

  describe('breaks down by every dimension', () => {
    for (const dimension of dimensionIds) {
      it(`by ${dimension}: the same groups and sums as a hand-written GROUP BY`, async () => {
        const b = breakdownSql[dimension]
        const statusCondition = dimension === 'status' ? 'true' : "o.status = 'completed'"
        const range = dimension === 'day' ? { start: '2026-03-01', end: '2026-03-31' } : dimension === 'year' ? { start: '2024-01-01', end: endDate } : dimension === 'quarter' ? h1 : q1
        const expected = await query(
          `select ${b.value} as value, sum(i.line_total) as revenue, count(distinct o.id) as orders
             from orders o join order_items i on i.order_id = o.id ${b.joins ?? ''}
            where ${statusCondition} and o.order_date between $1 and $2
            group by ${b.key ? `${b.key}, ` : ''}${b.value}`,
          [range.start, range.end],
        )
        const rows = await answer(plan({ metrics: ['revenue', 'orders'], dimensions: [dimension], timeRange: range }))
        const shown = (r: Row) => ({ value: 'value' in r ? r.value : r[dimension], revenue: num(r.revenue), orders: num(r.orders) })
        expect(byJson(rows.map(shown))).toEqual(byJson(expected.map(shown)))
        expect(rows.length).toBeGreaterThan(1)
        const revenues = rows.map((r) => num(r.revenue)!)
        if (['day', 'week', 'month', 'quarter', 'year'].includes(dimension)) {
          // Time series come in order.
          const periods = rows.map((r) => String(r[dimension]))
          expect(periods).toEqual([...periods].sort())
        } else {
          expect(revenues).toEqual([...revenues].sort((a, b) => b - a))
        }
      })
    }

    it('by two dimensions: every region × month cell, adding up to each region', async () => {
      const rows = await answer(plan({ metrics: ['revenue'], dimensions: ['region', 'month'] }))
      const byRegion = await answer(plan({ metrics: ['revenue'], dimensions: ['region'] }))
      for (const region of byRegion) {
        const cells = rows.filter((r) => r.region === region.region)
        expect(cells.map((c) => c.month)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01'])
        expect(cells.reduce((sum, c) => sum + num(c.revenue)!, 0)).toBeCloseTo(num(region.revenue)!, 2)
      }
    })
  })

  describe('filters by every dimension, keeping or excluding values', () => {
    const filterDimensions = Object.keys(filterSql) as Array<keyof typeof filterSql>
    for (const dimension of filterDimensions) {
      it(`by ${dimension}: the filtered and the excluded revenue match hand-written SQL and add up to the total`, async () => {
        const value = samples[dimension]
        const f = filterSql[dimension]
        const literal = typeof value === 'number' ? String(value) : `'${value.replace(/'/g, "''")}'`
        const statusCondition = dimension === 'status' ? 'true' : "o.status = 'completed'"
        const kept = await salesTotals(q1, `${statusCondition} and ${f.column} = ${literal}`, f.joins)
        const excluded = await salesTotals(q1, `${statusCondition} and ${f.nullable ? `(${f.column} is null or ${f.column} <> ${literal})` : `${f.column} <> ${literal}`}`, f.joins)
        const all = await salesTotals(q1, statusCondition)
        const filter: PlanFilter = { dimension, values: [value] }

        const [keep] = await answer(plan({ metrics: ['revenue', 'orders'], filters: [filter] }))
        const [drop] = await answer(plan({ metrics: ['revenue', 'orders'], filters: [{ ...filter, exclude: true }] }))
        expect([num(keep!.revenue), keep!.orders]).toEqual([num(kept.revenue), num(kept.orders)])
        expect([num(drop!.revenue), drop!.orders]).toEqual([num(excluded.revenue), num(excluded.orders)])
        expect(num(keep!.revenue)! + num(drop!.revenue)!).toBeCloseTo(num(all.revenue)!, 2)
        expect(num(keep!.revenue)).toBeGreaterThan(0)
      })
    }

    it('keeps several values of one dimension, and combines filters on several', async () => {
      const regions = await query(`select id from regions order by id limit 2`)
      const ids = regions.map((r) => Number(r.id))
      const expected = await salesTotals(q1, `o.status = 'completed' and c.region_id in (${ids.join(', ')}) and o.channel = '${samples.channel}'`, 'join customers c on c.id = o.customer_id')
      const [row] = await answer(plan({ metrics: ['revenue'], filters: [{ dimension: 'region', values: ids }, { dimension: 'channel', values: [samples.channel] }] }))
      expect(num(row!.revenue)).toBe(num(expected.revenue))
    })

    it('answers, with nothing, for names that look like SQL', async () => {
      const values = ["O'Brien'); DROP TABLE orders;--", 'a\\b', 'ação 🚀']
      const [row] = await answer(plan({ metrics: ['revenue', 'orders'], filters: [{ dimension: 'brand', values }] }))
      expect(row).toEqual({ revenue: 0, orders: 0 })
      const [all] = await answer(plan({ metrics: ['revenue'], filters: [{ dimension: 'city', values: ["d'Oeste; --"], exclude: true }] }))
      expect(num(all!.revenue)).toBe(num((await salesTotals(q1)).revenue))
    })
  })

  describe('compares with another period', () => {
    const cases = [
      ['the previous period', { kind: 'previous_period', range: q1 }],
      ['the same period last year', { kind: 'same_period_last_year', range: { start: '2025-04-01', end: '2025-06-30' } }],
      ['a custom period', { kind: 'custom', range: { start: '2025-07-01', end: '2025-09-30' } }],
    ] as const
    for (const [name, comparison] of cases) {
      it(`${name}: previous value, change and change fraction for each metric`, async () => {
        const [row] = await answer(plan({ metrics: ['revenue', 'orders'], timeRange: q2, comparison }))
        const now = await salesTotals(q2)
        const before = await salesTotals(comparison.range)
        expect(num(row!.revenue)).toBe(num(now.revenue))
        expect(num(row!.revenue_previous)).toBe(num(before.revenue))
        expect(num(row!.revenue_change)).toBeCloseTo(num(now.revenue)! - num(before.revenue)!, 2)
        expect(num(row!.revenue_change_pct)).toBeCloseTo((num(now.revenue)! - num(before.revenue)!) / num(before.revenue)!, 9)
        expect(row!.orders_previous).toBe(num(before.orders))
        // A count's change fraction is not integer division.
        expect(num(row!.orders_change_pct)).toBeCloseTo((num(now.orders)! - num(before.orders)!) / num(before.orders)!, 9)
      })
    }

    it('per breakdown value, keeping values present in only one of the periods', async () => {
      const range = { start: '2026-06-01', end: '2026-06-30' }
      const previous = { start: '2026-05-01', end: '2026-05-31' }
      const rows = await answer(plan({ metrics: ['revenue'], dimensions: ['customer'], timeRange: range, comparison: { kind: 'previous_period', range: previous } }))
      const expected = await query(
        `select c.id, c.name,
                coalesce(sum(i.line_total) filter (where o.order_date between $1 and $2), 0) as revenue,
                coalesce(sum(i.line_total) filter (where o.order_date between $3 and $4), 0) as revenue_previous
           from orders o join order_items i on i.order_id = o.id join customers c on c.id = o.customer_id
          where o.status = 'completed' and (o.order_date between $1 and $2 or o.order_date between $3 and $4)
          group by c.id, c.name`,
        [range.start, range.end, previous.start, previous.end],
      )
      const shown = (r: Row) => ({ customer: r.customer ?? r.name, revenue: num(r.revenue), revenue_previous: num(r.revenue_previous) })
      expect(byJson(rows.map(shown))).toEqual(byJson(expected.map(shown)))
      expect(rows.some((r) => num(r.revenue) === 0)).toBe(true)
      expect(rows.some((r) => num(r.revenue_previous) === 0)).toBe(true)
    })

    it('by month against last year: month M with month M − 12', async () => {
      const rows = await answer(plan({ metrics: ['revenue'], dimensions: ['month'], timeRange: h1, comparison: { kind: 'same_period_last_year', range: { start: '2025-01-01', end: '2025-06-30' } } }))
      const expected = await query(
        `select date_trunc('month', o.order_date)::date as month, sum(i.line_total) as revenue
           from orders o join order_items i on i.order_id = o.id
          where o.status = 'completed' and o.order_date between '2025-01-01' and '2025-06-30' group by 1 order by 1`,
      )
      expect(rows.map((r) => r.month)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01'])
      expect(rows.map((r) => num(r.revenue_previous))).toEqual(expected.map((r) => num(r.revenue)))
    })

    it('by week against the previous period: week k with week k of the period before', async () => {
      const rows = await answer(plan({ metrics: ['orders'], dimensions: ['week'], timeRange: { start: '2026-03-02', end: '2026-03-29' }, comparison: { kind: 'previous_period', range: { start: '2026-02-02', end: '2026-03-01' } } }))
      const expected = await query(
        `select date_trunc('week', o.order_date)::date as week, count(distinct o.id)::int as orders
           from orders o join order_items i on i.order_id = o.id
          where o.status = 'completed' and o.order_date between '2026-02-02' and '2026-03-01' group by 1 order by 1`,
      )
      expect(rows.map((r) => r.week)).toEqual(['2026-03-02', '2026-03-09', '2026-03-16', '2026-03-23'])
      expect(rows.map((r) => r.orders_previous)).toEqual(expected.map((r) => r.orders))
    })
  })

  describe('ranks the top and bottom N, ties broken the same way every time', () => {
    it('top 3 and bottom 3 reps by revenue', async () => {
      const expected = await query(
        `select s.name as rep, sum(i.line_total) as revenue from orders o join order_items i on i.order_id = o.id join sales_reps s on s.id = o.rep_id
          where o.status = 'completed' and o.order_date between $1 and $2 group by s.id, s.name order by 2 desc`,
        [q1.start, q1.end],
      )
      const top = await answer(plan({ metrics: ['revenue'], dimensions: ['rep'], sort: { by: { metric: 'revenue' }, direction: 'desc' }, limit: 3 }))
      const bottom = await answer(plan({ metrics: ['revenue'], dimensions: ['rep'], sort: { by: { metric: 'revenue' }, direction: 'asc' }, limit: 3 }))
      const shown = (r: Row) => ({ rep: r.rep, revenue: num(r.revenue) })
      expect(top.map(shown)).toEqual(expected.slice(0, 3).map(shown))
      expect(bottom.map(shown)).toEqual(expected.slice(-3).reverse().map(shown))
    })

    it('customers tied on orders come by name, then id', async () => {
      const expected = await query(
        `select c.name as customer, count(distinct o.id)::int as orders from orders o join order_items i on i.order_id = o.id join customers c on c.id = o.customer_id
          where o.status = 'completed' and o.order_date between $1 and $2 group by c.id, c.name order by 2 desc, 1 asc, c.id asc limit 25`,
        [q1.start, q1.end],
      )
      const p = plan({ metrics: ['orders'], dimensions: ['customer'], sort: { by: { metric: 'orders' }, direction: 'desc' }, limit: 25 })
      const rows = await answer(p)
      expect(rows).toEqual(expected)
      expect(new Set(rows.map((r) => r.orders)).size).toBeLessThan(rows.length)
      expect(await answer(p, { useSummaries: false })).toEqual(rows)
    })

    it('sorts by a dimension when asked', async () => {
      const rows = await answer(plan({ metrics: ['revenue'], dimensions: ['region'], sort: { by: { dimension: 'region' }, direction: 'desc' } }))
      const names = rows.map((r) => String(r.region))
      expect(names).toEqual([...names].sort().reverse())
    })
  })

  describe('scopes a rep to their own sales', () => {
    const repFilter = (): PlanFilter => ({ dimension: 'rep', values: [samples.rep] })

    it('sees exactly what an analyst sees when filtering by that rep, through summaries and base tables alike', async () => {
      const plans = [
        plan({ metrics: ['revenue', 'orders', 'active_customers', 'new_customers', 'churned_customers'], timeRange: h1 }),
        plan({ metrics: ['revenue', 'units'], dimensions: ['product'] }),
        plan({ metrics: ['revenue', 'orders'], dimensions: ['month'], timeRange: h1 }),
        plan({ metrics: ['revenue', 'active_customers'], dimensions: ['region'] }),
        plan({ metrics: ['revenue'], dimensions: ['category'], timeRange: q2, comparison: { kind: 'previous_period', range: q1 } }),
        plan({ metrics: ['target', 'target_attainment'], dimensions: ['month'], filters: [repFilter()] }),
      ]
      for (const p of plans) {
        const asAnalyst = await answer({ ...p, filters: [...p.filters.filter((f) => f.dimension !== 'rep'), repFilter()] })
        for (const useSummaries of [true, false]) {
          expect(await answer(p, { principal: repPrincipal, useSummaries }), JSON.stringify(p)).toEqual(asAnalyst)
        }
      }
    })

    it('reads only their own sales from every summary, also with free SQL', async () => {
      const free = async (sql: string, principal: SqlPrincipal) => {
        const result = await runner.run({ sql, principal, purpose: 'test' })
        if (!result.ok) throw new Error(`${result.code}: ${result.reason}`)
        return result.rows[0]!
      }
      const own = `(select sum(i.line_total) from orders o join order_items i on i.order_id = o.id where o.rep_id = ${samples.rep})`
      const expectations: Array<[string, string]> = [
        ['select count(*) as n, sum(revenue) as revenue from summary_orders', `select count(*) as n, sum(revenue) as revenue from summary_orders where rep_id = ${samples.rep}`],
        ['select count(*) as n, sum(revenue) as revenue from summary_daily_reps', `select count(*) as n, sum(revenue) as revenue from summary_daily_reps where rep_id = ${samples.rep}`],
        ['select sum(revenue) as revenue from summary_daily_channels', `select ${own} as revenue`],
        ['select sum(revenue) as revenue from summary_daily_regions', `select ${own} as revenue`],
        ['select sum(revenue) as revenue from summary_daily_products', `select ${own} as revenue`],
        ['select count(*) as n from summary_customer_firsts', `select count(*) as n from summary_customer_firsts where rep_id = ${samples.rep}`],
      ]
      for (const [asRep, asAnalyst] of expectations) {
        const mine = await free(asRep, repPrincipal)
        expect(mine, asRep).toEqual(await free(asAnalyst, analyst))
        expect(Number(mine.revenue ?? mine.n)).toBeGreaterThan(0)
        expect(mine, asRep).not.toEqual(await free(asRep, analyst))
      }
    })

    it('gets only their own row in a breakdown by rep', async () => {
      const rows = await answer(plan({ metrics: ['revenue'], dimensions: ['rep'] }), { principal: repPrincipal })
      const [own] = await query('select name from sales_reps where id = $1', [samples.rep])
      expect(rows.map((r) => r.rep)).toEqual([own!.name])
    })
  })

  describe('gives the same answers from the summaries as from the base tables', () => {
    const compareAll = async (principal: SqlPrincipal = analyst) => {
      for (const [name, p] of catalogOf(samples)) {
        const fromSummaries = await answer(p, { principal })
        const fromBase = await answer(p, { principal, useSummaries: false })
        expect(fromSummaries, name).toEqual(fromBase)
      }
    }

    const exact = { orders: 0, rep_days: 0, channel_days: 0, region_days: 0, product_days: 0, firsts: 0 }

    /** Rows of each summary that differ from the same aggregation of the base tables (0 everywhere when exact). */
    const summaryDifferences = async () => {
      const [row] = await query(`
        with by_order as (
          select o.id as order_id, o.order_date, o.status, o.rep_id, o.customer_id, o.channel, o.payment_method, sum(i.line_total) as revenue,
                 sum(i.quantity)::bigint as units, sum(i.line_total - i.quantity * i.unit_cost) as gross_profit, count(*)::int as lines
            from orders o join order_items i on i.order_id = o.id group by o.id),
        by_rep_day as (
          select order_date, rep_id, status, sum(revenue) as revenue, sum(units)::bigint as units, sum(gross_profit) as gross_profit,
                 sum(lines)::bigint as lines, count(*)::bigint as orders from by_order group by 1, 2, 3),
        by_product_day as (
          select o.order_date, i.product_id, o.status, sum(i.line_total) as revenue, sum(i.quantity)::bigint as units,
                 sum(i.line_total - i.quantity * i.unit_cost) as gross_profit, count(*)::bigint as lines
            from orders o join order_items i on i.order_id = o.id group by 1, 2, 3)
        , by_channel_day as (
          select order_date, status, channel, payment_method, sum(revenue) as revenue, sum(units)::bigint as units, sum(gross_profit) as gross_profit,
                 sum(lines)::bigint as lines, count(*)::bigint as orders from by_order group by 1, 2, 3, 4),
        by_region_day as (
          select b.order_date, b.status, c.region_id, c.segment, c.state, c.city, sum(b.revenue) as revenue, sum(b.units)::bigint as units,
                 sum(b.gross_profit) as gross_profit, sum(b.lines)::bigint as lines, count(*)::bigint as orders
            from by_order b join customers c on c.id = b.customer_id group by 1, 2, 3, 4, 5, 6),
        firsts as (select customer_id, rep_id, status, min(order_date) as first_date from by_order group by 1, 2, 3)
        select
          (select count(*) from ((select * from by_order except all select * from summary_orders) union all (select * from summary_orders except all select * from by_order)) d)::int as orders,
          (select count(*) from ((select * from by_channel_day except all select * from summary_daily_channels) union all (select * from summary_daily_channels except all select * from by_channel_day)) d)::int as channel_days,
          (select count(*) from ((select * from by_region_day except all select * from summary_daily_regions) union all (select * from summary_daily_regions except all select * from by_region_day)) d)::int as region_days,
          (select count(*) from ((select * from firsts except all select * from summary_customer_firsts) union all (select * from summary_customer_firsts except all select * from firsts)) d)::int as firsts,
          (select count(*) from ((select * from by_rep_day except all select order_date, rep_id, status, revenue, units, gross_profit, lines, orders from summary_daily_reps)
             union all (select order_date, rep_id, status, revenue, units, gross_profit, lines, orders from summary_daily_reps except all select * from by_rep_day)) d)::int as rep_days,
          (select count(*) from ((select * from by_product_day except all select * from summary_daily_products) union all (select * from summary_daily_products except all select * from by_product_day)) d)::int as product_days,
          (select count(*) from summary_orders)::int as summary_rows`)
      return row!
    }

    it('right after seeding', async () => {
      expect(await summaryDifferences()).toMatchObject(exact)
      await compareAll()
      await compareAll(repPrincipal)
    })

    it('in the very next answer after orders are inserted, changed and deleted with plain SQL', async () => {
      const day = '2026-06-30'
      const dayPlan = plan({ metrics: ['revenue', 'orders'], timeRange: { start: day, end: day } })
      const [before] = await answer(dayPlan)

      // A new order with two lines, on the last day.
      const [order] = await query(
        `insert into orders (customer_id, rep_id, order_date, status, channel, payment_method) values ($1, $2, $3, 'completed', 'online', 'pix') returning id`,
        [samples.customer, samples.rep, day],
      )
      await query(
        `insert into order_items (order_id, product_id, quantity, unit_price, unit_cost, discount)
         select $1, id, 3, unit_price, unit_cost, 0.1 from products where id in ($2, $2 + 1)`,
        [order!.id, samples.product],
      )
      const [lines] = await query('select sum(line_total) as total from order_items where order_id = $1', [order!.id])
      const [after] = await answer(dayPlan)
      expect(num(after!.revenue)).toBeCloseTo(num(before!.revenue)! + num(lines!.total)!, 2)
      expect(after!.orders).toBe(Number(before!.orders) + 1)

      // An order without lines counts nowhere, until its first line arrives.
      const [empty] = await query(`insert into orders (customer_id, rep_id, order_date, status) values ($1, $2, $3, 'completed') returning id`, [samples.customer, samples.rep, day])
      expect((await answer(dayPlan))[0]!.orders).toBe(after!.orders)
      await compareAll()

      // Status, date, rep, customer and channel changes; line changes; a line moved to another order and product.
      await query(`update orders set status = 'cancelled' where id in (select id from orders where status = 'completed' and order_date between $1 and $2 order by id limit 5)`, [q1.start, q1.end])
      await query(`update orders set order_date = order_date - 40 where id in (select id from orders where order_date between $1 and $2 order by id desc limit 7)`, [q2.start, q2.end])
      await query(`update orders set rep_id = $1, customer_id = $2, channel = 'partner' where id in (select id from orders where order_date between $3 and $4 order by id limit 4 offset 10)`, [samples.rep, samples.customer, q1.start, q1.end])
      await query(`update order_items set quantity = quantity + 2, discount = 0.05 where id in (select id from order_items order by id desc limit 30)`)
      await query(`update order_items set unit_cost = unit_cost * 1.1 where product_id = $1`, [samples.product])
      await query(`update order_items set product_id = $1, order_id = $2 where id = (select min(i.id) from order_items i join orders o on o.id = i.order_id where o.order_date between $3 and $4)`, [samples.product, order!.id, q1.start, q1.end])
      await query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) values ($1, $2, 1, 100, 60)`, [empty!.id, samples.product])
      // Customers move: another region and state, a city emptied; a first order moved later, then removed.
      await query(`update customers set region_id = 1 + (region_id % 5), state = 'ZZ', city = null where id in (select customer_id from orders where order_date between $1 and $2 order by id limit 6)`, [q1.start, q1.end])
      await query(`update orders set order_date = '2026-06-29' where id in (select distinct on (customer_id) id from orders where status = 'completed' order by customer_id, order_date limit 5)`)
      // Deletes: single lines, an order (its lines go with it), and every line of another order.
      await query(`delete from order_items where id in (select id from order_items order by id limit 12 offset 100)`)
      await query(`delete from orders where id in (select id from orders where order_date between $1 and $2 order by id limit 3)`, [q1.start, q1.end])
      await query(`delete from order_items where order_id = (select id from orders where order_date between $1 and $2 order by id limit 1 offset 20)`, [q2.start, q2.end])

      expect(await summaryDifferences()).toMatchObject(exact)
      await compareAll()
      await compareAll(repPrincipal)
    })

    it('within a transaction that is rolled back, and after several changes in one transaction', async () => {
      const client = await t.pool.connect()
      try {
        await client.query('begin')
        await client.query(`delete from orders where id in (select id from orders order by id limit 50)`)
        await client.query('rollback')
        await client.query('begin')
        await client.query(`update orders set status = 'returned' where id in (select id from orders where status = 'completed' order by id desc limit 10)`)
        await client.query(`update orders set status = 'completed' where id in (select id from orders where status = 'returned' order by id desc limit 3)`)
        await client.query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) select id, $1, 2, 10, 4 from orders order by id desc limit 5`, [samples.product])
        await client.query('commit')
      } finally {
        client.release()
      }
      expect(await summaryDifferences()).toMatchObject(exact)
      await compareAll()
    })

    it('after the sales tables are truncated and seeded again', async () => {
      await seedDemoData(t, { orders: 1200, seed: 9, endDate, replace: true })
      const [counts] = await query('select (select count(*) from orders)::int as orders, (select count(*) from summary_orders)::int as summaries')
      expect(counts).toEqual({ orders: 1200, summaries: 1200 })
      expect(await summaryDifferences()).toMatchObject(exact)
      const [row] = await answer(plan({ metrics: ['orders'], timeRange: { start: '2020-01-01', end: endDate }, filters: [{ dimension: 'status', values: ['completed', 'pending', 'cancelled', 'returned'] }] }))
      expect(row!.orders).toBe(1200)
    })
  })

  describe.skipIf(kind !== 'server')('keeps the summaries exact under concurrent writers', () => {
    const summaryIsExact = async () => {
      const [row] = await query(`
        select count(*)::int as n from (
          (select o.id, o.order_date, o.status, o.rep_id, sum(i.line_total) as revenue, count(*)::int as lines from orders o join order_items i on i.order_id = o.id group by o.id
           except all select order_id, order_date, status, rep_id, revenue, lines from summary_orders)
          union all
          (select order_id, order_date, status, rep_id, revenue, lines from summary_orders
           except all select o.id, o.order_date, o.status, o.rep_id, sum(i.line_total), count(*)::int from orders o join order_items i on i.order_id = o.id group by o.id)) d`)
      const [days] = await query(`
        select count(*)::int as n from (
          select o.order_date, o.rep_id, o.status, sum(i.line_total) as revenue, count(distinct o.id) as orders from orders o join order_items i on i.order_id = o.id group by 1, 2, 3
          except all select order_date, rep_id, status, revenue, orders from summary_daily_reps) d`)
      return Number(row!.n) + Number(days!.n)
    }

    it('when an order’s first line and a change of its status race', async () => {
      const [order] = await query(`insert into orders (customer_id, rep_id, order_date, status) values ($1, $2, '2026-06-29', 'completed') returning id`, [samples.customer, samples.rep])
      const writer = await t.pool.connect()
      const updater = await t.pool.connect()
      try {
        await writer.query('begin')
        await writer.query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) values ($1, $2, 2, 50, 20)`, [order!.id, samples.product])
        await updater.query('begin')
        // Waits for the writer: it holds a share lock on the order until it commits.
        const update = updater.query(`update orders set status = 'cancelled', order_date = '2026-06-28' where id = $1`, [order!.id])
        await new Promise((resolve) => setTimeout(resolve, 200))
        await writer.query('commit')
        await update
        await updater.query('commit')
      } finally {
        writer.release()
        updater.release()
      }
      expect(await summaryIsExact()).toBe(0)
    })

    it('when lines are added to an order whose status is being changed', async () => {
      const [order] = await query(`select id from orders where status = 'completed' order by id desc limit 1`)
      const updater = await t.pool.connect()
      const writer = await t.pool.connect()
      try {
        await updater.query('begin')
        await updater.query(`update orders set status = 'returned' where id = $1`, [order!.id])
        await writer.query('begin')
        const insert = writer.query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) values ($1, $2, 4, 30, 10)`, [order!.id, samples.product])
        await new Promise((resolve) => setTimeout(resolve, 200))
        await updater.query('commit')
        await insert
        await writer.query('commit')
      } finally {
        updater.release()
        writer.release()
      }
      expect(await summaryIsExact()).toBe(0)
    })

    it('when orders sharing days, reps and products arrive at once, none deadlocks', async () => {
      const products = [samples.product, samples.product + 1, samples.product + 2, samples.product + 3]
      const results = await Promise.allSettled(
        Array.from({ length: 8 }, async (_, n) => {
          const client = await t.pool.connect()
          try {
            await client.query('begin')
            const { rows } = await client.query<{ id: number }>(
              `insert into orders (customer_id, rep_id, order_date) values ($1, $2, '2026-06-26'), ($1, $2, '2026-06-25') returning id`,
              [samples.customer, samples.rep],
            )
            // Each writer files the same products in its own order.
            const order = n % 2 === 0 ? products : [...products].reverse()
            for (const id of rows.map((r) => r.id)) {
              await client.query(
                `insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) select $1, p, 1, 10, 4 from unnest($2::int[]) p`,
                [id, order],
              )
            }
            await client.query('commit')
          } catch (error) {
            await client.query('rollback')
            throw error
          } finally {
            client.release()
          }
        }),
      )
      expect(results.filter((r) => r.status === 'rejected')).toEqual([])
      expect(await summaryIsExact()).toBe(0)
    })

    it('when many orders of the same day and rep arrive at once', async () => {
      await Promise.all(
        Array.from({ length: 6 }, async (_, n) => {
          const client = await t.pool.connect()
          try {
            await client.query('begin')
            const { rows } = await client.query<{ id: number }>(`insert into orders (customer_id, rep_id, order_date) values ($1, $2, '2026-06-27') returning id`, [samples.customer, samples.rep])
            await client.query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) values ($1, $2, $3, 20, 5)`, [rows[0]!.id, samples.product, n + 1])
            await client.query('commit')
          } finally {
            client.release()
          }
        }),
      )
      expect(await summaryIsExact()).toBe(0)
    })
  })
})
