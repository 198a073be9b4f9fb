import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { isDatabaseEmpty, seedDemoData, type SeedSummary } from '../src/seed/seed-demo-data.js'
import { createTestDatabase, databaseKinds, describeEachDatabase, type TestDatabase } from './support/test-database.js'

const spec = { orders: 2_000, seed: 7, endDate: '2025-06-30' } as const
const seededTables = ['regions', 'categories', 'sales_reps', 'customers', 'products', 'orders', 'order_items', 'sales_targets'] as const

/** Brazil's states by macro-region (IBGE), written out here independently of the seed's own catalog. */
const statesByRegion: Record<string, string[]> = {
  Norte: ['AC', 'AP', 'AM', 'PA', 'RO', 'RR', 'TO'],
  Nordeste: ['AL', 'BA', 'CE', 'MA', 'PB', 'PE', 'PI', 'RN', 'SE'],
  'Centro-Oeste': ['DF', 'GO', 'MT', 'MS'],
  Sudeste: ['ES', 'MG', 'RJ', 'SP'],
  Sul: ['PR', 'RS', 'SC'],
}

/**
 * One md5 per table over every row in id order: equal fingerprints mean byte-identical data. Computed in UTC
 * so timestamps print the same way whatever time zone the server's session defaults to.
 */
async function fingerprint(t: TestDatabase): Promise<Record<string, string>> {
  const client = await t.pool.connect()
  try {
    await client.query('begin')
    await client.query(`set local time zone 'UTC'`)
    const result: Record<string, string> = {}
    for (const table of seededTables) {
      const { rows } = await client.query<{ md5: string }>(`select md5(coalesce(string_agg(x::text, E'\\n' order by x.id), '')) as md5 from ${table} x`)
      result[table] = rows[0]!.md5
    }
    return result
  } finally {
    // Read-only work: rolling back just ends the transaction (and its time zone setting).
    await client.query('rollback')
    client.release()
  }
}

async function one<T>(t: TestDatabase, sql: string, params: unknown[] = []): Promise<T> {
  const { rows } = await t.pool.query(sql, params)
  return rows[0] as T
}

describeEachDatabase('the demo data seed', (kind) => {
  let t: TestDatabase
  let summary: SeedSummary
  let original: Record<string, string>
  let emptyBefore: boolean

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    emptyBefore = await isDatabaseEmpty(t.db)
    summary = await seedDemoData(t, spec)
    original = await fingerprint(t)
  })
  afterAll(async () => t?.close())

  it('treats a freshly migrated database as empty and a seeded one as not', async () => {
    expect(emptyBefore).toBe(true)
    expect(await isDatabaseEmpty(t.db)).toBe(false)
  })

  it('loads exactly the requested orders, about 2.5 items each, over the three years ending on the end date', async () => {
    const row = await one<{ orders: number; items: number; first: string; last: string }>(
      t,
      `select (select count(*) from orders) as orders, (select count(*) from order_items) as items,
              (select min(order_date)::text from orders) as first, (select max(order_date)::text from orders) as last`,
    )
    expect(row.orders).toBe(spec.orders)
    expect(row.items / row.orders).toBeGreaterThan(2.2)
    expect(row.items / row.orders).toBeLessThan(2.8)
    expect(row.first >= '2022-07-01').toBe(true)
    expect(row.first < '2022-07-10').toBe(true)
    expect(row.last).toBe(spec.endDate)
    expect(summary).toMatchObject({ seed: 7, startDate: '2022-07-01', endDate: spec.endDate, replaced: false })
    expect(summary.counts.orders).toBe(spec.orders)
    expect(summary.counts.order_items).toBe(row.items)
  })

  it('fills every table it reports, so every constraint and foreign key held during the load', async () => {
    for (const table of seededTables) {
      const { n } = await one<{ n: number }>(t, `select count(*)::int as n from ${table}`)
      expect(n, table).toBe(summary.counts[table])
      expect(n, table).toBeGreaterThan(0)
    }
    // Spot-check two foreign keys from the data's side as well.
    const dangling = await one<{ n: number }>(
      t,
      `select (select count(*) from order_items i where not exists (select 1 from orders o where o.id = i.order_id))
            + (select count(*) from orders o where not exists (select 1 from customers c where c.id = o.customer_id)) as n`,
    )
    expect(dangling.n).toBe(0)
  })

  it('has exactly the five Brazilian regions, at least 12 categories, 300 products with brands and 30 reps', async () => {
    const { rows: regions } = await t.pool.query<{ name: string }>('select name from regions order by name')
    expect(regions.map((r) => r.name)).toEqual(['Centro-Oeste', 'Nordeste', 'Norte', 'Sudeste', 'Sul'])
    const row = await one<{ categories: number; products: number; unbranded: number; reps: number; regions_with_reps: number; maria: number }>(
      t,
      `select (select count(*) from categories) as categories, (select count(*) from products) as products,
              (select count(*) from products where brand is null) as unbranded,
              (select count(*) from sales_reps) as reps, (select count(distinct region_id) from sales_reps) as regions_with_reps,
              (select count(*) from sales_reps where name = 'Maria Silva') as maria`,
    )
    expect(row.categories).toBeGreaterThanOrEqual(12)
    expect(row.products).toBeGreaterThanOrEqual(300)
    expect(row.unbranded).toBe(0)
    expect(row.reps).toBeGreaterThanOrEqual(30)
    expect(row.regions_with_reps).toBe(5)
    expect(row.maria).toBe(1)
  })

  it('prices every product above its cost, with margins that differ by category', async () => {
    const row = await one<{ losing: number; low: number; high: number }>(
      t,
      `select (select count(*) from products where unit_cost >= unit_price) as losing,
              min(margin) as low, max(margin) as high
         from (select avg((unit_price - unit_cost) / unit_price) as margin from products group by category_id) m`,
    )
    expect(row.losing).toBe(0)
    expect(row.high - row.low).toBeGreaterThan(0.3)
  })

  it('gives customers four segments, mostly unique emails and tax ids, and a city and state inside their region', async () => {
    const row = await one<{ customers: number; segments: string[]; no_email: number; no_tax_id: number; sao_paulo: number; porto_alegre: number }>(
      t,
      `select count(*) as customers, array_agg(distinct segment order by segment) as segments,
              count(*) filter (where email is null) as no_email, count(*) filter (where tax_id is null) as no_tax_id,
              count(*) filter (where city = 'São Paulo' and state = 'SP') as sao_paulo,
              count(*) filter (where city = 'Porto Alegre' and state = 'RS') as porto_alegre
         from customers`,
    )
    expect(row.customers).toBeGreaterThanOrEqual(2000)
    expect(row.segments).toEqual(['Enterprise', 'Mid-Market', 'SMB', 'Varejo'])
    expect(row.no_email).toBeGreaterThan(0)
    expect(row.no_email / row.customers).toBeLessThan(0.1)
    expect(row.no_tax_id).toBeGreaterThan(0)
    expect(row.no_tax_id / row.customers).toBeLessThan(0.1)
    expect(row.sao_paulo).toBeGreaterThan(0)
    expect(row.porto_alegre).toBeGreaterThan(0)
    const { rows } = await t.pool.query<{ region: string; state: string }>(
      'select distinct r.name as region, c.state from customers c join regions r on r.id = c.region_id',
    )
    for (const { region, state } of rows) expect(statesByRegion[region], `${state} in ${region}`).toContain(state)
  })

  it('copies price and cost from the product into each line, with discounts between 0 and 30%, and marks orders as seeded', async () => {
    const row = await one<{ mismatched: number; max_discount: number; discounted: number; not_seed: number }>(
      t,
      `select (select count(*) from order_items i join products p on p.id = i.product_id
                where i.unit_price <> p.unit_price or i.unit_cost <> p.unit_cost) as mismatched,
              (select max(discount) from order_items) as max_discount,
              (select count(*) from order_items where discount > 0) as discounted,
              (select count(*) from orders where source <> 'seed' or external_ref is not null) as not_seed`,
    )
    expect(row.mismatched).toBe(0)
    expect(row.max_discount).toBeLessThanOrEqual(0.3)
    expect(row.discounted).toBeGreaterThan(0)
    expect(row.not_seed).toBe(0)
  })

  it('cancels or returns about 3% of orders and leaves only the last days pending', async () => {
    const row = await one<{ share: number; oldest_pending: string; pending: number }>(
      t,
      `select avg(case when status in ('cancelled', 'returned') then 1.0 else 0 end) as share,
              min(order_date) filter (where status = 'pending')::text as oldest_pending,
              count(*) filter (where status = 'pending') as pending
         from orders`,
    )
    expect(row.share).toBeGreaterThan(0.015)
    expect(row.share).toBeLessThan(0.045)
    expect(row.pending).toBeGreaterThan(0)
    expect(row.oldest_pending >= '2025-06-16').toBe(true)
  })

  it('uses every channel and payment method', async () => {
    const { rows: channels } = await t.pool.query<{ channel: string }>('select distinct channel from orders order by 1')
    expect(channels.map((r) => r.channel)).toEqual(['field', 'online', 'partner', 'phone'])
    const { rows: payments } = await t.pool.query<{ payment_method: string }>('select distinct payment_method from orders order by 1')
    expect(payments.map((r) => r.payment_method)).toEqual(['bank_transfer', 'boleto', 'credit_card', 'pix'])
  })

  it('sells more per day in November and December than in the rest of the year, and far less at weekends', async () => {
    const row = await one<{ peak: number; rest: number; weekend: number; weekday: number }>(
      t,
      `with days as (select d::date as day from generate_series('2022-07-01'::date, '2025-06-30'::date, interval '1 day') d),
            revenue as (select o.order_date as day, sum(i.line_total) as revenue
                          from orders o join order_items i on i.order_id = o.id where o.status = 'completed' group by 1),
            daily as (select d.day, coalesce(r.revenue, 0) as revenue from days d left join revenue r on r.day = d.day)
       select avg(revenue) filter (where extract(month from day) in (11, 12)) as peak,
              avg(revenue) filter (where extract(month from day) not in (11, 12)) as rest,
              avg(revenue) filter (where extract(isodow from day) in (6, 7)) as weekend,
              avg(revenue) filter (where extract(isodow from day) between 1 and 5) as weekday
         from daily`,
    )
    expect(row.peak).toBeGreaterThan(row.rest * 1.1)
    expect(row.weekend).toBeLessThan(row.weekday * 0.5)
  })

  it('grows from year to year, loses some customers and keeps winning new ones', async () => {
    const row = await one<{ first_year: number; last_year: number; churned: number; newcomers: number }>(
      t,
      `select (select count(*) from orders where order_date < '2023-07-01') as first_year,
              (select count(*) from orders where order_date >= '2024-07-01') as last_year,
              (select count(*) from (select customer_id from orders group by 1 having max(order_date) < '2024-12-31') x) as churned,
              (select count(*) from (select customer_id from orders group by 1 having min(order_date) >= '2024-07-01') y) as newcomers`,
    )
    // Whole years (same seasons) two years apart: 8–15% a year compounds to well over 10%.
    expect(row.last_year).toBeGreaterThan(row.first_year * 1.1)
    expect(row.churned).toBeGreaterThan(0)
    expect(row.newcomers).toBeGreaterThan(0)
  })

  it('sets monthly targets per rep, per region and company-wide, some hit and some missed', async () => {
    const row = await one<{ rep: number; region: number; company: number; hit: number; total: number }>(
      t,
      `with actual as (
         select o.rep_id, date_trunc('month', o.order_date)::date as month, sum(i.line_total) as revenue
           from orders o join order_items i on i.order_id = o.id where o.status = 'completed' group by 1, 2)
       select count(*) filter (where t.rep_id is not null) as rep,
              count(*) filter (where t.region_id is not null) as region,
              count(*) filter (where t.rep_id is null and t.region_id is null) as company,
              count(*) filter (where t.rep_id is not null and coalesce(a.revenue, 0) >= t.amount) as hit,
              count(*) filter (where t.rep_id is not null) as total
         from sales_targets t left join actual a on a.rep_id = t.rep_id and a.month = t.month`,
    )
    expect(row.company).toBe(36)
    expect(row.region).toBeGreaterThanOrEqual(5 * 30)
    expect(row.rep).toBeGreaterThan(30 * 20)
    expect(row.hit / row.total).toBeGreaterThan(0.1)
    expect(row.hit / row.total).toBeLessThan(0.9)
  })

  it('moves every identity sequence past the seeded ids, so an API-style insert gets a fresh id', async () => {
    const order = await t.db
      .insertInto('orders')
      .values({ customer_id: 1, rep_id: 1, order_date: '2025-07-01' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(order.id).toBe(spec.orders + 1)
    const item = await t.db
      .insertInto('order_items')
      .values({ order_id: order.id, product_id: 1, quantity: 1, unit_price: 10, unit_cost: 5 })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(item.id).toBe(summary.counts.order_items + 1)
    const region = await t.db.insertInto('regions').values({ name: 'Exterior' }).returning('id').executeTakeFirstOrThrow()
    expect(region.id).toBe(6)
    await t.db.deleteFrom('regions').where('id', '=', region.id).execute()
  })

  it('refuses to seed a database that already has orders, and changes nothing', async () => {
    const before = await fingerprint(t)
    await expect(seedDemoData(t, spec)).rejects.toThrow(/Refusing to seed demo data: the database already has 2001 orders/)
    expect(await fingerprint(t)).toEqual(before)
  })

  it('does not call a database empty, nor seed it, when it has sales data but no orders', async () => {
    const fresh = await createTestDatabase(kind)
    try {
      await fresh.db.insertInto('regions').values({ name: 'Sudeste' }).execute()
      expect(await isDatabaseEmpty(fresh.db)).toBe(false)
      await expect(seedDemoData(fresh, spec)).rejects.toThrow(/already has data in regions/)
      const { rows } = await fresh.pool.query('select name from regions')
      expect(rows).toEqual([{ name: 'Sudeste' }])
    } finally {
      await fresh.close()
    }
  })

  it('with replace, empties the sales tables and reproduces byte-identical data, keeping API keys and the audit log', async () => {
    await t.pool.query(`insert into api_keys (name, role, key_prefix, key_hash) values ('admin', 'admin', 'smx_seedtest', 'hash')`)
    const audited = await one<{ n: number }>(t, 'select count(*)::int as n from audit_log')
    const again = await seedDemoData(t, { ...spec, replace: true })
    expect(again.replaced).toBe(true)
    expect(await fingerprint(t)).toEqual(original)
    const kept = await one<{ keys: number; audit: number }>(t, `select (select count(*) from api_keys)::int as keys, (select count(*) from audit_log)::int as audit`)
    expect(kept.keys).toBe(1)
    // The earlier entries survive and the replacement itself is recorded.
    expect(kept.audit).toBe(audited.n + 1)
  })

  it('refuses to replace reps that a rep-scoped API key still points at, and leaves the data as it was', async () => {
    await t.pool.query(`insert into api_keys (name, role, rep_id, key_prefix, key_hash) values ('maria', 'rep', 1, 'smx_seedrep', 'hash')`)
    try {
      await expect(seedDemoData(t, { ...spec, replace: true })).rejects.toThrow(/API keys scoped to a sales rep/)
      expect(await fingerprint(t)).toEqual(original)
    } finally {
      await t.pool.query(`delete from api_keys where key_prefix = 'smx_seedrep'`)
    }
  })

  it('produces different data for a different seed', async () => {
    await seedDemoData(t, { ...spec, seed: 8, replace: true })
    const other = await fingerprint(t)
    expect(other.orders).not.toBe(original.orders)
    expect(other.regions).toBe(original.regions)
  })

  it('rejects an end date that is not a real day before touching the database, even with replace', async () => {
    const before = await fingerprint(t)
    await expect(seedDemoData(t, { ...spec, endDate: '2025-02-30', replace: true })).rejects.toThrow(/not a real calendar date/)
    expect(await fingerprint(t)).toEqual(before)
  })

  it('takes "today" from the injected clock when no end date is given', async () => {
    const result = await seedDemoData(t, { orders: 50, seed: 1, replace: true, now: () => new Date(2024, 2, 15, 12, 0, 0) })
    expect(result.endDate).toBe('2024-03-15')
    expect(result.startDate).toBe('2021-03-16')
    const { max } = await one<{ max: string }>(t, 'select max(order_date) as max from orders')
    expect(max <= '2024-03-15').toBe(true)
  })
})

describe.skipIf(!databaseKinds.includes('server'))('the demo data seed on both databases', () => {
  it('loads byte-identical data into PGlite and PostgreSQL for the same seed and end date', async () => {
    const embedded = await createTestDatabase('embedded')
    const server = await createTestDatabase('server')
    try {
      await seedDemoData(embedded, spec)
      await seedDemoData(server, spec)
      expect(await fingerprint(embedded)).toEqual(await fingerprint(server))
    } finally {
      await Promise.all([embedded.close(), server.close()])
    }
  })
})
