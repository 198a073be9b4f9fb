/**
 * Forecast benchmark. On the embedded PGlite with 100,000 demo orders: the time of a whole forecast (guarded history
 * query, backtest of every candidate, final fit, target, registry write) at month, week and day grain, p50/p95; the
 * backtest accuracy (MASE, sMAPE) of each candidate against seasonal naive, and of the automatic choice, on the demo
 * data overall, per region and per category (monthly). Then the honest score of the automatic choice, by nested
 * rolling-origin backtest (the engine chooses on the data before each outer origin only and is scored on the periods
 * after it; see src/forecast/nested-backtest.ts), on the demo's monthly series and on the public series of
 * evals/forecast/ (AirPassengers, USAccDeaths, … from R's datasets package), 3 periods and one season ahead. Last, the
 * time to choose and render the demo forecast's chart (a line with its 80%/95% bands), p50/p95.
 *
 *   npm run bench:forecast -- [--orders N] [--runs N] [--folds N] [--chart-runs N]
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { loadConfig } from '../src/config/config.js'
import { migrate } from '../src/db/migrate.js'
import { openDatabase } from '../src/db/open-database.js'
import { forecastChartInput } from '../agents/compose-forecast.js'
import { loadPublicSeries, publicSeries } from '../evals/forecast/load-public-series.js'
import { chooseChart } from '../src/charts/choose-chart.js'
import { renderChart } from '../src/charts/render-chart.js'
import { createForecaster, type ForecastRequest, type ForecastResult } from '../src/forecast/create-forecaster.js'
import { automaticChoiceName, nestedBacktest, type NestedBacktestResult } from '../src/forecast/nested-backtest.js'
import { createSqlRunner } from '../src/main.js'
import { seedDemoData } from '../src/seed/seed-demo-data.js'

const { values } = parseArgs({
  options: { orders: { type: 'string', default: '100000' }, runs: { type: 'string', default: '10' }, folds: { type: 'string', default: '24' }, 'chart-runs': { type: 'string', default: '50' } },
})
const orders = Number(values.orders)
const runs = Number(values.runs)
const outerFolds = Number(values.folds)
const chartRuns = Number(values['chart-runs'])
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
  console.log('(These scores choose the model on the same folds they are measured on; the nested scores below do not.)')

  // The monthly demo series again, for their history: the nested evaluation needs the values, not the engine's scores.
  const monthly: { label: string; values: number[] }[] = []
  for (const { label, request } of series.filter((s) => s.request.grain === 'month')) {
    const result = await run(request)
    monthly.push({ label: `demo ${label}`, values: result.history.filter((p) => !p.partial).map((p) => p.value) })
  }
  console.log(`\nNested rolling-origin backtest, demo data (monthly revenue, ${monthly[0]!.values.length} complete months, 3 months ahead):`)
  printNested(monthly.map(({ label, values }) => ({ label, result: nestedBacktest(values, { grain: 'month', horizon: 3, folds: outerFolds }) })))

  for (const ahead of ['3 periods', 'one season'] as const) {
    console.log(`\nNested rolling-origin backtest, public series (evals/forecast/), ${ahead} ahead, up to ${outerFolds} outer origins:`)
    const rows = publicSeries.map(({ name }) => {
      const s = loadPublicSeries(name)
      const horizon = ahead === '3 periods' ? 3 : s.seasonLength
      return { label: `${name} (n ${s.values.length}, m ${s.seasonLength}, h ${horizon})`, result: nestedBacktest(s.values, { grain: 'month', horizon, seasonLength: s.seasonLength, folds: outerFolds }) }
    })
    printNested(rows)
  }

  // Chart render time, as bench/charts.bench.ts measures it, for the chart a forecast answer carries.
  const chartResult = await run({ metric: 'revenue', grain: 'month', horizon: 3 })
  const chartInput = forecastChartInput({ ok: true, kind: 'forecast', tool: 'forecast', result: chartResult, aboutTarget: false }, 'pt', 'BRL')
  const renderOnce = async () => {
    const started = performance.now()
    const choice = chooseChart(chartInput)
    if (!choice) throw new Error('the demo forecast produced no chart')
    await renderChart(choice.spec)
    return performance.now() - started
  }
  await renderOnce() // loads fonts and compiles Vega's code paths
  const renderTimes: number[] = []
  for (let i = 0; i < chartRuns; i++) renderTimes.push(await renderOnce())
  renderTimes.sort((a, b) => a - b)
  console.log(`\nChart of the demo forecast (line + 80%/95% bands, ${chartResult.history.length} months + ${chartResult.forecast.length}), choose + render SVG and PNG at 2×, ${chartRuns} runs: p50 ${fixed(percentile(renderTimes, 0.5), 1)} ms, p95 ${fixed(percentile(renderTimes, 0.95), 1)} ms`)
} finally {
  await database.close()
}

/** Per series: MASE/sMAPE of every candidate and of the automatic choice on the same outer folds; then the means. */
function printNested(rows: readonly { label: string; result: NestedBacktestResult }[]): void {
  const names = [...new Set(rows.flatMap((r) => r.result.scores.map((s) => s.name)))]
  console.log(`  MASE / sMAPE %; ${automaticChoiceName} = the engine's choice at each origin (what it chose, how often)`)
  const sums = new Map<string, { mase: number; smape: number; n: number }>()
  let beat = 0
  for (const { label, result } of rows) {
    const cells = result.scores.map((s) => `${s.name} ${fixed(s.mase)}/${fixed(s.smape, 2)}`)
    const picks = Object.entries(result.chosen).map(([name, n]) => `${name} ${n}`).join(', ')
    console.log(`  ${label.padEnd(34)} ${result.folds} folds  ${cells.join('  ')}  [${picks}]`)
    for (const s of result.scores) {
      const t = sums.get(s.name) ?? { mase: 0, smape: 0, n: 0 }
      sums.set(s.name, { mase: t.mase + s.mase, smape: t.smape + s.smape, n: t.n + 1 })
    }
    const score = (name: string) => result.scores.find((s) => s.name === name)!.mase
    if (score(automaticChoiceName) < score('seasonal_naive')) beat++
  }
  console.log(`  ${'mean'.padEnd(34)} ${names.map((name) => { const t = sums.get(name)!; return `${name} ${fixed(t.mase / t.n)}/${fixed(t.smape / t.n, 2)}${t.n < rows.length ? ` (${t.n} series)` : ''}` }).join('  ')}`)
  console.log(`  The automatic choice beat seasonal naive on MASE on ${beat} of ${rows.length} series.`)
}
