/**
 * Load benchmark: seeds the demo data set (default 1,000,000 orders) into a fresh database on a real
 * PostgreSQL server, then prints the load rates and the database size. The database (smx_bench_<random>)
 * is created for the run and dropped afterwards unless --keep is given.
 *
 *   npm run bench:load -- [--orders N] [--seed S] [--end-date YYYY-MM-DD] [--url postgresql://…] [--keep]
 *
 * The server URL is --url, else TEST_DATABASE_URL or DATABASE_URL (through the config module), else a local default.
 */
import { runAdminStatement, withoutPassword } from '../src/db/server-admin.js'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { migrate } from '../src/db/migrate.js'
import { openDatabase } from '../src/db/open-database.js'
import { seedDemoData } from '../src/seed/seed-demo-data.js'

const fallbackUrl = 'postgresql://postgres@127.0.0.1:5432/postgres'
// A fixed end date keeps runs comparable: the same seed and date always load the same rows.
const defaultEndDate = '2025-06-30'

async function main(argv: string[]): Promise<number> {
  const config = loadConfig()
  const { values } = parseArgs({
    args: argv,
    options: {
      orders: { type: 'string', default: '1000000' },
      seed: { type: 'string', default: '42' },
      'end-date': { type: 'string', default: defaultEndDate },
      url: { type: 'string', default: config.testDatabaseUrl ?? config.databaseUrl ?? fallbackUrl },
      keep: { type: 'boolean', default: false },
    },
  })
  const orders = Number(values.orders)
  const seed = Number(values.seed)
  if (!Number.isInteger(orders) || orders < 1) throw new Error(`--orders must be a positive integer, got ${values.orders}`)
  if (!Number.isInteger(seed)) throw new Error(`--seed must be an integer, got ${values.seed}`)

  const serverUrl = values.url
  const databaseName = `smx_bench_${randomBytes(5).toString('hex')}`
  const benchUrl = new URL(serverUrl)
  benchUrl.pathname = `/${databaseName}`

  console.log(`bench:load ${orders.toLocaleString('en-US')} orders (seed ${seed}, end ${values['end-date']}) into ${databaseName} on ${withoutPassword(benchUrl)}`)
  await runAdminStatement(serverUrl, `create database ${databaseName}`)
  let keep = values.keep
  try {
    const handle = await openDatabase({ kind: 'server', url: benchUrl.toString(), poolSize: 4 })
    try {
      const server = await handle.pool.query<{ version: string }>("select current_setting('server_version') as version")
      const migrateStart = performance.now()
      await migrate(handle.pool)
      const migrateSeconds = (performance.now() - migrateStart) / 1000
      const summary = await seedDemoData(handle, {
        orders,
        seed,
        endDate: values['end-date'],
        log: (message) => console.log(`  ${new Date().toISOString().slice(11, 19)} ${message}`),
      })
      const size = await handle.pool.query<{ size: string; bytes: number }>(
        'select pg_size_pretty(pg_database_size(current_database())) as size, pg_database_size(current_database()) as bytes',
      )
      const d = summary.durationsMs
      const rate = (rows: number, ms: number) => `${Math.round(rows / (ms / 1000)).toLocaleString('en-US')} rows/s`
      const c = summary.counts
      console.log('')
      console.log(`PostgreSQL ${server.rows[0]!.version}, ${summary.startDate} .. ${summary.endDate}`)
      console.log(`orders        ${c.orders.toLocaleString('en-US').padStart(11)} rows  ${(d.orders / 1000).toFixed(1).padStart(6)} s COPY  ${rate(c.orders, d.orders)}`)
      console.log(`order_items   ${c.order_items.toLocaleString('en-US').padStart(11)} rows  ${(d.orderItems / 1000).toFixed(1).padStart(6)} s COPY  ${rate(c.order_items, d.orderItems)}`)
      console.log(`generating rows (JS)           ${(d.generate / 1000).toFixed(1).padStart(6)} s`)
      console.log(`reference tables + targets     ${((d.reference + d.salesTargets) / 1000).toFixed(1).padStart(6)} s  (${c.customers} customers, ${c.products} products, ${c.sales_reps} reps, ${c.sales_targets} targets)`)
      console.log(`sequences + ANALYZE + audit    ${(d.finalize / 1000).toFixed(1).padStart(6)} s`)
      console.log(`total seed                     ${(d.total / 1000).toFixed(1).padStart(6)} s  ${rate(c.orders + c.order_items, d.total)} overall (migrations took ${migrateSeconds.toFixed(1)} s more)`)
      console.log(`database size  ${size.rows[0]!.size} (${size.rows[0]!.bytes.toLocaleString('en-US')} bytes)`)
    } finally {
      await handle.close()
    }
  } catch (error) {
    // A failed run's database is of no use to anyone; drop it even if --keep was asked for.
    keep = false
    throw error
  } finally {
    if (keep) console.log(`kept the database: ${withoutPassword(benchUrl)}`)
    else await runAdminStatement(serverUrl, `drop database if exists ${databaseName} with (force)`)
  }
  return 0
}



process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? `bench:load failed: ${error.message}` : error)
  return 1
})
