/** The digest composer on seeded demo data, on every database: each figure against SQL written here, by hand. */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createValueFormatter } from '../../../src/answer/format-values.js'
import { computeDigestPeriod, createDigestComposer, type SummaryFallbackReason } from '../../../src/digests/content/create-digest-composer.js'
import { digestChartPlan } from '../../../src/digests/content/draw-digest-chart.js'
import { digestSections, type DigestComposer, type DigestContent, type DigestRequest, type DigestScope } from '../../../src/digests/digest-contract.js'
import { AppError, isAppError } from '../../../src/errors/app-error.js'
import { createForecaster, type Forecaster } from '../../../src/forecast/create-forecaster.js'
import { seedDemoData } from '../../../src/seed/seed-demo-data.js'
import { compilePlan } from '../../../src/semantic/compile-plan.js'
import type { DateRange } from '../../../src/semantic/query-plan.js'
import { createGuardedSqlRunner, defaultGuardedSqlLimits, guardPolicyForPrincipal, type GuardedSqlRunner } from '../../../src/sql-guard/index.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'

/** A Tuesday: the weekly digest covers Mon 9 – Sun 15 Nov 2026. */
const today = '2026-11-17'
const week = { start: '2026-11-09', end: '2026-11-15' }
const weekBefore = { start: '2026-11-02', end: '2026-11-08' }
const weekYearAgo = { start: '2025-11-10', end: '2025-11-16' }
/** The day given three huge orders in the Norte region, inside the week that the anomaly digest covers. */
const injectedDay = '2026-10-14'

interface Scoped {
  readonly regionId?: number
  readonly categoryId?: number
}

describeEachDatabase('the digest composer', (kind) => {
  let t: TestDatabase
  let runner: GuardedSqlRunner
  let forecaster: Forecaster
  let composer: DigestComposer
  let sul: { id: number; name: string }
  let norte: { id: number; name: string }
  let notebooks: { id: number; name: string }
  let weekEn: DigestContent
  let weekSulPt: DigestContent
  let weekNotebooks: DigestContent
  let anomalyWeek: DigestContent

  const query = async <T>(text: string, params: unknown[] = []) => (await t.pool.query(text, params)).rows as T[]
  const compose = (request: Partial<DigestRequest>, on: DigestComposer = composer) =>
    on.compose({ scope: {}, period: 'previous_week', language: 'en', sections: digestSections, today, ...request })
  const scopeOf = (scope: DigestScope): Scoped => ({ ...(scope.region ? { regionId: scope.region.id } : {}), ...(scope.category ? { categoryId: scope.category.id } : {}) })

  /** Revenue and orders of completed orders, written directly over the base tables. */
  async function sales(range: DateRange, scope: Scoped = {}): Promise<{ revenue: number; orders: number }> {
    const [row] = await query<{ revenue: string; orders: number }>(
      `select coalesce(sum(i.line_total), 0) as revenue, count(distinct o.id)::int as orders
         from orders o
         join order_items i on i.order_id = o.id
         join customers c on c.id = o.customer_id
         join products p on p.id = i.product_id
        where o.status = 'completed' and o.order_date between $1 and $2
          and ($3::int is null or c.region_id = $3) and ($4::int is null or p.category_id = $4)`,
      [range.start, range.end, scope.regionId ?? null, scope.categoryId ?? null],
    )
    return { revenue: Number(row!.revenue), orders: row!.orders }
  }

  /** Revenue per member of a dimension in a range. */
  async function revenueBy(column: 'c.region_id' | 'p.category_id' | 'i.product_id', nameSql: string, range: DateRange, scope: Scoped = {}): Promise<Map<string, number>> {
    const rows = await query<{ name: string; revenue: string }>(
      `select ${nameSql} as name, sum(i.line_total) as revenue
         from orders o
         join order_items i on i.order_id = o.id
         join customers c on c.id = o.customer_id
         join products p on p.id = i.product_id
         join regions r on r.id = c.region_id
         join categories g on g.id = p.category_id
        where o.status = 'completed' and o.order_date between $1 and $2
          and ($3::int is null or c.region_id = $3) and ($4::int is null or p.category_id = $4)
        group by ${column}, ${nameSql}`,
      [range.start, range.end, scope.regionId ?? null, scope.categoryId ?? null],
    )
    return new Map(rows.map((r) => [r.name, Number(r.revenue)]))
  }

  /** Customers whose first completed order (with the category, in a category scope) falls in the range. */
  async function newCustomers(range: DateRange, scope: Scoped = {}): Promise<number> {
    const [row] = await query<{ n: number }>(
      `select count(*)::int as n from (
         select o.customer_id, min(o.order_date) as first_date
           from orders o join customers c on c.id = o.customer_id
          where o.status = 'completed' and ($1::int is null or c.region_id = $1)
            and ($2::int is null or exists (select 1 from order_items i join products p on p.id = i.product_id where i.order_id = o.id and p.category_id = $2))
          group by o.customer_id) f
        where f.first_date between $3 and $4`,
      [scope.regionId ?? null, scope.categoryId ?? null, range.start, range.end],
    )
    return row!.n
  }

  /** Customers who bought in the 90 days before the range and not in the 90 days up to its end. */
  async function churnedCustomers(range: DateRange, scope: Scoped = {}): Promise<number> {
    const counted = `o.customer_id = c.id and o.status = 'completed'
      and ($2::int is null or exists (select 1 from order_items i join products p on p.id = i.product_id where i.order_id = o.id and p.category_id = $2))`
    const [row] = await query<{ n: number }>(
      `select count(*)::int as n from customers c
        where ($1::int is null or c.region_id = $1)
          and exists (select 1 from orders o where ${counted} and o.order_date >= $3::date - 90 and o.order_date < $3::date)
          and not exists (select 1 from orders o where ${counted} and o.order_date > $4::date - 90 and o.order_date <= $4::date)`,
      [scope.regionId ?? null, scope.categoryId ?? null, range.start, range.end],
    )
    return row!.n
  }

  async function companyTarget(months: string[], regionId?: number): Promise<number> {
    const [row] = await query<{ amount: string }>(
      `select sum(amount) as amount from sales_targets where rep_id is null and region_id is not distinct from $1 and month = any($2::date[])`,
      [regionId ?? null, months],
    )
    return Number(row!.amount)
  }

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    // 20,000 orders over three years: enough for weekly movers and a daily forecast, a fifth of the default's seed time.
    await seedDemoData({ ...t, kind }, { orders: 20_000, seed: 42, endDate: '2026-12-31' })
    const idOf = async (table: 'regions' | 'categories', name: string) => ({ id: (await query<{ id: number }>(`select id from ${table} where name = $1`, [name]))[0]!.id, name })
    sul = await idOf('regions', 'Sul')
    norte = await idOf('regions', 'Norte')
    notebooks = await idOf('categories', 'Notebooks')

    // Three R$ 2 million orders of a Norte customer on one Wednesday: far above any Wednesday of the 8 weeks before.
    const [customer] = await query<{ id: number }>(`select id from customers where region_id = $1 order by id limit 1`, [norte.id])
    const [rep] = await query<{ id: number }>(`select id from sales_reps order by id limit 1`)
    const [product] = await query<{ id: number }>(`select id from products order by id limit 1`)
    for (let n = 0; n < 3; n++) {
      const [order] = await query<{ id: number }>(`insert into orders (customer_id, rep_id, order_date, status) values ($1, $2, $3, 'completed') returning id`, [customer!.id, rep!.id, injectedDay])
      await query(`insert into order_items (order_id, product_id, quantity, unit_price, unit_cost) values ($1, $2, 1000, 2000, 1000)`, [order!.id, product!.id])
    }

    runner = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: defaultGuardedSqlLimits })
    forecaster = createForecaster({ db: t.db, runner })
    composer = createDigestComposer({ runner, forecaster, currency: 'BRL' })
    weekEn = await compose({})
    weekSulPt = await compose({ scope: { region: sul }, language: 'pt' })
    weekNotebooks = await compose({ scope: { category: notebooks } })
    anomalyWeek = await compose({ today: '2026-10-19', sections: ['kpis', 'anomalies'] })
  }, 240_000)
  afterAll(async () => t?.close())

  it('computes revenue, orders and average ticket of the week, the week before and 52 weeks earlier as plain SQL does', async () => {
    expect(weekEn.period).toEqual({ ...week, label: '9–15 Nov 2026' })
    expect(weekEn.previousPeriod).toEqual(weekBefore)
    expect(weekEn.lastYearPeriod).toEqual(weekYearAgo)
    const [now, before, yearAgo] = [await sales(week), await sales(weekBefore), await sales(weekYearAgo)]
    const kpi = (metric: string) => weekEn.kpis.find((k) => k.metric === metric)!
    expect(kpi('revenue').value).toBeCloseTo(now.revenue, 2)
    expect(kpi('revenue').previous).toBeCloseTo(before.revenue, 2)
    expect(kpi('revenue').lastYear).toBeCloseTo(yearAgo.revenue, 2)
    expect([kpi('orders').value, kpi('orders').previous, kpi('orders').lastYear]).toEqual([now.orders, before.orders, yearAgo.orders])
    expect(kpi('average_ticket').value).toBeCloseTo(now.revenue / now.orders, 6)
    expect(kpi('average_ticket').lastYear).toBeCloseTo(yearAgo.revenue / yearAgo.orders, 6)
  })

  it('gives each change as a fraction of its base and as a signed percent', async () => {
    const [now, before, yearAgo] = [await sales(week), await sales(weekBefore), await sales(weekYearAgo)]
    const revenue = weekEn.kpis.find((k) => k.metric === 'revenue')!
    expect(revenue.changeVsPrevious).toBeCloseTo(now.revenue / before.revenue - 1, 9)
    expect(revenue.changeVsLastYear).toBeCloseTo(now.revenue / yearAgo.revenue - 1, 9)
    const f = createValueFormatter('en', 'BRL')
    expect(revenue.display.changeVsPrevious).toBe(f.percent(revenue.changeVsPrevious!, { signed: true }))
    expect(revenue.display.value).toBe(f.money(revenue.value!))
    expect(weekEn.summary).toContain(`${revenue.display.changeVsPrevious} vs the week before`)
    expect(weekEn.summary).toContain(`${revenue.display.changeVsLastYear} vs a year ago`)
  })

  it('lists the largest rises and falls per dimension, sorted by absolute change, at most three a side', async () => {
    for (const dimension of ['region', 'category', 'rep', 'product'] as const) {
      const top = weekEn.movers.top.filter((m) => m.dimension === dimension)
      const bottom = weekEn.movers.bottom.filter((m) => m.dimension === dimension)
      expect(top.length + bottom.length).toBeGreaterThan(0)
      expect(top.length).toBeLessThanOrEqual(3)
      expect(bottom.length).toBeLessThanOrEqual(3)
      expect(top.every((m) => m.change > 0 && Math.abs(m.change - (m.value - m.previous)) < 0.005)).toBe(true)
      expect(bottom.every((m) => m.change < 0)).toBe(true)
      expect(top.map((m) => m.change)).toEqual([...top.map((m) => m.change)].sort((a, b) => b - a))
      expect(bottom.map((m) => m.change)).toEqual([...bottom.map((m) => m.change)].sort((a, b) => a - b))
    }
    const [now, before] = [await revenueBy('c.region_id', 'r.name', week), await revenueBy('c.region_id', 'r.name', weekBefore)]
    const changes = [...new Set([...now.keys(), ...before.keys()])].map((name) => ({ name, change: (now.get(name) ?? 0) - (before.get(name) ?? 0) }))
    const rises = changes.filter((c) => c.change > 0).sort((a, b) => b.change - a.change).slice(0, 3)
    const regionTop = weekEn.movers.top.filter((m) => m.dimension === 'region')
    expect(regionTop.map((m) => m.name)).toEqual(rises.map((r) => r.name))
    regionTop.forEach((m, i) => expect(m.change).toBeCloseTo(rises[i]!.change, 2))
  })

  it('compares the month to date with the November target and forecasts the month’s end with 80% and 95% intervals', async () => {
    const target = weekEn.target!
    expect(target.period).toEqual({ start: '2026-11-01', end: '2026-11-30', label: 'November 2026' })
    expect(target.target).toBeCloseTo(await companyTarget(['2026-11-01']), 2)
    expect(target.actual).toBeCloseTo((await sales({ start: '2026-11-01', end: week.end })).revenue, 2)
    expect(target.attainment).toBeCloseTo(target.actual / target.target, 9)
    const f = target.forecast!
    expect(f.lower95).toBeLessThanOrEqual(f.lower80)
    expect(f.lower80).toBeLessThanOrEqual(f.value)
    expect(f.value).toBeLessThanOrEqual(f.upper80)
    expect(f.upper80).toBeLessThanOrEqual(f.upper95)
    expect(f.lower80).toBeGreaterThanOrEqual(target.actual)
    expect(target.display).toMatch(/^November 2026 target R\$[\d,]+\.\d\d: R\$[\d,]+\.\d\d so far \(\d+\.\d%\), 15 of 30 days gone\. Forecast for its end: /)
  })

  it('measures a monthly digest against its quarter’s target, October being over and the quarter not', async () => {
    const month = await compose({ period: 'previous_month', sections: ['targets'] })
    expect(month.period).toEqual({ start: '2026-10-01', end: '2026-10-31', label: 'October 2026' })
    expect(month.target!.period).toEqual({ start: '2026-10-01', end: '2026-12-31', label: 'Q4 2026' })
    expect(month.target!.target).toBeCloseTo(await companyTarget(['2026-10-01', '2026-11-01', '2026-12-01']), 2)
    expect(month.target!.actual).toBeCloseTo((await sales({ start: '2026-10-01', end: '2026-10-31' })).revenue, 2)
    expect(month.target!.forecast).toBeDefined()
    expect(month.kpis).toEqual([])
  })

  it('gives a finished quarter its final attainment, with no forecast to make', async () => {
    const september = await compose({ period: 'previous_month', sections: ['targets'], today: '2026-10-05' })
    expect(september.target!.period).toMatchObject({ start: '2026-07-01', end: '2026-09-30', label: 'Q3 2026' })
    expect(september.target!.actual).toBeCloseTo((await sales({ start: '2026-07-01', end: '2026-09-30' })).revenue, 2)
    expect(september.target!.forecast).toBeUndefined()
    expect(september.target!.display).toMatch(/\), final: the quarter is over\.$/)
  })

  it('keeps the target but explains the missing forecast when the forecaster has too little history', async () => {
    const refusing: Forecaster = {
      forecast: async () => {
        throw new AppError('unprocessable', 'Only 3 complete days of history; a forecast needs at least 6.', { historyLength: 3 })
      },
    }
    const digest = await compose({ sections: ['targets'] }, createDigestComposer({ runner, forecaster: refusing, currency: 'BRL' }))
    expect(digest.target!.actual).toBeCloseTo(weekEn.target!.actual, 2)
    expect(digest.target!.forecast).toBeUndefined()
    expect(digest.target!.display).toContain('No forecast: only 3 complete period(s) of history, too few to forecast from.')
  })

  it('lets a forecaster’s bug through instead of hiding it as a missing forecast', async () => {
    const broken: Forecaster = { forecast: async () => { throw new TypeError('undefined is not a function') } }
    await expect(compose({ sections: ['targets'] }, createDigestComposer({ runner, forecaster: broken, currency: 'BRL' }))).rejects.toThrow(TypeError)
  })

  it('flags the day with the injected orders, saying when and how far above the usual Wednesday', async () => {
    expect(anomalyWeek.period).toMatchObject({ start: '2026-10-12', end: '2026-10-18' })
    const day = anomalyWeek.anomalies.find((a) => a.kind === 'day' && a.subject === injectedDay)!
    expect(day).toBeDefined()
    expect(day.score).toBeGreaterThanOrEqual(3)
    expect(day.value).toBeCloseTo((await sales({ start: injectedDay, end: injectedDay })).revenue, 2)
    expect(day.value).toBeGreaterThan(6_000_000)
    expect(day.display).toMatch(/^R\$[\d,]+ on Wed 14 Oct, [\d.]+× the usual spread above the typical R\$[\d,]+$/)
    const region = anomalyWeek.anomalies.find((a) => a.kind === 'segment' && a.subject === norte.name)
    expect(region?.score).toBeGreaterThanOrEqual(3)
    expect(anomalyWeek.summary).toMatch(/; \d+ anomal(y|ies)\.$/)
    expect(anomalyWeek.text).toContain(`• ${day.display}`)
  })

  it('counts new and churned customers as plain SQL does, and says how they are defined', async () => {
    expect(weekEn.customers!.new).toBe(await newCustomers(week))
    expect(weekEn.customers!.churned).toBe(await churnedCustomers(week))
    expect(weekEn.customers!.new + weekEn.customers!.churned).toBeGreaterThan(0)
    expect(weekEn.customers!.definition).toMatch(/90 days before the period started and none in the 90 days up to its end/)
  })

  it('limits every section of a region digest to the region', async () => {
    const scope = scopeOf(weekSulPt.scope)
    const revenue = weekSulPt.kpis.find((k) => k.metric === 'revenue')!
    expect(revenue.value).toBeCloseTo((await sales(week, scope)).revenue, 2)
    expect(revenue.value!).toBeLessThan(weekEn.kpis.find((k) => k.metric === 'revenue')!.value!)
    expect(weekSulPt.target!.target).toBeCloseTo(await companyTarget(['2026-11-01'], sul.id), 2)
    expect(weekSulPt.target!.actual).toBeCloseTo((await sales({ start: '2026-11-01', end: week.end }, scope)).revenue, 2)
    const movers = [...weekSulPt.movers.top, ...weekSulPt.movers.bottom]
    expect(movers.some((m) => m.dimension === 'region')).toBe(false)
    const [products, productsBefore] = [await revenueBy('i.product_id', 'p.name', week, scope), await revenueBy('i.product_id', 'p.name', weekBefore, scope)]
    for (const m of movers.filter((m) => m.dimension === 'product')) {
      expect(m.value).toBeCloseTo(products.get(m.name) ?? 0, 2)
      expect(m.previous).toBeCloseTo(productsBefore.get(m.name) ?? 0, 2)
    }
    const regionNames = (await query<{ name: string }>('select name from regions')).map((r) => r.name)
    expect(weekSulPt.anomalies.filter((a) => a.kind === 'segment' && regionNames.includes(a.subject))).toEqual([])
    expect(weekSulPt.customers!.new).toBe(await newCustomers(week, scope))
    expect(weekSulPt.customers!.churned).toBe(await churnedCustomers(week, scope))
    // Every statement, the forecaster's history included, reads Sul only.
    for (const statement of weekSulPt.sql) expect(statement).toMatch(new RegExp(`region_id = ${sul.id}\\b`))
    expect(weekSulPt.startingContext.plan.filters).toEqual([{ dimension: 'region', values: [sul.id], labels: ['Sul'] }])
  })

  it('limits a category digest to the category, and says why it has no target', async () => {
    const scope = scopeOf(weekNotebooks.scope)
    const now = await sales(week, scope)
    expect(weekNotebooks.kpis.find((k) => k.metric === 'revenue')!.value).toBeCloseTo(now.revenue, 2)
    expect(weekNotebooks.kpis.find((k) => k.metric === 'orders')!.value).toBe(now.orders)
    expect([...weekNotebooks.movers.top, ...weekNotebooks.movers.bottom].some((m) => m.dimension === 'category')).toBe(false)
    const [regions, regionsBefore] = [await revenueBy('c.region_id', 'r.name', week, scope), await revenueBy('c.region_id', 'r.name', weekBefore, scope)]
    for (const m of weekNotebooks.movers.top.filter((m) => m.dimension === 'region')) expect(m.change).toBeCloseTo((regions.get(m.name) ?? 0) - (regionsBefore.get(m.name) ?? 0), 2)
    expect(weekNotebooks.target).toBeUndefined()
    expect(weekNotebooks.text).toContain('Targets are set for the company, each region and each rep, not per category')
    expect(weekNotebooks.customers!.new).toBe(await newCustomers(week, scope))
    expect(weekNotebooks.customers!.churned).toBe(await churnedCustomers(week, scope))
    expect(weekNotebooks.title).toBe('Weekly digest — Notebooks — 9–15 Nov 2026')
  })

  it('writes Portuguese: R$ 1.234,56, percents with a comma, and Portuguese headings', () => {
    expect(weekSulPt.title).toBe('Resumo semanal — Sul — 9 a 15 nov. 2026')
    const revenue = weekSulPt.kpis.find((k) => k.metric === 'revenue')!
    expect(revenue.label).toBe('Faturamento')
    expect(revenue.display.value).toMatch(/^R\$ \d{1,3}(\.\d{3})*,\d{2}$/)
    expect(revenue.display.changeVsPrevious).toMatch(/^[+−]\d+,\d%$/)
    expect(weekSulPt.summary).toMatch(/^Faturamento de R\$ [\d,]+ (mil|mi) na semana passada, /)
    for (const heading of ['Indicadores', 'Meta', 'Maiores variações sobre o período anterior', 'Anomalias', 'Clientes']) expect(weekSulPt.text).toContain(`\n\n${heading}\n`)
    expect(weekSulPt.target!.display).toMatch(/^Meta de novembro de 2026: R\$ [\d.]+,\d\d; realizado R\$ [\d.]+,\d\d \(\d+,\d%\), 15 de 30 dias decorridos\./)
    expect(weekSulPt.startingContext.understood).toBe('Faturamento de Sul, 9 a 15 nov. 2026 (do resumo semanal)')
  })

  it('draws revenue by day against the previous week as a PNG', () => {
    const chart = weekEn.chart!
    const png = Buffer.from(chart.pngBase64, 'base64')
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    expect(chart.width).toBeGreaterThan(0)
    expect(chart.alt).toMatch(/Revenue by day/)
    expect(weekEn.text).toContain(chart.alt)
  })

  it('omits a chart that fails and hands the failure over, keeping the rest of the digest', async () => {
    const chartSql = compilePlan(digestChartPlan(computeDigestPeriod('previous_week', today), [])).sql
    const failing: GuardedSqlRunner = {
      run: (request) => (request.sql === chartSql ? Promise.resolve({ ok: false, code: 'query_failed', reason: 'stand-in failure', durationMs: 0 }) : runner.run(request)),
    }
    const errors: unknown[] = []
    const digest = await compose({ sections: ['kpis', 'chart'] }, createDigestComposer({ runner: failing, currency: 'BRL', onChartError: (e) => errors.push(e) }))
    expect(digest.chart).toBeUndefined()
    expect(errors).toHaveLength(1)
    expect(isAppError(errors[0])).toBe(true)
    expect(digest.kpis.find((k) => k.metric === 'revenue')!.value).toBeCloseTo(weekEn.kpis.find((k) => k.metric === 'revenue')!.value!, 2)
  })

  it('keeps a summarizer’s rewording whose numbers are all the digest’s', async () => {
    const rewording = createDigestComposer({ runner, currency: 'BRL', summarizer: async ({ template }) => `In short: ${template.replace('vs a year ago', 'against the same week a year ago')}` })
    const digest = await compose({ sections: ['kpis'] }, rewording)
    expect(digest.summarySource).toBe('model')
    expect(digest.summary).toMatch(/^In short: Revenue R\$[\d.]+[KM] last week, .* against the same week a year ago\.$/)
  })

  it('falls back to the template when the summarizer changes a number or throws', async () => {
    const reasons: SummaryFallbackReason[] = []
    const changing = createDigestComposer({ runner, currency: 'BRL', summarizer: async ({ template }) => template.replace(/[+−]\d+\.\d%/, '+99.9%'), onSummaryFallback: (r) => reasons.push(r) })
    const changed = await compose({ sections: ['kpis'] }, changing)
    expect(changed.summarySource).toBe('template')
    expect(changed.summary).toBe((await compose({ sections: ['kpis'] })).summary)
    expect(reasons).toMatchObject([{ kind: 'numbers', unmatched: ['99.9%'] }])
    const throwing = createDigestComposer({ runner, currency: 'BRL', summarizer: async () => { throw new Error('model unavailable') }, onSummaryFallback: (r) => reasons.push(r) })
    expect((await compose({ sections: ['kpis'] }, throwing)).summarySource).toBe('template')
    expect(reasons[1]).toMatchObject({ kind: 'error' })
  })

  it('lists every statement it ran, each passed by the guard and audited as the digest', async () => {
    const audited = new Set((await query<{ submitted_sql: string }>(`select submitted_sql from query_audit where purpose = 'digest' and outcome = 'ok' and user_id = 'system:digest'`)).map((r) => r.submitted_sql))
    expect(weekEn.sql.length).toBeGreaterThanOrEqual(10)
    for (const statement of weekEn.sql) expect(audited.has(statement)).toBe(true)
  })

  it('starts the thread from revenue over the digest’s period and scope, as a plan that compiles', () => {
    expect(weekEn.startingContext.plan).toEqual({ metrics: ['revenue'], dimensions: [], filters: [], timeRange: { ...week, label: '9–15 Nov 2026' } })
    expect(weekEn.startingContext.understood).toBe('Revenue for the whole company, 9–15 Nov 2026 (from the weekly digest)')
    expect(() => compilePlan(weekSulPt.startingContext.plan)).not.toThrow()
  })

  it('renders the whole digest as text under English headings', () => {
    expect(weekEn.title).toBe('Weekly digest — Whole company — 9–15 Nov 2026')
    expect(weekEn.text.startsWith(`${weekEn.title}\n${weekEn.summary}\n\nKey figures\n• Revenue: `)).toBe(true)
    for (const heading of ['Target', 'Movers vs the previous period', 'Anomalies', 'Customers']) expect(weekEn.text).toContain(`\n\n${heading}\n`)
  })

  it('refuses a malformed request before running any query', async () => {
    const bad = compose({ sections: ['kpis', 'weather' as never], scope: { region: { id: -1, name: 'Sul' } } })
    await expect(bad).rejects.toMatchObject({ code: 'bad_request', message: expect.stringContaining('unknown section "weather"') })
    await expect(bad).rejects.toMatchObject({ message: expect.stringContaining('scope.region needs a positive id') })
  })
})
