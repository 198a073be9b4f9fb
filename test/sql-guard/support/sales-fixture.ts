/**
 * A small, fully known sales data set for the guard tests, plus canaries: values that must never show up in any
 * guarded result (an API key hash, an audit entry, personal columns of a customer and a rep).
 */
import type pg from 'pg'

export const CANARY = 'CANARY-7d41f0'

export const canaryValues = {
  apiKeyHash: `${CANARY}-api-key-hash`,
  auditActor: `${CANARY}-audit-actor`,
  customerEmail: `${CANARY.toLowerCase()}@customer.example`,
  customerTaxId: `${CANARY}-tax-id`,
  repEmail: `${CANARY.toLowerCase()}@rep.example`,
  repSlackId: `${CANARY}-slack`,
} as const

export interface SalesFixture {
  readonly repIds: { readonly ana: number; readonly bruno: number; readonly carla: number }
  /** Orders per rep id, and their item counts. */
  readonly ordersByRep: ReadonlyMap<number, number>
  readonly itemsByRep: ReadonlyMap<number, number>
  readonly totalOrders: number
}

export async function insertSalesFixture(pool: pg.Pool): Promise<SalesFixture> {
  const one = async (sql: string, values: unknown[] = []) => Number((await pool.query(sql, values)).rows[0].id)
  const south = await one(`insert into regions (name) values ('South') returning id`)
  const north = await one(`insert into regions (name) values ('North') returning id`)
  const tools = await one(`insert into categories (name) values ('Tools') returning id`)
  const paint = await one(`insert into categories (name) values ('Paint') returning id`)

  const rep = (name: string, email: string, region: number, slack: string | null) =>
    one(`insert into sales_reps (name, email, region_id, slack_user_id, hired_on) values ($1, $2, $3, $4, '2022-01-10') returning id`, [name, email, region, slack])
  const ana = await rep('Ana', canaryValues.repEmail, south, canaryValues.repSlackId)
  const bruno = await rep('Bruno', 'bruno@rep.example', north, null)
  const carla = await rep('Carla', 'carla@rep.example', south, null)

  const customer = (name: string, email: string | null, taxId: string | null, region: number, segment: string) =>
    one(`insert into customers (name, email, tax_id, region_id, segment, city) values ($1, $2, $3, $4, $5, 'Recife') returning id`, [name, email, taxId, region, segment])
  const customers = [
    await customer('Acme', canaryValues.customerEmail, canaryValues.customerTaxId, south, 'Enterprise'),
    await customer('Beta', 'beta@customer.example', '11.111.111/0001-11', north, 'SMB'),
    await customer('Gama', null, null, south, 'SMB'),
  ]

  const product = (sku: string, name: string, category: number, price: number, cost: number) =>
    one(`insert into products (sku, name, category_id, unit_price, unit_cost) values ($1, $2, $3, $4, $5) returning id`, [sku, name, category, price, cost])
  const products = [
    await product('HAM-1', 'Hammer', tools, 50, 30),
    await product('DRL-2', 'Drill', tools, 400, 250),
    await product('PNT-3', 'Paint 18L', paint, 300, 180),
  ]

  const reps = [ana, bruno, carla]
  const ordersByRep = new Map<number, number>(reps.map((r) => [r, 0]))
  const itemsByRep = new Map<number, number>(reps.map((r) => [r, 0]))
  const statuses = ['completed', 'completed', 'completed', 'pending', 'cancelled']
  let totalOrders = 0
  for (let i = 0; i < 36; i++) {
    const repId = reps[i % 3]!
    const month = String((i % 12) + 1).padStart(2, '0')
    const orderId = await one(
      `insert into orders (customer_id, rep_id, order_date, status, channel) values ($1, $2, $3, $4, $5) returning id`,
      [customers[i % customers.length], repId, `2024-${month}-${String((i % 27) + 1).padStart(2, '0')}`, statuses[i % statuses.length], i % 2 ? 'online' : 'direct'],
    )
    const itemCount = (i % 3) + 1
    for (let k = 0; k < itemCount; k++) {
      const p = products[(i + k) % products.length]!
      await pool.query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost, discount) select $1, id, $2, unit_price, unit_cost, $3 from products where id = $4`, [
        orderId,
        (k % 4) + 1,
        k === 2 ? 0.1 : 0,
        p,
      ])
    }
    ordersByRep.set(repId, ordersByRep.get(repId)! + 1)
    itemsByRep.set(repId, itemsByRep.get(repId)! + itemCount)
    totalOrders++
  }

  await pool.query(`insert into sales_targets (month, rep_id, amount) values ('2024-01-01', $1, 5000), ('2024-01-01', $2, 6000), ('2024-01-01', $3, 7000)`, reps)
  await pool.query(`insert into sales_targets (month, region_id, amount) values ('2024-01-01', $1, 20000)`, [south])
  await pool.query(`insert into sales_targets (month, amount) values ('2024-01-01', 50000)`)

  await pool.query(`insert into api_keys (name, role, key_prefix, key_hash) values ('canary', 'admin', 'smx_canary', $1)`, [canaryValues.apiKeyHash])
  await pool.query(`insert into audit_log (actor, action, entity, entity_id) values ($1, 'create', 'canary', '1')`, [canaryValues.auditActor])

  return { repIds: { ana, bruno, carla }, ordersByRep, itemsByRep, totalOrders }
}

/**
 * Everything that must not change: row count and checksum of every table in public (query_audit excepted, the runner
 * writes it on purpose), sequence positions, the set of relations in public and the set of roles.
 */
export async function snapshotDatabase(pool: pg.Pool): Promise<Record<string, string>> {
  const snapshot: Record<string, string> = {}
  const tables = await pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' and tablename <> 'query_audit' order by 1`,
  )
  for (const { name } of tables.rows) {
    const { rows } = await pool.query(`select count(*)::text as n, coalesce(md5(string_agg(t::text, '|' order by t::text)), '') as sum from public.${name} t`)
    snapshot[`table ${name}`] = `${rows[0].n}:${rows[0].sum}`
  }
  const sequences = await pool.query<{ name: string }>(`select sequencename as name from pg_sequences where schemaname = 'public' and sequencename <> 'query_audit_id_seq' order by 1`)
  for (const { name } of sequences.rows) {
    const { rows } = await pool.query(`select last_value::text as v, is_called from public.${name}`)
    snapshot[`sequence ${name}`] = `${rows[0].v}:${rows[0].is_called}`
  }
  const relations = await pool.query(
    `select string_agg(c.relname || ':' || c.relkind::text, ',' order by c.relname) as list from pg_class c join pg_namespace n on n.oid = c.relnamespace where n.nspname = 'public'`,
  )
  snapshot.relations = relations.rows[0].list
  const roles = await pool.query(`select string_agg(rolname || ':' || rolsuper::text || rolcanlogin::text, ',' order by rolname) as list from pg_roles where rolname like 'salesmatrix%'`)
  snapshot.roles = roles.rows[0].list
  const grants = await pool.query(
    `select count(*)::text as n from information_schema.role_table_grants where grantee in ('salesmatrix_reader', 'salesmatrix_reader_pii', 'PUBLIC') and table_schema = 'public'`,
  )
  snapshot.grants = grants.rows[0].n
  return snapshot
}
