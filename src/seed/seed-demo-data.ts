/**
 * Loads the deterministic demo data set (see plan-demo-data.ts) with COPY, in dependency order, with
 * explicit ids; then moves every identity sequence past the loaded ids so API inserts continue cleanly,
 * and ANALYZEs so the first questions get good plans. Refuses to seed over existing sales unless told
 * to replace them.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { DatabaseHandle, DatabaseKind } from '../db/open-database.js'
import type { Database } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { AppError } from '../errors/app-error.js'
import { calendar } from './calendar.js'
import { planDemoData, type TableRows } from './plan-demo-data.js'

export interface SeedOptions {
  /** Number of orders (default 100,000). */
  orders?: number | undefined
  /** PRNG seed (default 42): same seed + same end date + same order count = identical data. */
  seed?: number | undefined
  /** 'YYYY-MM-DD', the last day with sales (default: today, read from `now`). */
  endDate?: string | undefined
  /** The clock "today" comes from when endDate is not given; injectable so tests control it. */
  now?: (() => Date) | undefined
  /** Truncate the sales tables first instead of refusing a database that already has data. API keys and the audit log are kept. */
  replace?: boolean | undefined
  /** Progress lines (one per phase and per year of orders). */
  log?: ((message: string) => void) | undefined
  /** Recorded in the audit log as the author of the import (default: the local operator "seed"). */
  actor?: Actor | undefined
}

export type SeedTable = TableRows['table']

/**
 * What the seed needs from an open database. `kind` is optional; given 'embedded' (PGlite, one shared
 * session) the load skips PGlite's per-row foreign-key triggers and checks every foreign key set-wise afterwards.
 */
export type SeedTarget = Pick<DatabaseHandle, 'db' | 'bulk' | 'pool'> & { readonly kind?: DatabaseKind }

export interface SeedSummary {
  seed: number
  startDate: string
  endDate: string
  replaced: boolean
  counts: Record<SeedTable, number>
  /** Wall-clock milliseconds per phase; `orders`/`orderItems` are the COPY time of those tables, `generate` the time spent building their rows. */
  durationsMs: {
    prepare: number
    reference: number
    generate: number
    orders: number
    orderItems: number
    salesTargets: number
    finalize: number
    total: number
  }
}

/** Every table the seed writes, children first (the order to empty them in). */
const salesTables: readonly SeedTable[] = ['order_items', 'orders', 'sales_targets', 'customers', 'products', 'categories', 'sales_reps', 'regions']

const defaults = { orders: 100_000, seed: 42 }

/**
 * True when the database holds no sales data at all: no orders, and no reps, customers, products or targets
 * either. That is exactly when seedDemoData accepts it without `replace`, so "seed when empty" can never
 * start a seed that will refuse (e.g. after someone deleted every order but kept their reps).
 */
export async function isDatabaseEmpty(db: Kysely<Database>): Promise<boolean> {
  const probes = salesTables.map((t) => `select 1 from ${t}`).join(' union all ')
  // exists() stops at the first row any table yields.
  const { rows } = await sql.raw<{ occupied: boolean }>(`select exists (${probes}) as occupied`).execute(db)
  return rows[0]?.occupied === false
}

export async function seedDemoData(handle: SeedTarget, options: SeedOptions = {}): Promise<SeedSummary> {
  const started = performance.now()
  const log = options.log ?? (() => undefined)
  const orders = options.orders ?? defaults.orders
  const seed = options.seed ?? defaults.seed
  const endDate = options.endDate ?? calendar.localDate((options.now ?? (() => new Date()))())
  const replace = options.replace === true
  // Validates the options (bad dates, negative counts) before anything touches the database.
  const plan = planDemoData({ orders, seed, endDate })

  let mark = performance.now()
  const lap = () => {
    const now = performance.now()
    const ms = Math.round(now - mark)
    mark = now
    return ms
  }

  const occupied = await occupiedTables(handle)
  if (occupied.length > 0 && !replace) {
    const orderCount = await handle.pool.query<{ n: number }>('select count(*)::int as n from orders')
    const what = orderCount.rows[0]!.n > 0 ? `already has ${orderCount.rows[0]!.n} orders` : `already has data in ${occupied.join(', ')}`
    throw new AppError('conflict', `Refusing to seed demo data: the database ${what}. Pass replace (CLI: --replace) to delete the sales data first; API keys and the audit log are kept.`, {
      occupiedTables: occupied,
    })
  }
  if (occupied.length > 0) {
    log(`replace: emptying ${occupied.join(', ')}`)
    await emptySalesTables(handle)
  }
  const prepare = lap()

  const counts = Object.fromEntries(salesTables.map((t) => [t, 0])) as Record<SeedTable, number>
  // PGlite runs every foreign-key check as a WASM sub-query per row: about half of the seed's time at 100k orders.
  // Its single session lets us switch those triggers off for exactly this load (session_replication_role is
  // per session; on a server pool it would leak into whichever connection ran it, so servers keep the triggers).
  const deferForeignKeys = handle.kind === 'embedded'
  try {
    if (deferForeignKeys) await handle.pool.query('set session_replication_role = replica')
    log(`seeding ${orders} orders from ${plan.startDate} to ${plan.endDate} (seed ${seed})`)
    for (const table of plan.reference) counts[table.table] = await handle.bulk.copyRows(table.table, table.columns, table.rows)
    const reference = lap()
    log(`loaded ${counts.regions} regions, ${counts.categories} categories, ${counts.sales_reps} reps, ${counts.customers} customers, ${counts.products} products`)

    let generate = 0
    let ordersMs = 0
    let itemsMs = 0
    const batches = plan.monthBatches()
    for (;;) {
      const t0 = performance.now()
      const next = batches.next()
      generate += performance.now() - t0
      if (next.done) break
      const batch = next.value
      const t1 = performance.now()
      counts.orders += await handle.bulk.copyRows('orders', batch.orders.columns, batch.orders.rows)
      const t2 = performance.now()
      counts.order_items += await handle.bulk.copyRows('order_items', batch.items.columns, batch.items.rows)
      ordersMs += t2 - t1
      itemsMs += performance.now() - t2
      if (batch.month.endsWith('-12') || batch.month === plan.endDate.slice(0, 7)) log(`loaded orders through ${batch.month}: ${counts.orders} orders, ${counts.order_items} items`)
    }
    lap()

    const targets = plan.salesTargets()
    counts.sales_targets = await handle.bulk.copyRows(targets.table, targets.columns, targets.rows)
    const salesTargets = lap()

    if (deferForeignKeys) {
      await handle.pool.query('reset session_replication_role')
      await verifyForeignKeys(handle)
    }

    await resetSequences(handle)
    // Without fresh statistics the planner guesses from empty tables and the first questions crawl. The whole
    // database, so the summaries the triggers filled (PGlite has no autovacuum to do it later) are included.
    await handle.pool.query('analyze')
    await recordAudit(handle.db, options.actor ?? { keyId: null, name: 'seed' }, {
      action: 'import',
      entity: 'demo_data',
      after: { seed, orders, startDate: plan.startDate, endDate: plan.endDate, replaced: occupied.length > 0, counts },
    })
    const finalize = lap()
    const total = Math.round(performance.now() - started)
    log(`demo data ready in ${(total / 1000).toFixed(1)} s`)
    return {
      seed,
      startDate: plan.startDate,
      endDate: plan.endDate,
      replaced: occupied.length > 0,
      counts,
      durationsMs: { prepare, reference, generate: Math.round(generate), orders: Math.round(ordersMs), orderItems: Math.round(itemsMs), salesTargets, finalize, total },
    }
  } catch (error) {
    if (deferForeignKeys) await handle.pool.query('reset session_replication_role')
    // The tables were empty (or emptied) when we started, so clearing them again leaves no half-seeded database behind.
    try {
      await emptySalesTables(handle)
    } catch (cleanupError) {
      throw new AggregateError([error, cleanupError], `Seeding failed and the partial demo data could not be removed: ${(error as Error).message}`)
    }
    throw error
  }
}

async function occupiedTables(handle: Pick<DatabaseHandle, 'pool'>): Promise<SeedTable[]> {
  const probes = salesTables.map((t) => `select '${t}' as name where exists (select 1 from ${t})`).join(' union all ')
  const { rows } = await handle.pool.query<{ name: SeedTable }>(probes)
  const found = new Set(rows.map((r) => r.name))
  return salesTables.filter((t) => found.has(t))
}

/**
 * Empties the sales tables in one transaction. TRUNCATE … CASCADE on sales_reps would follow
 * api_keys.rep_id and wipe the API keys (and through them the audit log), so reps and regions are
 * DELETEd instead: if a rep-scoped API key still points at a rep, that fails loudly and nothing is lost.
 */
async function emptySalesTables(handle: Pick<DatabaseHandle, 'pool'>): Promise<void> {
  const client = await handle.pool.connect()
  try {
    await client.query('begin')
    try {
      await client.query('truncate order_items, orders, sales_targets, customers, products, categories restart identity cascade')
      await client.query('delete from sales_reps')
      await client.query('delete from regions')
      await client.query('commit')
    } catch (error) {
      await client.query('rollback')
      const message = (error as { code?: string }).code === '23503'
        ? 'Cannot replace the sales data: API keys scoped to a sales rep still reference the reps. Revoke and delete those keys first.'
        : `Could not empty the sales tables: ${(error as Error).message}`
      throw new AppError('conflict', message, {}, { cause: error })
    }
  } finally {
    client.release()
  }
}

/** COPY with explicit ids leaves identity sequences at 1; move each past the highest id so the next API insert gets a fresh one. */
async function resetSequences(handle: Pick<DatabaseHandle, 'pool'>): Promise<void> {
  const statements = salesTables.map(
    (t) => `select setval(pg_get_serial_sequence('${t}', 'id'), coalesce((select max(id) from ${t}), 0) + 1, false)`,
  )
  await handle.pool.query(statements.join(';\n'))
}

/**
 * Checks every foreign key of the seeded tables with one anti-join each, read from the catalog so it follows
 * the schema. Used after a load that skipped the per-row triggers; any dangling reference fails the seed.
 */
async function verifyForeignKeys(handle: Pick<DatabaseHandle, 'pool'>): Promise<void> {
  const { rows } = await handle.pool.query<{ name: string; child: string; parent: string; child_columns: string[]; parent_columns: string[] }>(
    `select c.conname as name, c.conrelid::regclass::text as child, c.confrelid::regclass::text as parent,
            array(select a.attname::text from unnest(c.conkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.conrelid and a.attnum = k.n order by k.i) as child_columns,
            array(select a.attname::text from unnest(c.confkey) with ordinality k(n, i) join pg_attribute a on a.attrelid = c.confrelid and a.attnum = k.n order by k.i) as parent_columns
       from pg_constraint c
      where c.contype = 'f' and c.conrelid = any($1::regclass[])
      order by 1`,
    [salesTables],
  )
  for (const fk of rows) {
    const notNull = fk.child_columns.map((col) => `c.${col} is not null`).join(' and ')
    const matches = fk.child_columns.map((col, i) => `p.${fk.parent_columns[i]} = c.${col}`).join(' and ')
    const check = await handle.pool.query<{ n: number }>(
      `select count(*)::int as n from ${fk.child} c where ${notNull} and not exists (select 1 from ${fk.parent} p where ${matches})`,
    )
    const dangling = check.rows[0]!.n
    if (dangling > 0) throw new Error(`demo data violates foreign key ${fk.name}: ${dangling} row(s) of ${fk.child} reference a missing ${fk.parent}`)
  }
}
