/**
 * Ask benchmark: the latency of answering a fixed mix of representative plans (metrics × breakdowns × periods ×
 * filters × comparisons × top-N, analysts and reps) by compiling each plan, guarding the SQL and running it through the
 * guarded runner (guard, rep scoping, read-only transaction, plan-cost check, audit), on
 *   (a) the embedded PGlite with the default demo data (100,000 orders), and
 *   (b) a PostgreSQL server with 1,000,000 orders, in a throwaway database smx_bench_<random> dropped at the end
 *       unless --keep (or reused with --database NAME, which is never dropped or seeded).
 * For each it prints p50/p95/max over every timed run, once reading the summaries (what the product does) and once
 * the base tables only (the compiler's useSummaries: false, without the plan-cost ceiling so every plan answers);
 * then the eval set's answerable questions through the whole offline path (plan, compile, guard, run, compose,
 * audit); and the guard's own time per query (guardSql alone).
 *
 *   npm run bench -- [--runs N] [--url postgresql://…] [--orders N] [--embedded-orders N] [--database NAME]
 *                    [--keep] [--skip-embedded] [--skip-server] [--skip-base] [--skip-analyze] [--verbose]
 *
 * The server URL is --url, else TEST_DATABASE_URL or DATABASE_URL (through the config module), else a local default.
 * After seeding, VACUUM (server) / ANALYZE (PGlite) bring statistics and visibility maps to the state a running
 * database reaches on its own, so the figures are the steady state, not the minute after a bulk load. PGlite has no
 * autovacuum, so --skip-analyze shows what a freshly seeded embedded database answers with.
 */
import { runAdminStatement, withoutPassword } from '../src/db/server-admin.js'
import { randomBytes } from 'node:crypto'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { migrate } from '../src/db/migrate.js'
import { openDatabase, type DatabaseHandle } from '../src/db/open-database.js'
import { seedDemoData } from '../src/seed/seed-demo-data.js'
import { loadEvalCases } from '../src/evals/load-eval-cases.js'
import { createAnalyst } from '../src/main.js'
import { compilePlan } from '../src/semantic/compile-plan.js'
import type { QueryPlan } from '../src/semantic/query-plan.js'
import {
  createGuardedSqlRunner,
  defaultGuardedSqlLimits,
  guardPolicyForPrincipal,
  guardSql,
  loadSqlParser,
  type SqlPrincipal,
} from '../src/sql-guard/index.js'

const fallbackUrl = 'postgresql://postgres@127.0.0.1:5432/postgres'
// A fixed end date keeps runs comparable: the same seed and date always load the same rows, and "this month" is June 2026.
const endDate = '2026-06-30'

interface BenchPlan {
  readonly name: string
  readonly plan: QueryPlan
  readonly principal: SqlPrincipal
}

const analyst: SqlPrincipal = { userId: 'bench-analyst', role: 'director' }
const rep: SqlPrincipal = { userId: 'bench-rep', role: 'rep', repId: 3 }

const range = (start: string, end: string) => ({ start, end })
const thisMonth = range('2026-06-01', '2026-06-30')
const lastMonth = range('2026-05-01', '2026-05-31')
const thisQuarter = range('2026-04-01', '2026-06-30')
const lastQuarter = range('2026-01-01', '2026-03-31')
const ytd = range('2026-01-01', '2026-06-30')
const ytdLastYear = range('2025-01-01', '2025-06-30')
const last12 = range('2025-07-01', '2026-06-30')
const last12LastYear = range('2024-07-01', '2025-06-30')
const allTime = range('2023-07-01', '2026-06-30')
const previous = (r: { start: string; end: string }) => ({ kind: 'previous_period' as const, range: r })
const lastYear = (r: { start: string; end: string }) => ({ kind: 'same_period_last_year' as const, range: r })
const top = (metric: QueryPlan['metrics'][number], limit: number, direction: 'asc' | 'desc' = 'desc') => ({ sort: { by: { metric }, direction }, limit })

function ask(name: string, plan: Partial<QueryPlan> & Pick<QueryPlan, 'metrics' | 'timeRange'>, principal: SqlPrincipal = analyst): BenchPlan {
  return { name, plan: { dimensions: [], filters: [], ...plan }, principal }
}

/** The question mix: what directors and reps ask most, from one number to two breakdowns with a comparison. */
const benchPlans: readonly BenchPlan[] = [
  ask('revenue this month', { metrics: ['revenue'], timeRange: thisMonth }),
  ask('revenue last month vs the month before', { metrics: ['revenue', 'orders'], timeRange: lastMonth, comparison: previous(range('2026-04-01', '2026-04-30')) }),
  ask('revenue year to date vs last year', { metrics: ['revenue'], timeRange: ytd, comparison: lastYear(ytdLastYear) }),
  ask('revenue by month, last 12 months', { metrics: ['revenue'], dimensions: ['month'], timeRange: last12 }),
  ask('revenue by month vs last year', { metrics: ['revenue'], dimensions: ['month'], timeRange: last12, comparison: lastYear(last12LastYear) }),
  ask('revenue by region this quarter', { metrics: ['revenue'], dimensions: ['region'], timeRange: thisQuarter }),
  ask('revenue, orders, ticket by region YTD vs last year', { metrics: ['revenue', 'orders', 'average_ticket'], dimensions: ['region'], timeRange: ytd, comparison: lastYear(ytdLastYear) }),
  ask('orders by status last month', { metrics: ['orders'], dimensions: ['status'], timeRange: lastMonth }),
  ask('average ticket by channel YTD', { metrics: ['average_ticket'], dimensions: ['channel'], timeRange: ytd }),
  ask('top 10 products by revenue last quarter', { metrics: ['revenue'], dimensions: ['product'], timeRange: lastQuarter, ...top('revenue', 10) }),
  ask('top 5 reps YTD vs previous period', { metrics: ['revenue'], dimensions: ['rep'], timeRange: ytd, comparison: previous(range('2025-07-01', '2025-12-31')), ...top('revenue', 5) }),
  ask('bottom 5 reps by attainment last month', { metrics: ['target_attainment'], dimensions: ['rep'], timeRange: lastMonth, ...top('target_attainment', 5, 'asc') }),
  ask('margin by category YTD', { metrics: ['margin_pct', 'gross_profit'], dimensions: ['category'], timeRange: ytd }),
  ask('gross profit by brand, last 6 months', { metrics: ['gross_profit'], dimensions: ['brand'], timeRange: range('2026-01-01', '2026-06-30') }),
  ask('active customers by month YTD', { metrics: ['active_customers'], dimensions: ['month'], timeRange: ytd }),
  ask('new customers by month, last 12 months', { metrics: ['new_customers'], dimensions: ['month'], timeRange: last12 }),
  ask('churned customers this quarter', { metrics: ['churned_customers'], timeRange: thisQuarter }),
  ask('churned customers by region', { metrics: ['churned_customers'], dimensions: ['region'], timeRange: thisQuarter }),
  ask('churned customers by month YTD', { metrics: ['churned_customers'], dimensions: ['month'], timeRange: ytd }),
  ask('company target attainment this quarter', { metrics: ['target_attainment', 'target', 'revenue'], timeRange: thisQuarter }),
  ask('target vs revenue by region YTD', { metrics: ['revenue', 'target', 'target_attainment'], dimensions: ['region'], timeRange: ytd }),
  ask('attainment by rep and month this quarter', { metrics: ['target_attainment'], dimensions: ['rep', 'month'], timeRange: thisQuarter }),
  ask('revenue by segment in one region', { metrics: ['revenue'], dimensions: ['segment'], filters: [{ dimension: 'region', values: [1] }], timeRange: ytd }),
  ask('revenue by week, last 8 weeks', { metrics: ['revenue'], dimensions: ['week'], timeRange: range('2026-05-04', '2026-06-28') }),
  ask('revenue by day, last 30 days', { metrics: ['revenue', 'orders'], dimensions: ['day'], timeRange: range('2026-06-01', '2026-06-30') }),
  ask('revenue by quarter, all time', { metrics: ['revenue'], dimensions: ['quarter'], timeRange: allTime }),
  ask('revenue and orders by year', { metrics: ['revenue', 'orders'], dimensions: ['year'], timeRange: allTime }),
  ask('units by product in one category this year', { metrics: ['units'], dimensions: ['product'], filters: [{ dimension: 'category', values: [1] }], timeRange: ytd }),
  ask('top 10 customers by revenue YTD', { metrics: ['revenue'], dimensions: ['customer'], timeRange: ytd, ...top('revenue', 10) }),
  ask('revenue by state last year', { metrics: ['revenue'], dimensions: ['state'], timeRange: range('2025-01-01', '2025-12-31') }),
  ask('top 10 cities by revenue YTD', { metrics: ['revenue'], dimensions: ['city'], timeRange: ytd, ...top('revenue', 10) }),
  ask('revenue by payment method YTD vs last year', { metrics: ['revenue'], dimensions: ['payment_method'], timeRange: ytd, comparison: lastYear(ytdLastYear) }),
  ask('revenue except online, last quarter', { metrics: ['revenue', 'orders'], filters: [{ dimension: 'channel', values: ['online'], exclude: true }], timeRange: lastQuarter }),
  ask('revenue by rep and month this quarter', { metrics: ['revenue'], dimensions: ['rep', 'month'], timeRange: thisQuarter }),
  ask('revenue by region and category YTD', { metrics: ['revenue'], dimensions: ['region', 'category'], timeRange: ytd }),
  ask('orders and ticket by category last quarter', { metrics: ['orders', 'average_ticket'], dimensions: ['category'], timeRange: lastQuarter }),
  ask('new customers by rep YTD', { metrics: ['new_customers'], dimensions: ['rep'], timeRange: ytd }),
  ask('active customers by segment last quarter', { metrics: ['active_customers'], dimensions: ['segment'], timeRange: lastQuarter }),
  ask('one customer, last 12 months', { metrics: ['revenue', 'orders', 'average_ticket'], filters: [{ dimension: 'customer', values: [100] }], timeRange: last12 }),
  ask('profit and margin by channel last month', { metrics: ['gross_profit', 'margin_pct'], dimensions: ['channel'], timeRange: lastMonth }),
  ask('one product by month, last 12 months', { metrics: ['revenue', 'units'], dimensions: ['month'], filters: [{ dimension: 'product', values: [7] }], timeRange: last12 }),
  ask('units by brand last month', { metrics: ['units'], dimensions: ['brand'], timeRange: lastMonth }),
  ask('rep: my revenue this month vs last', { metrics: ['revenue'], timeRange: thisMonth, comparison: previous(lastMonth) }, rep),
  ask('rep: my revenue by month', { metrics: ['revenue'], dimensions: ['month'], timeRange: last12 }, rep),
  ask('rep: my top 5 customers YTD', { metrics: ['revenue'], dimensions: ['customer'], timeRange: ytd, ...top('revenue', 5) }, rep),
  ask('rep: my top products last quarter', { metrics: ['revenue'], dimensions: ['product'], timeRange: lastQuarter, ...top('revenue', 10) }, rep),
  ask('rep: my attainment this quarter', { metrics: ['target_attainment', 'target'], filters: [{ dimension: 'rep', values: [3] }], timeRange: thisQuarter }, rep),
  ask('rep: my new customers by month', { metrics: ['new_customers'], dimensions: ['month'], timeRange: ytd }, rep),
]

interface Timing {
  readonly name: string
  readonly ms: number
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!
const fmt = (ms: number) => `${ms.toFixed(ms < 10 ? 2 : 0)} ms`.padStart(9)

function summarize(label: string, timings: Timing[], failures: string[]): void {
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b)
  console.log(`  ${label.padEnd(22)} p50 ${fmt(percentile(sorted, 50))}   p95 ${fmt(percentile(sorted, 95))}   max ${fmt(sorted.at(-1)!)}   (${sorted.length} runs, ${failures.length} failed)`)
  for (const failure of failures.slice(0, 5)) console.log(`    failed: ${failure}`)
}

function slowest(timings: Timing[], count: number, separator = '; '): string {
  const byPlan = new Map<string, number[]>()
  for (const t of timings) byPlan.set(t.name, [...(byPlan.get(t.name) ?? []), t.ms])
  const medians = [...byPlan].map(([name, ms]) => ({ name, ms: percentile(ms.sort((a, b) => a - b), 50) }))
  return medians
    .sort((a, b) => b.ms - a.ms)
    .slice(0, count)
    .map((m) => `${m.name} ${Math.round(m.ms)} ms`)
    .join(separator)
}

async function measure(handle: DatabaseHandle, runs: number, skipBase: boolean, verbose: boolean): Promise<void> {
  const runner = createGuardedSqlRunner({ pool: handle.pool, policy: guardPolicyForPrincipal, limits: defaultGuardedSqlLimits })
  const baseRunner = createGuardedSqlRunner({ pool: handle.pool, policy: guardPolicyForPrincipal, limits: { ...defaultGuardedSqlLimits, maxPlanCost: undefined } })
  const passes: Array<{ label: string; useSummaries: boolean; runner: typeof runner }> = [{ label: 'summaries (product)', useSummaries: true, runner }]
  if (!skipBase) passes.push({ label: 'base tables only', useSummaries: false, runner: baseRunner })

  for (const pass of passes) {
    const timings: Timing[] = []
    const failures: string[] = []
    // One untimed pass warms caches and the server's plan machinery, as a running service would be.
    for (let run = 0; run <= runs; run++) {
      for (const { name, plan, principal } of benchPlans) {
        const started = performance.now()
        const compiled = compilePlan(plan, { useSummaries: pass.useSummaries, maxRows: 1000 })
        const result = await pass.runner.run({ sql: compiled.sql, principal, purpose: 'bench' })
        const ms = performance.now() - started
        if (!result.ok) {
          if (run === 0) failures.push(`${name}: ${result.code} ${result.reason}`)
          continue
        }
        if (run > 0) timings.push({ name, ms })
      }
    }
    summarize(pass.label, timings, failures)
    console.log(verbose ? `    every plan (median):\n      ${slowest(timings, benchPlans.length, '\n      ')}` : `    slowest (median): ${slowest(timings, 5)}`)
  }

  await measureEvalQuestions(handle, runs)

  const policy = guardPolicyForPrincipal(analyst)
  const guardTimings: Timing[] = []
  for (const { name, plan } of benchPlans) {
    const { sql } = compilePlan(plan, { maxRows: 1000 })
    for (let i = 0; i < 20; i++) {
      const started = performance.now()
      const verdict = guardSql(sql, policy)
      const ms = performance.now() - started
      if (!verdict.ok) throw new Error(`the guard refused the bench plan "${name}": ${verdict.reason}`)
      if (i > 0) guardTimings.push({ name, ms })
    }
  }
  summarize('guardSql alone', guardTimings, [])
  const compileTimings: Timing[] = []
  for (const { name, plan } of benchPlans) {
    for (let i = 0; i < 20; i++) {
      const started = performance.now()
      compilePlan(plan, { maxRows: 1000 })
      if (i > 0) compileTimings.push({ name, ms: performance.now() - started })
    }
  }
  summarize('compilePlan alone', compileTimings, [])
}

/**
 * The eval set through the whole offline path a user gets: plan (planner + entity resolver), compile, guard,
 * run, compose the answer and audit it. The suite's questions are asked on its own "today" (2026-06-30, the
 * bench data's last day), so periods land where the data is.
 */
async function measureEvalQuestions(handle: DatabaseHandle, runs: number): Promise<void> {
  const cases = (await loadEvalCases()).filter((c) => c.expect === 'answer')
  const { answerQuestion } = await createAnalyst(loadConfig({ LOG_LEVEL: 'silent' }), handle)
  const timings: Timing[] = []
  const failures: string[] = []
  for (let run = 0; run <= runs; run++) {
    for (const c of cases) {
      const started = performance.now()
      const result = await answerQuestion({ question: c.question, principal: analyst, surface: 'bench', today: c.today ?? endDate })
      const ms = performance.now() - started
      if (!result.ok) {
        if (run === 0) failures.push(`${c.id}: ${result.code}`)
        continue
      }
      if (run > 0) timings.push({ name: c.id, ms })
    }
  }
  summarize(`eval questions (${cases.length}, full path)`, timings, failures)
  console.log(`    slowest (median): ${slowest(timings, 5)}`)
}

async function benchEmbedded(orders: number, runs: number, options: { skipBase: boolean; verbose: boolean; analyze: boolean }): Promise<void> {
  const handle = await openDatabase({ kind: 'embedded', dataDir: 'memory' })
  try {
    await migrate(handle.pool)
    const started = performance.now()
    await seedDemoData(handle, { orders, seed: 42, endDate })
    const seeded = (performance.now() - started) / 1000
    // PGlite has no autovacuum: statistics of the summaries come from this ANALYZE (the seed analyzes the base tables).
    if (options.analyze) await handle.pool.query('analyze')
    const version = await handle.pool.query<{ version: string }>("select current_setting('server_version') as version")
    const analyzed = options.analyze ? ', then ANALYZE' : ', summaries not analyzed'
    console.log(`(a) PGlite (PostgreSQL ${version.rows[0]!.version}), ${orders.toLocaleString('en-US')} orders, seeded in ${seeded.toFixed(1)} s${analyzed}`)
    await measure(handle, runs, options.skipBase, options.verbose)
  } finally {
    await handle.close()
  }
}

async function benchServer(
  serverUrl: string,
  options: { orders: number; runs: number; keep: boolean; database?: string | undefined; skipBase: boolean; verbose: boolean },
): Promise<void> {
  const databaseName = options.database ?? `smx_bench_${randomBytes(5).toString('hex')}`
  if (!/^[a-z_][a-z0-9_]*$/.test(databaseName)) throw new Error(`--database must be a plain lower-case name, got ${databaseName}`)
  const url = new URL(serverUrl)
  url.pathname = `/${databaseName}`
  const fresh = options.database === undefined
  if (fresh) await runAdminStatement(serverUrl, `create database ${databaseName}`)
  let keep = options.keep || !fresh
  try {
    const handle = await openDatabase({ kind: 'server', url: url.toString(), poolSize: 2 })
    try {
      await migrate(handle.pool)
      let seeded = 'reused'
      if (fresh) {
        const started = performance.now()
        await seedDemoData(handle, { orders: options.orders, seed: 42, endDate })
        seeded = `seeded in ${((performance.now() - started) / 1000).toFixed(1)} s`
        await handle.pool.query('vacuum analyze')
      }
      const info = await handle.pool.query<{ version: string; orders: number; items: number }>(
        "select current_setting('server_version') as version, (select count(*) from orders) as orders, (select count(*) from order_items) as items",
      )
      const { version, orders, items } = info.rows[0]!
      console.log(`(b) PostgreSQL ${version}, ${orders.toLocaleString('en-US')} orders (${items.toLocaleString('en-US')} items) in ${databaseName}, ${seeded}`)
      await measure(handle, options.runs, options.skipBase, options.verbose)
    } finally {
      await handle.close()
    }
  } catch (error) {
    // A failed run's fresh database is of no use to anyone; drop it even if --keep was asked for.
    if (fresh) keep = false
    throw error
  } finally {
    if (keep) console.log(`  kept the database: ${withoutPassword(url)}`)
    else await runAdminStatement(serverUrl, `drop database if exists ${databaseName} with (force)`)
  }
}

async function main(argv: string[]): Promise<number> {
  const config = loadConfig()
  const { values } = parseArgs({
    args: argv,
    options: {
      runs: { type: 'string', default: '3' },
      url: { type: 'string', default: config.testDatabaseUrl ?? config.databaseUrl ?? fallbackUrl },
      orders: { type: 'string', default: '1000000' },
      'embedded-orders': { type: 'string', default: '100000' },
      database: { type: 'string' },
      keep: { type: 'boolean', default: false },
      'skip-embedded': { type: 'boolean', default: false },
      'skip-server': { type: 'boolean', default: false },
      'skip-base': { type: 'boolean', default: false },
      verbose: { type: 'boolean', default: false },
      'skip-analyze': { type: 'boolean', default: false },
    },
  })
  const runs = positiveInteger('--runs', values.runs)
  const orders = positiveInteger('--orders', values.orders)
  const embeddedOrders = positiveInteger('--embedded-orders', values['embedded-orders'])
  await loadSqlParser()
  console.log(`bench: ${benchPlans.length} plans × ${runs} timed runs (after one warm-up run), compile + guard + guarded run each`)
  if (!values['skip-embedded']) {
    await benchEmbedded(embeddedOrders, runs, { skipBase: values['skip-base'], verbose: values.verbose, analyze: !values['skip-analyze'] })
  }
  if (!values['skip-server']) {
    await benchServer(values.url, { orders, runs, keep: values.keep, database: values.database, skipBase: values['skip-base'], verbose: values.verbose })
  }
  return 0
}

function positiveInteger(name: string, text: string): number {
  const value = Number(text)
  if (!Number.isSafeInteger(value) || value < 1) throw new Error(`${name} must be a positive integer, got ${text}`)
  return value
}



process.exitCode = await main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? `bench failed: ${error.message}` : error)
  return 1
})
