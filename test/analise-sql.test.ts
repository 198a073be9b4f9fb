import { readFile } from 'node:fs/promises'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedDemoData } from '../src/seed/seed-demo-data.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from './support/test-database.js'

interface Statement { name: string; sql: string }

/** sql/analise.sql split on its "-- name:" markers; the preamble before the first marker is comments only. */
async function readStatements(): Promise<Statement[]> {
  const text = await readFile(new URL('../sql/analise.sql', import.meta.url), 'utf8')
  return text
    .split(/^-- name: /m)
    .slice(1)
    .map((chunk) => {
      const newline = chunk.indexOf('\n')
      return { name: chunk.slice(0, newline).trim(), sql: chunk.slice(newline + 1).trim() }
    })
}

const expectedNames = ['average_ticket_per_rep', 'most_profitable_products', 'month_over_month_revenue_growth', 'revenue_by_region_and_month']

describeEachDatabase('sql/analise.sql', (kind) => {
  let t: TestDatabase
  let statements: Statement[]
  const results = new Map<string, Record<string, unknown>[]>()

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData(t, { orders: 2_000, seed: 11, endDate: '2025-06-30' })
    statements = await readStatements()
    for (const s of statements) results.set(s.name, (await t.pool.query(s.sql)).rows)
  })
  afterAll(async () => t?.close())

  it('holds the four business questions, each asked in English and in Portuguese and ending with a semicolon', () => {
    expect(statements.map((s) => s.name)).toEqual(expectedNames)
    for (const s of statements) {
      expect(s.sql, s.name).toMatch(/^-- Q\d \(en\): .+\?$/m)
      expect(s.sql, s.name).toMatch(/^-- Q\d \(pt-BR\): .+\?$/m)
      expect(s.sql.endsWith(';'), s.name).toBe(true)
      // One statement per chunk, so psql -f and this split agree on what a statement is.
      expect(s.sql.slice(0, -1).includes(';'), s.name).toBe(false)
    }
  })

  it('answers every question with rows', () => {
    for (const name of expectedNames) expect(results.get(name)?.length, name).toBeGreaterThan(0)
  })

  it("gives the same average ticket for the busiest rep as a recount from the raw rows", async () => {
    const { rows } = await t.pool.query<{ rep_id: number; orders: number }>(
      `select rep_id, count(*)::int as orders from orders where status = 'completed' group by rep_id order by 2 desc, 1 limit 1`,
    )
    const busiest = rows[0]!
    const revenue = await t.pool.query<{ revenue: number }>(
      `select sum(line_total) as revenue from order_items where order_id in (select id from orders where rep_id = $1 and status = 'completed')`,
      [busiest.rep_id],
    )
    const fromSql = results.get('average_ticket_per_rep')!.find((r) => r.rep_id === busiest.rep_id)!
    expect(fromSql.orders).toBe(busiest.orders)
    expect(fromSql.average_ticket).toBeCloseTo(revenue.rows[0]!.revenue / busiest.orders, 2)
  })

  it('computes gross profit and margin of the top product from its lines', async () => {
    const top = results.get('most_profitable_products')![0]!
    const { rows } = await t.pool.query<{ revenue: number; cost: number }>(
      `select sum(i.line_total) as revenue, sum(i.quantity * i.unit_cost) as cost
         from order_items i join orders o on o.id = i.order_id
        where i.product_id = $1 and o.status = 'completed'`,
      [top.product_id],
    )
    const { revenue, cost } = rows[0]!
    expect(top.gross_profit).toBeCloseTo(revenue - cost, 2)
    expect(top.margin_pct).toBeCloseTo((100 * (revenue - cost)) / revenue, 1)
    const profits = results.get('most_profitable_products')!.map((r) => r.gross_profit as number)
    expect(profits).toEqual([...profits].sort((a, b) => b - a))
  })

  it('lists every month once, with growth measured against the month before', () => {
    const months = results.get('month_over_month_revenue_growth')! as Array<{ month: string; revenue: number; previous_revenue: number | null; growth_pct: number | null }>
    expect(months).toHaveLength(36)
    expect(months[0]!.month).toBe('2022-07-01')
    expect(months.at(-1)!.month).toBe('2025-06-01')
    expect(months[0]!.previous_revenue).toBeNull()
    for (let i = 1; i < months.length; i++) {
      const { revenue, previous_revenue, growth_pct } = months[i]!
      expect(previous_revenue).toBe(months[i - 1]!.revenue)
      expect(growth_pct).toBeCloseTo((100 * (revenue - previous_revenue!)) / previous_revenue!, 1)
    }
  })

  it('splits revenue by the customer’s region, adding up to the completed revenue of each month', async () => {
    const byRegion = results.get('revenue_by_region_and_month')! as Array<{ region: string; revenue: number; month: string }>
    expect(new Set(byRegion.map((r) => r.region))).toEqual(new Set(['Centro-Oeste', 'Nordeste', 'Norte', 'Sudeste', 'Sul']))
    const months = results.get('month_over_month_revenue_growth')! as Array<{ month: string; revenue: number }>
    for (const month of months) {
      const sum = byRegion.filter((r) => r.month === month.month).reduce((acc, r) => acc + r.revenue, 0)
      expect(sum).toBeCloseTo(month.revenue, 2)
    }
    // A rep serving a customer of another region must not move the sale: recount the South from customers' regions.
    const { rows } = await t.pool.query<{ revenue: number }>(
      `select sum(i.line_total) as revenue from order_items i join orders o on o.id = i.order_id
        where o.status = 'completed' and o.customer_id in (select c.id from customers c join regions r on r.id = c.region_id where r.name = 'Sul')`,
    )
    const south = byRegion.filter((r) => r.region === 'Sul').reduce((acc, r) => acc + r.revenue, 0)
    expect(south).toBeCloseTo(rows[0]!.revenue, 2)
  })
})
