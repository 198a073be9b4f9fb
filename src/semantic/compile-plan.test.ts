import { beforeAll, describe, expect, it } from 'vitest'
import { createAnalyticsGuardPolicy, guardSql, loadSqlParser } from '../sql-guard/index.js'
import { compilePlan, PlanCompileError } from './compile-plan.js'
import { compilerDatabase } from './compile/compiler-database.js'
import { periodCalendar } from './compile/period-calendar.js'
import { sqlLiteral } from './compile/sql-literal.js'
import type { QueryPlan } from './query-plan.js'
import { dimensionIds, metricIds, timeDimensionIds, type DimensionId, type MetricId } from './semantic-model.js'

const compiled = (builder: { compile: (db: typeof compilerDatabase) => { sql: string; parameters: readonly unknown[] } }) => {
  const query = builder.compile(compilerDatabase)
  expect(query.parameters).toEqual([])
  return query.sql
}

const quarter = { start: '2026-01-01', end: '2026-03-31' }
const plan = (overrides: Partial<QueryPlan> = {}): QueryPlan => ({ metrics: ['revenue'], dimensions: [], filters: [], timeRange: quarter, ...overrides })

const standardPolicy = createAnalyticsGuardPolicy()
const adminPolicy = createAnalyticsGuardPolicy({ allowSensitiveColumns: true })

const entityValue: Partial<Record<DimensionId, number>> = { region: 2, rep: 3, customer: 17, product: 5, category: 1 }
const attributeValue: Partial<Record<DimensionId, string>> = {
  state: 'SP',
  city: 'São Paulo',
  segment: 'SMB',
  brand: 'Dell',
  channel: 'online',
  payment_method: 'pix',
  status: 'cancelled',
}
const filterDimensions = dimensionIds.filter((d) => !(timeDimensionIds as readonly string[]).includes(d)) as Exclude<DimensionId, 'day' | 'week' | 'month' | 'quarter' | 'year'>[]
const filterValue = (d: DimensionId) => entityValue[d] ?? attributeValue[d]!

/** Metrics that compile for a breakdown or filter by `d` (targets only exist by time, rep and region). */
const metricsFor = (d: DimensionId | undefined): MetricId[] =>
  metricIds.filter((m) => !((m === 'target' || m === 'target_attainment') && d !== undefined && !['month', 'quarter', 'year', 'rep', 'region'].includes(d)))

describe('SQL literals', () => {
  it('quote text with doubled quotes, so injection-looking names stay one value', () => {
    expect(compiled(sqlLiteral.text("O'Brien'); DROP TABLE x;--"))).toBe("'O''Brien''); DROP TABLE x;--'")
    expect(compiled(sqlLiteral.text(''))).toBe("''")
  })

  it('write text with a backslash as an E-string with the backslash doubled, the same under any standard_conforming_strings', () => {
    expect(compiled(sqlLiteral.text('a\\b\'c'))).toBe("E'a\\\\b''c'")
  })

  it('keep unicode as it is', () => {
    expect(compiled(sqlLiteral.text('São Paulo – 北京 🚀 é'))).toBe("'São Paulo – 北京 🚀 é'")
  })

  it('refuse text PostgreSQL cannot store, and values that are not text', () => {
    expect(() => sqlLiteral.text('a\u0000b')).toThrow(PlanCompileError)
    expect(() => sqlLiteral.text('\ud800')).toThrow(PlanCompileError)
    expect(() => sqlLiteral.text(42 as unknown as string)).toThrow(PlanCompileError)
    expect(() => sqlLiteral.text('x'.repeat(501))).toThrow(PlanCompileError)
  })

  it('inline real calendar dates only, as typed date literals', () => {
    expect(compiled(sqlLiteral.date('2024-02-29'))).toBe("'2024-02-29'::date")
    for (const bad of ['2025-02-29', '2026-13-01', '2026-1-1', "2026-01-01'; drop table orders; --", '20260101', '']) {
      expect(() => sqlLiteral.date(bad), bad).toThrow(PlanCompileError)
    }
  })

  it('inline safe integers only, negative ones in parentheses', () => {
    expect(compiled(sqlLiteral.integer(42))).toBe('42')
    expect(compiled(sqlLiteral.integer(-7))).toBe('(-7)')
    for (const bad of [1.5, Number.NaN, Number.POSITIVE_INFINITY, 2 ** 60, '1' as unknown as number]) expect(() => sqlLiteral.integer(bad)).toThrow(PlanCompileError)
  })
})

describe('the period calendar', () => {
  const day = (s: string) => periodCalendar.parse(s)!
  const text = (n: number) => periodCalendar.format(n)

  it('starts weeks on Monday and quarters and years on the calendar', () => {
    expect(text(periodCalendar.periodStart(day('2026-03-01'), 'week'))).toBe('2026-02-23')
    expect(text(periodCalendar.periodStart(day('2026-03-02'), 'week'))).toBe('2026-03-02')
    expect(text(periodCalendar.periodStart(day('2026-08-19'), 'quarter'))).toBe('2026-07-01')
    expect(text(periodCalendar.periodStart(day('2026-08-19'), 'year'))).toBe('2026-01-01')
  })

  it('counts and moves by whole periods', () => {
    expect(periodCalendar.periodNumber(day('2026-01-10'), 'month') - periodCalendar.periodNumber(day('2025-01-31'), 'month')).toBe(12)
    expect(text(periodCalendar.addPeriods(day('2025-11-01'), 'month', 3))).toBe('2026-02-01')
    expect(periodCalendar.periodsBetween(day('2026-01-15'), day('2026-03-01'), 'month').map(text)).toEqual(['2026-01-01', '2026-02-01', '2026-03-01'])
  })
})

describe('compilePlan', () => {
  beforeAll(async () => {
    await loadSqlParser()
  })

  it('returns one SELECT with no parameters, and the same SQL for the same plan', () => {
    const first = compilePlan(plan({ dimensions: ['region'] }))
    expect(first.sql).toMatch(/^WITH /)
    expect(first.sql).not.toMatch(/\$\d/)
    expect(compilePlan(plan({ dimensions: ['region'] }))).toEqual(first)
  })

  it('names the columns: breakdowns, then each metric with its previous value, change and change fraction', () => {
    const result = compilePlan(
      plan({ metrics: ['revenue', 'margin_pct'], dimensions: ['region', 'month'], comparison: { kind: 'same_period_last_year', range: { start: '2025-01-01', end: '2025-03-31' } } }),
    )
    expect(result.columns.map((c) => `${c.name}:${c.role}:${c.id}`)).toEqual([
      'region:dimension:region',
      'month:dimension:month',
      'revenue:metric:revenue',
      'revenue_previous:previous:revenue',
      'revenue_change:change:revenue',
      'revenue_change_pct:change_pct:revenue',
      'margin_pct:metric:margin_pct',
      'margin_pct_previous:previous:margin_pct',
      'margin_pct_change:change:margin_pct',
      'margin_pct_change_pct:change_pct:margin_pct',
    ])
  })

  it('keeps injection-looking filter values as single literals the guard accepts', () => {
    const values = ["O'Brien'); DROP TABLE x;--", 'back\\slash', 'ação 🚀', '$1', '; select 1']
    const result = compilePlan(plan({ filters: [{ dimension: 'brand', values }, { dimension: 'city', values: ["d'Oeste"], exclude: true }] }))
    expect(result.sql).toContain("'O''Brien''); DROP TABLE x;--'")
    expect(result.sql).toContain("E'back\\\\slash'")
    expect(result.sql).toContain("'d''Oeste'")
    const verdict = guardSql(result.sql, standardPolicy)
    expect(verdict.ok, JSON.stringify(verdict)).toBe(true)
  })

  describe('routes each plan to the smallest source that answers it exactly', () => {
    const reads = (p: QueryPlan) => {
      const verdict = guardSql(compilePlan(p).sql, standardPolicy)
      if (!verdict.ok) throw new Error(verdict.reason)
      return verdict.tables.filter((t) => t.startsWith('summary_') || t === 'orders' || t === 'order_items')
    }

    it('sums and order counts by time, rep and status: day × rep × status', () => {
      expect(reads(plan({ metrics: ['revenue', 'orders', 'average_ticket', 'margin_pct'], dimensions: ['rep', 'month'], filters: [{ dimension: 'status', values: ['completed', 'returned'] }] }))).toEqual([
        'summary_daily_reps',
      ])
    })

    it('sums by product, category or brand: day × product × status', () => {
      expect(reads(plan({ metrics: ['revenue', 'units', 'gross_profit'], dimensions: ['category'], filters: [{ dimension: 'brand', values: ['Dell'], exclude: true }] }))).toEqual([
        'summary_daily_products',
      ])
    })

    it('order counts by product do not add up across products: the base tables', () => {
      expect(reads(plan({ metrics: ['orders'], dimensions: ['category'] }))).toEqual(['order_items', 'orders'])
    })

    it('sums and order counts by channel and payment method: day × status × channel × payment method', () => {
      expect(reads(plan({ metrics: ['orders', 'average_ticket'], dimensions: ['payment_method'], filters: [{ dimension: 'channel', values: ['online'], exclude: true }] }))).toEqual([
        'summary_daily_channels',
      ])
    })

    it('sums and order counts by customer region, segment, state or city: day × status × customer geography', () => {
      expect(reads(plan({ metrics: ['revenue', 'orders'], dimensions: ['state', 'month'], filters: [{ dimension: 'segment', values: ['SMB'] }] }))).toEqual(['summary_daily_regions'])
    })

    it('distinct customers, or attributes of different summaries together: the per-order summary', () => {
      expect(reads(plan({ metrics: ['revenue', 'active_customers'], dimensions: ['region'] }))).toEqual(['summary_orders'])
      expect(reads(plan({ metrics: ['revenue'], dimensions: ['region'], filters: [{ dimension: 'channel', values: ['online'] }] }))).toEqual(['summary_orders'])
    })

    it('new and churned customers by rep, status or customer attributes: first orders, and one window of orders', () => {
      expect(reads(plan({ metrics: ['new_customers'], dimensions: ['region', 'month'], filters: [{ dimension: 'rep', values: [3] }] }))).toEqual(['summary_customer_firsts'])
      expect(reads(plan({ metrics: ['churned_customers'], dimensions: ['segment'] }))).toEqual(['summary_customer_firsts', 'summary_orders'])
    })

    it('new customers by channel: the order history', () => {
      expect(reads(plan({ metrics: ['new_customers'], dimensions: ['channel'] }))).toEqual(['summary_orders'])
    })

    it('a product and a customer attribute together: the base tables', () => {
      expect(reads(plan({ metrics: ['revenue'], dimensions: ['region', 'product'] }))).toEqual(['order_items', 'orders'])
    })

    it('only the base tables when summaries are switched off', () => {
      const sql = compilePlan(plan({ metrics: ['revenue', 'new_customers'], dimensions: ['month'] }), { useSummaries: false }).sql
      expect(sql).not.toContain('summary_')
    })
  })

  describe('passes the guard with the default analytics policy', () => {
    const comparison = { kind: 'previous_period', range: { start: '2025-10-01', end: '2025-12-31' } } as const
    const cases: Array<[string, QueryPlan]> = []
    for (const d of [undefined, ...dimensionIds]) {
      const metrics = metricsFor(d)
      // A day-by-day churn series is limited to 36 days.
      const base = plan({ metrics, dimensions: d ? [d] : [], ...(d === 'day' ? { timeRange: { start: '2026-03-01', end: '2026-03-31' } } : {}) })
      cases.push([`every metric by ${d ?? 'nothing'}`, d === 'day' || d === 'week' ? { ...base, metrics: metrics.filter((m) => !m.startsWith('target')) } : base])
    }
    for (const d of filterDimensions) {
      const metrics = metricsFor(d)
      cases.push([`every metric filtered by ${d}`, plan({ metrics, filters: [{ dimension: d, values: [filterValue(d)] }] })])
      cases.push([`every metric excluding a ${d}, compared with the previous period`, plan({ metrics, filters: [{ dimension: d, values: [filterValue(d)], exclude: true }], comparison })])
    }
    cases.push(['two breakdowns, a comparison, a filter and a top 5', plan({
      metrics: ['revenue', 'orders', 'new_customers', 'churned_customers', 'target_attainment'],
      dimensions: ['region', 'month'],
      filters: [{ dimension: 'region', values: [1, 2] }],
      comparison: { kind: 'same_period_last_year', range: { start: '2025-01-01', end: '2025-03-31' } },
      sort: { by: { metric: 'revenue' }, direction: 'desc' },
      limit: 5,
    })])
    cases.push(['churn by month over three years, compared', plan({
      metrics: ['churned_customers'],
      dimensions: ['month'],
      timeRange: { start: '2023-07-01', end: '2026-06-30' },
      comparison: { kind: 'custom', range: { start: '2020-07-01', end: '2023-06-30' } },
    })])

    it.each(cases)('%s', (_name, p) => {
      for (const useSummaries of [true, false]) {
        const { sql } = compilePlan(p, { useSummaries })
        for (const policy of [standardPolicy, adminPolicy]) {
          const verdict = guardSql(sql, policy)
          expect(verdict.ok, verdict.ok ? '' : `${verdict.code}: ${verdict.reason}\n${sql}`).toBe(true)
        }
      }
    })
  })

  describe('refuses plans it cannot answer exactly, with a reason a person can act on', () => {
    const refusal = (p: QueryPlan, options = {}) => {
      try {
        compilePlan(p, options)
      } catch (error) {
        expect(error).toBeInstanceOf(PlanCompileError)
        return (error as Error).message
      }
      throw new Error('expected a refusal')
    }

    it('targets by anything but time, rep or region', () => {
      expect(refusal(plan({ metrics: ['target'], dimensions: ['product'] }))).toMatch(/not by product/)
      expect(refusal(plan({ metrics: ['target_attainment'], filters: [{ dimension: 'channel', values: ['online'] }] }))).toMatch(/not by channel/)
    })

    it('targets by day or week, or with both a rep and a region', () => {
      expect(refusal(plan({ metrics: ['target'], dimensions: ['week'] }))).toMatch(/per month/)
      expect(refusal(plan({ metrics: ['target'], dimensions: ['rep'], filters: [{ dimension: 'region', values: [1] }] }))).toMatch(/either per rep or per region/)
    })

    it('churn as of more than 36 period ends', () => {
      expect(refusal(plan({ metrics: ['churned_customers'], dimensions: ['day'] }))).toMatch(/too many/)
    })

    it.each<[string, unknown]>([
      ['no metric', { metrics: [] }],
      ['an unknown metric', { metrics: ['profit'] }],
      ['a metric twice', { metrics: ['revenue', 'revenue'] }],
      ['three breakdowns', { dimensions: ['region', 'rep', 'month'] }],
      ['two time breakdowns', { dimensions: ['month', 'week'] }],
      ['an unknown dimension', { dimensions: ['planet'] }],
      ['a filter by a period', { filters: [{ dimension: 'month', values: ['2026-01'] }] }],
      ['an entity filter by name', { filters: [{ dimension: 'region', values: ['Sul'] }] }],
      ['an attribute filter by number', { filters: [{ dimension: 'channel', values: [3] }] }],
      ['a filter without values', { filters: [{ dimension: 'channel', values: [] }] }],
      ['an impossible date', { timeRange: { start: '2026-02-30', end: '2026-03-31' } }],
      ['a range that ends before it starts', { timeRange: { start: '2026-03-31', end: '2026-01-01' } }],
      ['an unknown comparison', { comparison: { kind: 'yesterday', range: quarter } }],
      ['a sort by a metric not asked for', { sort: { by: { metric: 'orders' }, direction: 'desc' } }],
      ['a sort by a dimension not broken down by', { sort: { by: { dimension: 'rep' }, direction: 'desc' } }],
      ['a limit of zero', { limit: 0 }],
    ])('a malformed plan: %s', (_name, overrides) => {
      expect(refusal(plan(overrides as Partial<QueryPlan>)).length).toBeGreaterThan(10)
    })

    it('a maxRows that is not a positive integer', () => {
      expect(() => compilePlan(plan(), { maxRows: 0 })).toThrow(RangeError)
    })
  })

  it('limits to the plan’s N, else to maxRows, else not at all', () => {
    expect(compilePlan(plan({ dimensions: ['rep'], sort: { by: { metric: 'revenue' }, direction: 'desc' }, limit: 3 }), { maxRows: 50 }).sql).toMatch(/\nLIMIT 3$/)
    expect(compilePlan(plan({ dimensions: ['rep'] }), { maxRows: 50 }).sql).toMatch(/\nLIMIT 50$/)
    expect(compilePlan(plan({ dimensions: ['rep'] })).sql).not.toMatch(/LIMIT/)
  })
})
