/** Representative answers, one per chart shape, shared by the chart tests and `npm run bench:charts`. */
import type { ChartInput } from '../../src/charts/choose-chart.js'
import type { PlanColumn, QueryPlan } from '../../src/semantic/query-plan.js'

const may2026 = { start: '2026-05-01', end: '2026-05-31' }
const regions = ['Sudeste', 'Sul', 'Nordeste', 'Centro-Oeste', 'Norte']
const regionRevenue = [4_812_345.5, 2_104_220.1, 1_530_900, 880_410.25, 120_050]
const months = ['2026-01-01', '2026-02-01', '2026-03-01', '2026-04-01', '2026-05-01', '2026-06-01']
const monthRevenue = [1_210_000, 980_500, 1_502_300, 1_380_000, 1_645_900, 1_720_400]

const plan = (over: Partial<QueryPlan>): QueryPlan => ({ metrics: ['revenue'], dimensions: [], filters: [], timeRange: may2026, ...over })
const columns = (...list: [string, PlanColumn['role'], string?][]): PlanColumn[] =>
  list.map(([name, role, id]) => ({ name, role, id: (id ?? name) as PlanColumn['id'] }))

export function regionBreakdown(language: 'en' | 'pt' = 'pt'): ChartInput {
  return {
    language,
    currency: 'BRL',
    plan: plan({ dimensions: ['region'] }),
    columns: columns(['region', 'dimension'], ['revenue', 'metric']),
    // Not in value order, as a database might return them.
    rows: [2, 0, 4, 1, 3].map((i) => ({ region: regions[i], revenue: regionRevenue[i] })),
  }
}

export function monthSeries(language: 'en' | 'pt' = 'pt'): ChartInput {
  return {
    language,
    currency: 'BRL',
    plan: plan({ dimensions: ['month'], timeRange: { start: '2026-01-01', end: '2026-06-30' } }),
    columns: columns(['month', 'dimension'], ['revenue', 'metric']),
    rows: months.map((month, i) => ({ month, revenue: monthRevenue[i] })),
  }
}

export function regionByMonth(language: 'en' | 'pt' = 'pt'): ChartInput {
  return {
    language,
    currency: 'BRL',
    plan: plan({ dimensions: ['region', 'month'], timeRange: { start: '2026-01-01', end: '2026-06-30' } }),
    columns: columns(['region', 'dimension'], ['month', 'dimension'], ['revenue', 'metric']),
    rows: regions.flatMap((region, r) => months.map((month, m) => ({ region, month, revenue: Math.round((regionRevenue[r]! / 5) * (0.8 + 0.1 * m)) }))),
  }
}

export function regionComparison(language: 'en' | 'pt' = 'pt'): ChartInput {
  return {
    language,
    currency: 'BRL',
    plan: plan({ dimensions: ['region'], comparison: { kind: 'previous_period', range: { start: '2026-04-01', end: '2026-04-30' } } }),
    columns: columns(['region', 'dimension'], ['revenue', 'metric'], ['revenue_previous', 'previous', 'revenue'], ['revenue_change', 'change', 'revenue'], ['revenue_change_pct', 'change_pct', 'revenue']),
    rows: regions.map((region, i) => {
      const previous = regionRevenue[i]! * (0.85 + 0.07 * i)
      return { region, revenue: regionRevenue[i], revenue_previous: previous, revenue_change: regionRevenue[i]! - previous, revenue_change_pct: regionRevenue[i]! / previous - 1 }
    }),
  }
}

export function seriesWithForecast(language: 'en' | 'pt' = 'pt'): ChartInput {
  const forecastMonths = ['2026-07-01', '2026-08-01', '2026-09-01']
  return {
    ...monthSeries(language),
    forecast: forecastMonths.map((period, i) => {
      const point = 1_750_000 + 40_000 * i
      const spread = 120_000 * (i + 1)
      return { period, point, lo80: point - spread, hi80: point + spread, lo95: point - spread * 1.6, hi95: point + spread * 1.6 }
    }),
  }
}

export function categoryShare(language: 'en' | 'pt' = 'pt'): ChartInput {
  const categories = ['Eletrônicos', 'Casa', 'Moda', 'Esporte', 'Beleza', 'Livros', 'Brinquedos', 'Papelaria', 'Pet', 'Jardim']
  return {
    language,
    currency: 'BRL',
    plan: plan({ dimensions: ['category'] }),
    columns: columns(['category', 'dimension'], ['revenue', 'metric']),
    rows: categories.map((category, i) => ({ category, revenue: 2_000_000 / (i + 1) })),
    kind: 'stacked_bar',
  }
}

export function singleNumber(): ChartInput {
  return { language: 'pt', currency: 'BRL', plan: plan({}), columns: columns(['revenue', 'metric']), rows: [{ revenue: 9_448_000 }] }
}
