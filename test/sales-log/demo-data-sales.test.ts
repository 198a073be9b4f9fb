/** Logging sales against the seeded demo catalog: its SKUs, its accented names typed without accents, its customers. */
import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { createSalesLog, type SalesLog } from '../../src/sales-log/create-sales-log.js'
import { normaliseSaleText } from '../../src/sales-log/normalise-sale-text.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

describeEachDatabase('sales logging on the demo data', (kind) => {
  let t: TestDatabase
  let salesLog: SalesLog
  let product: { id: number; sku: string; name: string; unit_price: number }
  let customer: { id: number; name: string }
  let repId: number

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData({ ...t, kind }, { orders: 500, seed: 42, endDate: '2026-11-20' })
    // An active product and a customer whose names carry accents, and whose names no other row shares.
    product = await t.db.selectFrom('products').select(['id', 'sku', 'name', 'unit_price']).where('active', '=', true).where('name', '~', '[áéíóúãõç]').orderBy('id').executeTakeFirstOrThrow()
    customer = await t.db
      .selectFrom('customers')
      .select(['id', 'name'])
      .where('name', '~', '[áéíóúãõç]')
      .where(sql<boolean>`(select count(*) from customers c2 where c2.name = customers.name) = 1`)
      .orderBy('id')
      .executeTakeFirstOrThrow()
    repId = (await t.db.selectFrom('sales_reps').select('id').orderBy('id').executeTakeFirstOrThrow()).id
    salesLog = createSalesLog({ db: t.db, clock: () => new Date('2026-11-21T12:00:00Z') })
  }, 120_000)
  afterAll(async () => t.close())

  const rep = () => ({ userId: 'teams:rep-1', role: 'rep' as const, repId })

  it('finds a demo product by its SKU and a customer typed without accents or capitals, and records the sale for the rep', async () => {
    const typedCustomer = normaliseSaleText(customer.name)
    const proposal = await salesLog.propose({ text: `vendi 4 x ${product.sku} para ${typedCustomer} ontem`, principal: rep(), threadId: 'teams:1', today: '2026-11-21' })
    if (!proposal.ok) throw new Error(proposal.message)
    expect(proposal.draft).toMatchObject({ customerId: customer.id, orderDate: '2026-11-20', items: [{ productId: product.id, quantity: 4, unitPrice: product.unit_price }] })

    const revenueBefore = await repRevenue(t, repId, '2026-11-20')
    const confirmed = await salesLog.confirm({ actionId: proposal.actionId, principal: rep() })
    expect(confirmed).toMatchObject({ ok: true, created: true })
    // The next answer about revenue sees it: completed, on its date, for its rep.
    expect(await repRevenue(t, repId, '2026-11-20')).toBeCloseTo(revenueBefore + Math.round(4 * product.unit_price * 100) / 100, 2)
  })

  it('finds a demo product by its full name typed in lower case without accents', async () => {
    const proposal = await salesLog.propose({ text: `sold 2 ${normaliseSaleText(product.name)} to ${customer.name} at 100`, principal: rep(), threadId: 'teams:1', today: '2026-11-21' })
    expect(proposal, JSON.stringify([product, customer, proposal])).toMatchObject({ ok: true, draft: { items: [{ productId: product.id, quantity: 2, unitPrice: 100 }] } })
  })
})

async function repRevenue(t: TestDatabase, repId: number, day: string): Promise<number> {
  const { rows } = await t.pool.query<{ revenue: number | null }>(
    `select coalesce(sum(i.line_total), 0)::float8 as revenue from orders o join order_items i on i.order_id = o.id
      where o.status = 'completed' and o.rep_id = $1 and o.order_date = $2`,
    [repId, day],
  )
  return Number(rows[0]!.revenue)
}
