/** The forecaster on seeded demo data, on every database: guarded history, partial month, targets, rep scope, registry. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { isAppError } from '../../src/errors/app-error.js'
import { createForecaster, type ForecastRequest, type ForecastResult } from '../../src/forecast/create-forecaster.js'
import { createSqlRunner } from '../../src/main.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const admin = { userId: 'test:admin', role: 'admin' as const }
const today = '2025-12-11'

describeEachDatabase('the forecaster', (kind) => {
  let t: TestDatabase
  let forecaster: ReturnType<typeof createForecaster>
  let monthly: ForecastResult
  const forecast = (request: Omit<ForecastRequest, 'today' | 'principal'> & { principal?: ForecastRequest['principal'] }) =>
    forecaster.forecast({ principal: admin, today, ...request })
  const query = async <T>(text: string, params: unknown[] = []) => (await t.pool.query(text, params)).rows as T[]

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData(t, { orders: 12_000, seed: 11, endDate: '2025-12-10' })
    forecaster = createForecaster({ db: t.db, runner: createSqlRunner(loadConfig({ LOG_LEVEL: 'silent' }), { ...t, kind }) })
    monthly = await forecast({ metric: 'revenue', grain: 'month' })
  }, 120_000)
  afterAll(async () => t?.close())

  it('reads the monthly history through the guard and ends with the current month marked partial', async () => {
    const [direct] = await query<{ revenue: number }>(
      `select sum(i.line_total)::float8 as revenue from orders o join order_items i on i.order_id = o.id
       where o.status = 'completed' and o.order_date >= '2025-11-01' and o.order_date < '2025-12-01'`,
    )
    const november = monthly.history.find((p) => p.period === '2025-11-01')!
    expect(november).toMatchObject({ partial: false })
    expect(november.value).toBeCloseTo(direct!.revenue, 2)
    expect(monthly.history[monthly.history.length - 1]).toMatchObject({ period: '2025-12-01', partial: true })
    expect(monthly.sql).toMatch(/^WITH/)
    const [audited] = await query<{ n: number }>(`select count(*)::int as n from query_audit where purpose = 'forecast' and outcome = 'ok'`)
    expect(audited!.n).toBeGreaterThan(0)
  })

  it('does not let a month with 10 of 31 days in drag the forecast down: it adds the expected rest to the actual', () => {
    const december = monthly.history[monthly.history.length - 1]!
    const lastThree = monthly.history.slice(-4, -1).map((p) => p.value)
    const recent = lastThree.reduce((s, v) => s + v, 0) / 3
    expect(monthly.forecast[0]!.period).toBe('2025-12-01')
    expect(monthly.forecast[0]!.point).toBeGreaterThan(2 * december.value)
    expect(monthly.forecast[0]!.point).toBeGreaterThan(0.6 * recent)
    expect(monthly.forecast[0]!.lo80).toBeGreaterThanOrEqual(december.value)
    expect(monthly.notes.join(' ')).toMatch(/partial: 10 of 31 days/)
  })

  it('chooses a model no worse than seasonal naive and reports every candidate with its backtest error', () => {
    expect(monthly.model.mase).toBeLessThanOrEqual(monthly.baseline.mase)
    expect(monthly.candidates.map((c) => c.name)).toEqual(expect.arrayContaining(['seasonal_naive', 'trend_season_regression', 'ets', 'mstl_ets']))
    for (const p of monthly.forecast) expect(p.lo95 <= p.lo80 && p.lo80 <= p.point && p.point <= p.hi80 && p.hi80 <= p.hi95).toBe(true)
  })

  it("compares the quarter's expected revenue (to date + remainder) with the company's Q4 target", async () => {
    const [target] = await query<{ amount: number }>(
      `select sum(amount)::float8 as amount from sales_targets where month between '2025-10-01' and '2025-12-01' and rep_id is null and region_id is null`,
    )
    const end = monthly.periodEnd!
    expect(end.period).toEqual({ start: '2025-10-01', end: '2025-12-31', label: 'Q4 2025' })
    const sold = monthly.history.filter((p) => p.period >= '2025-10-01').reduce((s, p) => s + p.value, 0)
    expect(end.actualToDate).toBeCloseTo(sold, 2)
    expect(end.expected).toBeGreaterThan(end.actualToDate)
    expect(end.target).toBeCloseTo(target!.amount, 2)
    expect(end.attainment).toBeCloseTo(end.expected / end.target!, 10)
    expect(end.attainmentLo80!).toBeLessThanOrEqual(end.attainment!)
    expect(end.attainmentHi80!).toBeGreaterThanOrEqual(end.attainment!)
  })

  it("gives a rep only their own sales, and their own target", async () => {
    const [rep] = await query<{ id: number }>(`select rep_id as id from orders group by rep_id order by count(*) desc limit 1`)
    const result = await forecast({ metric: 'revenue', grain: 'month', principal: { userId: 'test:rep', role: 'rep', repId: rep!.id } })
    const direct = await query<{ month: string; revenue: number }>(
      `select to_char(date_trunc('month', o.order_date), 'YYYY-MM-DD') as month, sum(i.line_total)::float8 as revenue
       from orders o join order_items i on i.order_id = o.id
       where o.status = 'completed' and o.rep_id = $1 and o.order_date < $2 group by 1 order by 1`,
      [rep!.id, today],
    )
    const byMonth = new Map(direct.map((r) => [r.month, r.revenue]))
    for (const p of result.history.filter((h) => byMonth.has(h.period))) expect(p.value).toBeCloseTo(byMonth.get(p.period)!, 2)
    expect(result.history.reduce((s, p) => s + p.value, 0)).toBeLessThan(monthly.history.reduce((s, p) => s + p.value, 0) / 2)
    const [target] = await query<{ amount: number }>(`select sum(amount)::float8 as amount from sales_targets where month between '2025-10-01' and '2025-12-01' and rep_id = $1`, [rep!.id])
    if (result.periodEnd?.target !== undefined) expect(result.periodEnd.target).toBeCloseTo(target!.amount, 2)
  })

  it('forecasts one region by week and by day', async () => {
    const [region] = await query<{ id: number; name: string }>(`select id, name from regions order by id limit 1`)
    const weekly = await forecast({ metric: 'orders', grain: 'week', filter: { dimension: 'region', value: region!.id, label: region!.name } })
    expect(weekly.forecast).toHaveLength(8)
    expect(weekly.forecast[0]!.period).toBe('2025-12-08')
    const daily = await forecast({ metric: 'units', grain: 'day', horizon: 21 })
    expect(daily.forecast).toHaveLength(21)
    expect(daily.periodEnd?.period).toEqual({ start: '2025-12-01', end: '2025-12-31', label: '2025-12' })
  })

  it('stores every run in the registry with its definition, model, candidates and intervals', async () => {
    const [row] = await query<Record<string, unknown>>(`select * from forecast_runs where id = $1`, [monthly.runId])
    expect(row).toMatchObject({ metric: 'revenue', grain: 'month', horizon: monthly.request.horizon, user_id: 'test:admin', model: monthly.model.name })
    expect(row!.history_length).toBe(monthly.history.length)
    expect(row!.candidates).toEqual(monthly.candidates)
    expect(row!.forecast).toEqual(JSON.parse(JSON.stringify(monthly.forecast)))
  })

  it('refuses an unknown metric and an empty series with typed errors', async () => {
    const unknown = await forecast({ metric: 'profit' as never, grain: 'month' }).catch((e: unknown) => e)
    expect(isAppError(unknown) && unknown.code === 'unprocessable' && /metric/.test(unknown.message)).toBe(true)
    const none = await forecast({ metric: 'revenue', grain: 'month', filter: { dimension: 'product', value: 999_999, label: 'Nothing' } }).catch((e: unknown) => e)
    expect(isAppError(none) && none.code === 'unprocessable' && /No sales were found/.test(none.message)).toBe(true)
  })
})
