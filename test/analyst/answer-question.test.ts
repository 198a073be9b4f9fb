/**
 * The offline question path end to end on seeded demo data: plans, guard-approved SQL, the right numbers
 * (checked against independent SQL), locale-correct answers, refusals that write nothing, rep scoping, audit.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createAnalyst, type Analyst } from '../../src/main.js'
import { loadConfig } from '../../src/config/config.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { createOrder } from '../../src/domain/orders/order.service.js'
import { loadAttacks } from '../../evals/adversarial/load-attacks.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const today = '2026-06-30'
const admin = { userId: 'test:director', role: 'admin' as const }

describeEachDatabase('answering questions offline', (kind) => {
  let t: TestDatabase
  let analyst: Analyst
  const ask = (question: string, principal: { userId: string; role: 'admin' | 'director' | 'analyst' | 'rep'; repId?: number } = admin) =>
    analyst.answerQuestion({ question, principal, surface: 'test', today })
  const query = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows
  const tableCounts = async () =>
    query(`select (select count(*) from orders) o, (select count(*) from order_items) i, (select count(*) from customers) c, (select count(*) from api_keys) k, (select count(*) from sales_reps) r`)

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData({ ...t, kind }, { orders: 4000, seed: 42, endDate: today })
    analyst = await createAnalyst(loadConfig({ LOG_LEVEL: 'silent' }), t, () => new Date(`${today}T15:00:00Z`))
  })
  afterAll(async () => t?.close())

  it('answers "revenue by region last month" with the right numbers for May 2026', async () => {
    const result = await ask('revenue by region last month')
    expect(result.ok, result.answer).toBe(true)
    if (!result.ok) return
    expect(result.plan.timeRange).toMatchObject({ start: '2026-05-01', end: '2026-05-31' })
    const expected = await query(`
      select r.name as region, sum(oi.line_total)::float8 as revenue
      from orders o join order_items oi on oi.order_id = o.id join customers c on c.id = o.customer_id join regions r on r.id = c.region_id
      where o.status = 'completed' and o.order_date between '2026-05-01' and '2026-05-31'
      group by r.name`)
    const got = new Map(result.rows.map((r) => [r.region, Number(r.revenue)]))
    expect(got.size).toBe(expected.length)
    for (const row of expected) expect(got.get(row.region)).toBeCloseTo(row.revenue, 2)
    expect(result.answer).toContain('May 1, 2026 – May 31, 2026')
    expect(result.answer).toMatch(/How computed: Revenue = sum of line totals/)
    expect(result.answer).toMatch(/R\$[\d,]+\.\d{2}/)
  })

  it('answers "qual foi o ticket médio por vendedor em 2025?" in Portuguese with the right numbers', async () => {
    const result = await ask('qual foi o ticket médio por vendedor em 2025?')
    expect(result.ok, result.answer).toBe(true)
    if (!result.ok) return
    expect(result.language).toBe('pt')
    expect(result.plan.timeRange).toMatchObject({ start: '2025-01-01', end: '2025-12-31' })
    const expected = await query(`
      select sr.name as rep, (sum(oi.line_total) / count(distinct o.id))::float8 as ticket
      from orders o join order_items oi on oi.order_id = o.id join sales_reps sr on sr.id = o.rep_id
      where o.status = 'completed' and o.order_date between '2025-01-01' and '2025-12-31'
      group by sr.name`)
    const got = new Map(result.rows.map((r) => [r.rep, Number(r.average_ticket)]))
    expect(got.size).toBe(expected.length)
    for (const row of expected) expect(got.get(row.rep)).toBeCloseTo(row.ticket, 2)
    expect(result.answer).toContain('01/01/2025 a 31/12/2025')
    expect(result.answer).toContain('Como foi calculado: Ticket médio = faturamento ÷ pedidos concluídos')
    expect(result.answer).toMatch(/R\$ [\d.]+,\d{2}/)
  })

  it('shows the SQL when asked, and that SQL runs as is', async () => {
    const result = await ask('faturamento de março de 2026, mostre o SQL')
    expect(result.ok, result.answer).toBe(true)
    if (!result.ok) return
    expect(result.answer).toContain('```sql')
    const direct = await query(result.sql)
    expect(Number(direct[0].revenue)).toBeCloseTo(Number(result.rows[0]!.revenue), 2)
  })

  it('says what it understood and offers questions when it cannot map a question, and records it', async () => {
    const result = await ask('what is the weather in Lisbon tomorrow?')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.suggestions.length).toBeGreaterThanOrEqual(3)
    expect(result.rows).toEqual([])
    const audit = await query(`select outcome, question from question_audit where question = $1`, ['what is the weather in Lisbon tomorrow?'])
    expect(audit[0]?.outcome).toMatch(/not_understood|refused/)
  })

  it('says honestly when it understood a question the semantic layer cannot compute (targets by product)', async () => {
    const result = await ask('meta por produto no mês passado')
    expect(result.ok).toBe(false)
    if (result.ok) return
    expect(result.code).toBe('unsupported')
    expect(result.answer).toMatch(/^Entendi: Meta por produto/)
    expect(result.answer).toContain('Mas não sei calcular isso')
  })

  it('refuses or answers harmlessly every natural-language attack, writing nothing and leaking no key', async () => {
    const before = await tableCounts()
    const attacks = (await loadAttacks()).filter((a) => a.question !== undefined)
    expect(attacks.length).toBeGreaterThanOrEqual(10)
    for (const attack of attacks) {
      const result = await ask(attack.question!)
      if (attack.expect === 'rejected') expect(result.ok, `${attack.id}: ${result.answer}`).toBe(false)
      const text = JSON.stringify(result)
      expect(text, attack.id).not.toMatch(/key_hash|smx_[a-z0-9]{10}_|pg_read_file\(|@[a-z0-9-]+\.(com|br)/i)
      if (result.ok) expect(result.sql, attack.id).not.toMatch(/\b(insert|update|delete|drop|truncate|grant|alter)\b/i)
    }
    expect(await tableCounts()).toEqual(before)
  })

  it('includes a sale recorded a moment ago in the very next answer', async () => {
    const before = await ask('quanto vendemos hoje?')
    expect(before.ok, before.answer).toBe(true)
    if (!before.ok) return
    const [customer] = await query('select id from customers order by id limit 1')
    const [rep] = await query('select id from sales_reps order by id limit 1')
    const [product] = await query('select id from products order by id limit 1')
    const created = await createOrder(
      t.db,
      { customer_id: customer.id, rep_id: rep.id, order_date: today, items: [{ product_id: product.id, quantity: 2, unit_price: 1234.56 }] },
      { actor: { keyId: null, name: 'test' } },
    )
    const after = await ask('quanto vendemos hoje?')
    expect(after.ok, after.answer).toBe(true)
    if (!after.ok) return
    expect(Number(after.rows[0]!.revenue) - Number(before.rows[0]!.revenue)).toBeCloseTo(created.order.total, 2)
    expect(created.order.total).toBeCloseTo(2469.12, 2)
  })

  it('scopes a rep to their own sales even when they ask for everyone', async () => {
    const [maria] = await query(`select id from sales_reps order by id limit 1`)
    const result = await ask('revenue by rep this year', { userId: 'test:rep', role: 'rep', repId: maria.id })
    expect(result.ok, result.answer).toBe(true)
    if (!result.ok) return
    expect(result.rows.length).toBe(1)
    const [own] = await query(`select name from sales_reps where id = $1`, [maria.id])
    expect(result.rows[0]!.rep).toBe(own.name)
  })
})
