import type pg from 'pg'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { createRfmSegmenter, type RfmResult } from '../../src/segments/compute-rfm-segments.js'
import { describeRfmResult } from '../../src/segments/describe-rfm-result.js'
import { rfmSegmentIds, segmentFor, valueScore, type RfmScore, type RfmSegmentId } from '../../src/segments/rfm-segment-map.js'
import { createGuardedSqlRunner, defaultGuardedSqlLimits, guardPolicyForPrincipal, type GuardedSqlRunner, type SqlPrincipal } from '../../src/sql-guard/index.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const analyst: SqlPrincipal = { userId: 'u-analyst', role: 'analyst' }
const scores: readonly RfmScore[] = [1, 2, 3, 4, 5]

describe('the RFM segment map', () => {
  it('gives every recency × value cell exactly one segment', () => {
    for (const r of scores) for (const fm of scores) expect(rfmSegmentIds).toContain(segmentFor(r, fm))
  })

  it('uses every segment somewhere on the grid', () => {
    const used = new Set(scores.flatMap((r) => scores.map((fm) => segmentFor(r, fm))))
    expect([...used].sort()).toEqual([...rfmSegmentIds].sort())
  })

  it('calls recent high-value customers Champions and old high-value ones Can’t Lose Them', () => {
    expect(segmentFor(5, 5)).toBe('champions')
    expect(segmentFor(1, 5)).toBe('cant_lose_them')
    expect(segmentFor(1, 1)).toBe('lost')
    expect(segmentFor(5, 1)).toBe('new_customers')
  })

  it('rounds the mean of frequency and monetary scores half up', () => {
    expect(valueScore(3, 4)).toBe(4)
    expect(valueScore(1, 2)).toBe(2)
    expect(valueScore(1, 1)).toBe(1)
    expect(valueScore(5, 5)).toBe(5)
  })
})

/** Sums of completed revenue and customer counts over the base tables, by hand (not through the segmenter's SQL). */
async function directTotals(pool: pg.Pool, period: { start: string; end: string }, repId?: number): Promise<{ revenue: number; customers: number }> {
  const { rows } = await pool.query(
    `select coalesce(sum(i.line_total), 0) as revenue, count(distinct o.customer_id) as customers
       from orders o join order_items i on i.order_id = o.id
      where o.status = 'completed' and o.order_date between $1 and $2 and ($3::int is null or o.rep_id = $3::int)`,
    [period.start, period.end, repId ?? null],
  )
  return { revenue: Number(rows[0].revenue), customers: Number(rows[0].customers) }
}

describeEachDatabase('RFM segments on the seeded demo data', (kind) => {
  const today = '2026-06-30'
  let t: TestDatabase
  let runner: GuardedSqlRunner
  let result: RfmResult

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData({ ...t, kind }, { orders: 3000, seed: 42, endDate: today })
    runner = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: defaultGuardedSqlLimits })
    result = await createRfmSegmenter({ runner }).segment({ principal: analyst, today, purpose: 'test' })
  }, 120_000)
  afterAll(async () => t?.close())

  it('reads the 24 months up to today', () => {
    expect(result.period).toEqual({ start: '2024-07-01', end: '2026-06-30' })
  })

  it('puts every customer with a completed order in the period in exactly one segment', async () => {
    const direct = await directTotals(t.pool, result.period)
    expect(result.customers).toBe(direct.customers)
    expect(result.segments.reduce((sum, s) => sum + s.customers, 0)).toBe(direct.customers)
    expect(result.segments.map((s) => s.segment)).toEqual([...rfmSegmentIds])
  })

  it('splits the period’s revenue across the segments without losing or counting any twice', async () => {
    const direct = await directTotals(t.pool, result.period)
    expect(result.segments.reduce((sum, s) => sum + s.revenue, 0)).toBeCloseTo(direct.revenue, 1)
    expect(result.segments.reduce((sum, s) => sum + s.share, 0)).toBeCloseTo(1, 6)
  })

  it('finds several segments in realistic data, Champions among them', () => {
    expect(result.segments.filter((s) => s.customers > 0).length).toBeGreaterThanOrEqual(6)
    expect(result.segments.find((s) => s.segment === 'champions')!.customers).toBeGreaterThan(0)
  })

  it('lists at most 20 at-risk customers, all in the at-risk segments, most revenue first', () => {
    expect(result.atRisk.length).toBeGreaterThan(0)
    expect(result.atRisk.length).toBeLessThanOrEqual(20)
    for (const c of result.atRisk) expect(['at_risk', 'cant_lose_them']).toContain(c.segment)
    const revenues = result.atRisk.map((c) => c.revenue)
    expect(revenues).toEqual([...revenues].sort((a, b) => b - a))
  })

  it('gives each listed customer’s real figures: revenue, orders and last order in the period', async () => {
    const first = result.atRisk[0]!
    const { rows } = await t.pool.query(
      `select sum(i.line_total) as revenue, count(distinct o.id) as orders, max(o.order_date)::text as last_order
         from orders o join order_items i on i.order_id = o.id
        where o.status = 'completed' and o.customer_id = $1 and o.order_date between $2 and $3`,
      [first.customerId, result.period.start, result.period.end],
    )
    expect(first.revenue).toBeCloseTo(Number(rows[0].revenue), 2)
    expect(first.orders).toBe(Number(rows[0].orders))
    expect(first.lastOrder).toBe(rows[0].last_order)
    expect(first.daysSinceLastOrder).toBe(Math.round((Date.parse(today) - Date.parse(first.lastOrder)) / 86_400_000))
  })

  it('never returns a personal column of a customer', async () => {
    const { rows } = await t.pool.query(`select email, tax_id from customers where email is not null or tax_id is not null limit 50`)
    const text = JSON.stringify(result)
    for (const row of rows) {
      if (row.email) expect(text).not.toContain(row.email)
      if (row.tax_id) expect(text).not.toContain(row.tax_id)
    }
    expect(result.sql).not.toMatch(/\b(email|tax_id)\b/)
  })

  it('records every run in the query audit under its purpose', async () => {
    const { rows } = await t.pool.query(`select count(*) as n from query_audit where purpose = 'test' and outcome = 'ok'`)
    expect(Number(rows[0].n)).toBeGreaterThanOrEqual(2)
  })

  it('shows a rep only the customers of the rep’s own orders', async () => {
    const { rows } = await t.pool.query(`select rep_id from orders where status = 'completed' and order_date >= '2024-07-01' group by rep_id order by count(*) desc limit 1`)
    const repId = Number(rows[0].rep_id)
    const own = await createRfmSegmenter({ runner }).segment({ principal: { userId: 'u-rep', role: 'rep', repId }, today, purpose: 'test' })
    const direct = await directTotals(t.pool, own.period, repId)
    expect(own.customers).toBe(direct.customers)
    expect(own.customers).toBeLessThan(result.customers)
    expect(own.segments.reduce((sum, s) => sum + s.revenue, 0)).toBeCloseTo(direct.revenue, 1)
    for (const c of own.atRisk) {
      const mine = await t.pool.query(
        `select count(*) as n from orders where customer_id = $1 and rep_id = $2 and status = 'completed' and order_date between $3 and $4`,
        [c.customerId, repId, own.period.start, own.period.end],
      )
      expect(Number(mine.rows[0].n)).toBe(c.orders)
    }
    expect(own.notes.join(' ')).toMatch(/your own orders/)
  })

  it('refuses a malformed today or look-back as a bad request', async () => {
    const segmenter = createRfmSegmenter({ runner })
    await expect(segmenter.segment({ principal: analyst, today: '30/06/2026' })).rejects.toMatchObject({ code: 'bad_request' })
    await expect(segmenter.segment({ principal: analyst, today, lookbackMonths: 0 })).rejects.toMatchObject({ code: 'bad_request' })
  })
})

/**
 * Ten customers whose scores are known by construction: with ten distinct values, percent_rank puts two customers in
 * each quintile, so the ranks 1–2 score 1, 3–4 score 2 … 9–10 score 5. Recency, orders and revenue are chosen per
 * customer so each lands in a planned cell of the grid.
 */
interface Planned { readonly name: string; readonly daysAgo: number; readonly orders: number; readonly revenue: number; readonly expected: RfmSegmentId }
const planned: readonly Planned[] = [
  //                      R                F            M
  { name: 'Alfa', daysAgo: 1, orders: 9, revenue: 9_000, expected: 'champions' }, // R5 F5 M5 → FM 5
  { name: 'Bravo', daysAgo: 2, orders: 1, revenue: 1_000, expected: 'new_customers' }, // R5 F1 M1 → FM 1
  { name: 'Charlie', daysAgo: 10, orders: 7, revenue: 7_000, expected: 'loyal' }, // R4 F4 M4 → FM 4
  { name: 'Delta', daysAgo: 11, orders: 2, revenue: 6_000, expected: 'potential_loyalists' }, // R4 F1 M3 → FM 2
  { name: 'Echo', daysAgo: 40, orders: 5, revenue: 5_000, expected: 'need_attention' }, // R3 F3 M3 → FM 3
  { name: 'Foxtrot', daysAgo: 41, orders: 3, revenue: 3_000, expected: 'about_to_sleep' }, // R3 F2 M2 → FM 2
  { name: 'Golf', daysAgo: 200, orders: 10, revenue: 10_000, expected: 'cant_lose_them' }, // R2 F5 M5 → FM 5
  { name: 'Hotel', daysAgo: 201, orders: 4, revenue: 4_000, expected: 'hibernating' }, // R2 F2 M2 → FM 2
  { name: 'India', daysAgo: 400, orders: 8, revenue: 8_000, expected: 'at_risk' }, // R1 F4 M4 → FM 4
  { name: 'Juliet', daysAgo: 401, orders: 6, revenue: 2_000, expected: 'lost' }, // R1 F3 M1 → FM 2
]

describeEachDatabase('RFM segments of a hand-built set of customers', (kind) => {
  const today = '2026-06-30'
  let t: TestDatabase
  let result: RfmResult
  let ids: Map<string, number>
  let repIds: { main: number; other: number }

  const daysBefore = (days: number) => new Date(Date.parse(today) - days * 86_400_000).toISOString().slice(0, 10)

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    const one = async (sql: string, values: unknown[] = []) => Number((await t.pool.query(sql, values)).rows[0].id)
    const region = await one(`insert into regions (name) values ('Sul') returning id`)
    const category = await one(`insert into categories (name) values ('Ferramentas') returning id`)
    const product = await one(`insert into products (sku, name, category_id, unit_price, unit_cost) values ('P-1', 'Martelo', $1, 10, 5) returning id`, [category])
    repIds = {
      main: await one(`insert into sales_reps (name, email, region_id, hired_on) values ('Maria', 'maria@rep.example', $1, '2020-01-01') returning id`, [region]),
      other: await one(`insert into sales_reps (name, email, region_id, hired_on) values ('João', 'joao@rep.example', $1, '2020-01-01') returning id`, [region]),
    }
    const order = async (customer: number, date: string, amount: number, status = 'completed', rep = repIds.main) => {
      const id = await one(`insert into orders (customer_id, rep_id, order_date, status) values ($1, $2, $3, $4) returning id`, [customer, rep, date, status])
      await t.pool.query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) values ($1, $2, 1, $3, 1)`, [id, product, amount])
    }
    ids = new Map()
    for (const c of planned) {
      const id = await one(`insert into customers (name, email, tax_id, region_id) values ($1, $2, $3, $4) returning id`, [c.name, `${c.name.toLowerCase()}@private.example`, `TAX-${c.name}`, region])
      ids.set(c.name, id)
      // The last order on the planned day; the others a week apart before it, 100 each, the last one the rest.
      for (let k = c.orders - 1; k >= 0; k--) await order(id, daysBefore(c.daysAgo + 7 * k), k === 0 ? c.revenue - 100 * (c.orders - 1) : 100)
    }
    // What must not count: a recent cancelled order (recency), an order before the look-back, and a customer who
    // only ever cancelled.
    await order(ids.get('Juliet')!, daysBefore(3), 50_000, 'cancelled')
    await order(ids.get('Bravo')!, daysBefore(900), 50_000)
    const kilo = await one(`insert into customers (name, region_id) values ('Kilo', $1) returning id`, [region])
    await order(kilo, daysBefore(5), 50_000, 'cancelled')
    // Another rep's sale to Golf: a rep-scoped run must not see it.
    await order(ids.get('Golf')!, daysBefore(1), 70_000, 'completed', repIds.other)

    const runner = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: defaultGuardedSqlLimits })
    result = await createRfmSegmenter({ runner }).segment({ principal: { userId: 'u-maria', role: 'rep', repId: repIds.main }, today, purpose: 'test', language: 'pt' })
  })
  afterAll(async () => t?.close())

  it('puts each customer in the segment planned for it', () => {
    expect(result.customers).toBe(10)
    for (const id of rfmSegmentIds) {
      const expected = planned.filter((c) => c.expected === id).length
      expect(result.segments.find((s) => s.segment === id)!.customers, id).toBe(expected)
    }
  })

  it('sums each segment’s revenue from its customers’ completed orders only', () => {
    const revenueOf = (id: RfmSegmentId) => result.segments.find((s) => s.segment === id)!.revenue
    expect(revenueOf('champions')).toBe(9_000)
    expect(revenueOf('lost')).toBe(2_000)
    expect(revenueOf('new_customers')).toBe(1_000)
    expect(revenueOf('promising')).toBe(0)
    expect(result.segments.find((s) => s.segment === 'champions')!.share).toBeCloseTo(9_000 / 55_000, 6)
  })

  it('lists Golf then India as the customers at risk, with their last orders and the days since', () => {
    expect(result.atRisk).toEqual([
      { customerId: ids.get('Golf')!, name: 'Golf', segment: 'cant_lose_them', revenue: 10_000, orders: 10, lastOrder: daysBefore(200), daysSinceLastOrder: 200 },
      { customerId: ids.get('India')!, name: 'India', segment: 'at_risk', revenue: 8_000, orders: 8, lastOrder: daysBefore(400), daysSinceLastOrder: 400 },
    ])
  })

  it('writes its notes in the language asked for', () => {
    expect(result.notes[0]).toMatch(/Pedidos concluídos dos últimos 24 meses/)
    expect(result.notes).toContain('Só os seus pedidos e os clientes deles.')
  })

  it('sees the other rep’s recent sale to Golf when nobody is scoped', async () => {
    const runner = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: defaultGuardedSqlLimits })
    const all = await createRfmSegmenter({ runner }).segment({ principal: analyst, today })
    expect(all.atRisk.map((c) => c.name)).not.toContain('Golf')
    expect(all.segments.reduce((sum, s) => sum + s.revenue, 0)).toBe(125_000)
  })

  it('never shows the customers’ emails or tax ids', () => {
    expect(JSON.stringify(result)).not.toMatch(/private\.example|TAX-/)
  })
})

describe('the RFM summary for digests and replies', () => {
  const result: RfmResult = {
    segments: rfmSegmentIds.map((id) => ({
      segment: id,
      label: { en: id, pt: id },
      customers: id === 'champions' ? 3 : id === 'at_risk' ? 1 : 0,
      revenue: id === 'champions' ? 30_000 : id === 'at_risk' ? 10_000 : 0,
      share: id === 'champions' ? 0.75 : id === 'at_risk' ? 0.25 : 0,
      description: { en: '', pt: '' },
    })),
    atRisk: [{ customerId: 7, name: 'Padaria Central', segment: 'at_risk', revenue: 10_000, orders: 4, lastOrder: '2026-01-15', daysSinceLastOrder: 166 }],
    customers: 4,
    period: { start: '2024-07-01', end: '2026-06-30' },
    sql: 'select 1',
    notes: [],
  }

  it('lists only segments with customers, with their share of revenue, in Portuguese', () => {
    const text = describeRfmResult(result, 'pt')
    expect(text).toContain('• champions: 3 clientes, R$ 30.000,00 (75,0% do faturamento)')
    expect(text).not.toContain('lost')
    expect(text).toContain('• Padaria Central: R$ 10.000,00 em 4 pedidos, último em 15/01/2026 (há 166 dias)')
  })

  it('says so when nobody bought in the period, in English', () => {
    expect(describeRfmResult({ ...result, customers: 0, atRisk: [] }, 'en')).toMatch(/^No customer has a completed order from/)
  })
})
