/** The forecast registry through the admin API: listed newest first with cursor paging, one run in full, roles enforced. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { forecastSeries, loadForecastModels } from '../../src/forecast/forecast-series.js'
import { saveForecastRun } from '../../src/forecast/forecast-run.repository.js'
import { addPeriods } from '../../src/forecast/forecast-grain.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

describeEachDatabase('the forecasts API', (kind) => {
  let t: TestApp
  const ids: number[] = []

  beforeAll(async () => {
    t = await createTestApp(kind)
    await loadForecastModels()
    const values = Array.from({ length: 24 }, (_, i) => 100 + i + 10 * Math.sin(i))
    for (const metric of ['revenue', 'orders', 'revenue'] as const) {
      const engine = forecastSeries(values, { grain: 'month', horizon: 2 })
      const history = values.map((value, i) => ({ period: addPeriods('2022-01-01', 'month', i), value, partial: false }))
      ids.push(
        await saveForecastRun(t.database.db, {
          principal: { userId: 'test:analyst', role: 'analyst' },
          today: '2024-01-01',
          result: {
            ...engine,
            request: { metric, grain: 'month', horizon: 2 },
            history,
            forecast: engine.forecast.map((p, i) => ({ period: addPeriods('2024-01-01', 'month', i), ...p })),
            sql: 'SELECT 1',
          },
        }),
      )
    }
  })
  afterAll(async () => t?.close())

  it('lists runs newest first for admins and analysts, filtered by metric, a page at a time', async () => {
    const first = await t.as(t.keys.analyst, { method: 'GET', url: '/api/forecasts?limit=2' })
    expect(first.statusCode, first.body).toBe(200)
    const page = first.json<{ data: { id: number; series: { metric: string } }[]; next_cursor: string | null }>()
    expect(page.data.map((r) => r.id)).toEqual([ids[2], ids[1]])
    const second = await t.as(t.keys.admin, { method: 'GET', url: `/api/forecasts?limit=2&cursor=${page.next_cursor}` })
    expect(second.json<{ data: { id: number }[]; next_cursor: string | null }>()).toMatchObject({ data: [{ id: ids[0] }], next_cursor: null })
    const revenue = await t.as(t.keys.admin, { method: 'GET', url: '/api/forecasts?metric=revenue' })
    expect(revenue.json<{ data: { series: { metric: string } }[] }>().data.map((r) => r.series.metric)).toEqual(['revenue', 'revenue'])
  })

  it('shows one run with its model, candidates, intervals, SQL and what happened in the periods closed since', async () => {
    const response = await t.as(t.keys.admin, { method: 'GET', url: `/api/forecasts/${ids[0]}` })
    expect(response.statusCode, response.body).toBe(200)
    const run = response.json<Record<string, unknown> & { actuals: { period: string; actual: number }[]; forecast: unknown[] }>()
    expect(run).toMatchObject({ id: ids[0], series: { metric: 'revenue', grain: 'month', horizon: 2 }, history_length: 24, sql: 'SELECT 1' })
    expect(run.forecast).toHaveLength(2)
    // The fixture has no sales in 2024: both forecast months have closed with nothing sold.
    expect(run.actuals).toEqual([expect.objectContaining({ period: '2024-01-01', actual: 0 }), expect.objectContaining({ period: '2024-02-01', actual: 0 })])
  })

  it('keeps the registry from reps, and answers 404 for a run that does not exist', async () => {
    expect((await t.as(t.keys.maria, { method: 'GET', url: '/api/forecasts' })).statusCode).toBe(403)
    expect((await t.as(t.keys.maria, { method: 'GET', url: `/api/forecasts/${ids[0]}` })).statusCode).toBe(403)
    expect((await t.as(t.keys.admin, { method: 'GET', url: '/api/forecasts/999999' })).statusCode).toBe(404)
  })

  it('is not readable by the analytic reader role that guarded queries run as', async () => {
    const { rows } = await t.database.pool.query<{ allowed: boolean }>(`select has_table_privilege('salesmatrix_reader', 'forecast_runs', 'select') as allowed`)
    expect(rows[0]!.allowed).toBe(false)
  })
})
