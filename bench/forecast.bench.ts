/**
 * Forecast benchmark on the embedded PGlite with 100,000 demo orders: the time of a whole forecast (guarded history
 * query, backtest of every candidate, final fit, target, registry write) at month, week and day grain, p50/p95; and
 * the backtest accuracy (MASE, sMAPE) of each candidate against seasonal naive, and of the automatic choice, on the
 * demo data overall, per region and per category (monthly).
 *
 *   npm run bench:forecast -- [--orders N] [--runs N]
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { migrate } from '../src/db/migrate.js'
import { openDatabase } from '../src/db/open-database.js'
import { createForecaster, type ForecastRequest, type ForecastResult } from '../src/forecast/create-forecaster.js'
import { createSqlRunner } from '../src/main.js'
import { seedDemoData } from '../src/seed/seed-demo-data.js'

const { values } = parseArgs({ options: { orders: { type: 'string', default: '100000' }, runs: { type: 'string', default: '10' } } })
const orders = Number(values.orders)
const runs = Number(values.runs)
const today = '2025-12-11'
const principal = { userId: 'bench', role: 'admin' as const }

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil(p * sorted.length) - 1)]!
const fixed = (v: number, d = 3) => v.toFixed(d)

const database = await openDatabase({ kind: 'embedded', dataDir: 'memory' })
try {
  await migrate(database.pool)
  const seeding = performance.now()
  await seedDemoData(database, { orders, seed: 42, endDate: '2025-12-10' })
  console.log(`Seeded ${orders} demo orders in ${((performance.now() - seeding) / 1000).toFixed(1)} s (PGlite, in memory); today = ${today}\n`)
  const forecaster = createForecaster({ db: database.db, runner: createSqlRunner(loadConfig({ LOG_LEVEL: 'silent' }), { ...database, kind: 'embedded' }) })
  const run = (request: Omit<ForecastRequest, 'principal' | 'today'>) => forecaster.forecast({ principal, today, purpose: 'bench', ...request })

  await run({ metric: 'revenue', grain: 'month' }) // loads the WASM models once
  console.log('Time per forecast (revenue, whole business; history query + backtest + fit + target + registry):')
  for (const grain of ['month', 'week', 'day'] as const) {
    const times: number[] = []
    let last: ForecastResult | undefined
    for (let i = 0; i < runs; i++) {
      const started = performance.now()
      last = await run({ metric: 'revenue', grain })
      times.push(performance.now() - started)
    }
    times.sort((a, b) => a - b)
    console.log(`  ${grain.padEnd(5)} ${runs} runs: p50 ${fixed(percentile(times, 0.5), 0)} ms, p95 ${fixed(percentile(times, 0.95), 0)} ms  (history ${last!.history.length}, horizon ${last!.request.horizon}, chose ${last!.model.name})`)
  }

  const regions = (await database.pool.query<{ id: number; name: string }>('select id, name from regions order by id')).rows
  const categories = (await database.pool.query<{ id: number; name: string }>('select id, name from categories order by id')).rows
  const series: { label: string; request: Omit<ForecastRequest, 'principal' | 'today'> }[] = [
    { label: 'overall', request: { metric: 'revenue', grain: 'month', horizon: 3 } },
    ...regions.map((r) => ({ label: `region ${r.name}`, request: { metric: 'revenue' as const, grain: 'month' as const, horizon: 3, filter: { dimension: 'region' as const, value: r.id, label: r.name } } })),
    ...categories.map((c) => ({ label: `category ${c.name}`, request: { metric: 'revenue' as const, grain: 'month' as const, horizon: 3, filter: { dimension: 'category' as const, value: c.id, label: c.name } } })),
    { label: 'overall, weekly', request: { metric: 'revenue', grain: 'week', horizon: 8 } },
    { label: 'overall, daily', request: { metric: 'revenue', grain: 'day', horizon: 30 } },
  ]
  console.log('\nBacktest accuracy (rolling origin) — MASE / sMAPE % per candidate; * = chosen:')
  const totals = new Map<string, { mase: number; n: number }>()
  let beat = 0
  for (const { label, request } of series) {
    const result = await run(request)
    const cells = result.candidates.map((c) => `${c.name} ${fixed(c.mase)}/${fixed(c.smape, 1)}${c.chosen ? '*' : ''}`)
    console.log(`  ${label.padEnd(28)} ${cells.join('  ')}`)
    for (const c of [...result.candidates, { ...result.model, name: 'automatic choice' }]) {
      const t = totals.get(c.name) ?? { mase: 0, n: 0 }
      totals.set(c.name, { mase: t.mase + c.mase, n: t.n + 1 })
    }
    if (result.model.mase < result.baseline.mase) beat++
  }
  console.log('\nMean MASE over the series above:')
  for (const [name, t] of totals) console.log(`  ${name.padEnd(24)} ${fixed(t.mase / t.n)}  (${t.n} series)`)
  console.log(`The automatic choice beat seasonal naive on ${beat} of ${series.length} series.`)
} finally {
  await database.close()
}
