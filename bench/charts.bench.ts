/**
 * Chart benchmark: choose + render (Vega-Lite → Vega → SVG → PNG at 2×) for each chart kind, on the shapes the tests
 * use. Prints p50/p95/max per kind after a warm-up (the first render loads fonts and compiles Vega's code paths).
 *
 *   npm run bench:charts -- [--runs N]
 */
import { performance } from 'node:perf_hooks'
import { parseArgs } from 'node:util'
import { chooseChart, type ChartInput } from '../src/charts/choose-chart.js'
import { renderChart } from '../src/charts/render-chart.js'
import { categoryShare, monthSeries, regionBreakdown, regionByMonth, regionComparison, seriesWithForecast } from '../test/charts/chart-examples.js'

const { values } = parseArgs({ options: { runs: { type: 'string', default: '50' } } })
const runs = Number(values.runs)

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN
const summary = (samples: number[]) => {
  const sorted = [...samples].sort((a, b) => a - b)
  return `p50 ${percentile(sorted, 50).toFixed(1)} ms  p95 ${percentile(sorted, 95).toFixed(1)} ms  max ${sorted.at(-1)!.toFixed(1)} ms`
}

const cases: [string, () => ChartInput][] = [
  ['bar (5 regions)', () => regionBreakdown('pt')],
  ['line (6 months)', () => monthSeries('pt')],
  ['line + forecast band', () => seriesWithForecast('pt')],
  ['heatmap (5 × 6)', () => regionByMonth('pt')],
  ['grouped bar (comparison)', () => regionComparison('pt')],
  ['100% stacked bar (10 parts)', () => categoryShare('pt')],
]

async function once(input: ChartInput): Promise<number> {
  const started = performance.now()
  const choice = chooseChart(input)
  if (!choice) throw new Error('the benchmark shape produced no chart')
  await renderChart(choice.spec)
  return performance.now() - started
}

const all: number[] = []
await once(regionBreakdown('pt'))
console.log(`choose + render (SVG and PNG at 2×), ${runs} runs each`)
for (const [name, make] of cases) {
  const samples: number[] = []
  for (let i = 0; i < runs; i++) samples.push(await once(make()))
  all.push(...samples)
  console.log(`${name.padEnd(28)} ${summary(samples)}`)
}
console.log(`${'all kinds'.padEnd(28)} ${summary(all)}`)
