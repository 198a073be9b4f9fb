import { describe, expect, it } from 'vitest'
import type { PlanColumn, QueryPlan } from '../semantic/query-plan.js'
import { composeAnswer } from './compose-answer.js'
import { createValueFormatter } from './format-values.js'

const may = { start: '2026-05-01', end: '2026-05-31', label: 'last month' }

describe('composing an answer', () => {
  it('states a single figure with its period, definition and filters in Portuguese', () => {
    const plan: QueryPlan = { metrics: ['average_ticket'], dimensions: [], filters: [{ dimension: 'rep', values: [7], labels: ['Maria Silva'] }], timeRange: may }
    const columns: PlanColumn[] = [{ name: 'average_ticket', role: 'metric', id: 'average_ticket' }]
    const { text, headline } = composeAnswer({ plan, columns, rows: [{ average_ticket: 4321.5 }], truncated: false, sql: 'SELECT 1', showSql: false, notes: [], formatter: createValueFormatter('pt') })
    expect(headline).toBe('Ticket médio (vendedor = Maria Silva) — 01/05/2026 a 31/05/2026: R$ 4.321,50')
    expect(text).toContain('Como foi calculado: Ticket médio = faturamento ÷ pedidos concluídos; filtros: vendedor = Maria Silva.')
    expect(text).toContain('1 linha.')
    expect(text).not.toContain('SELECT')
  })

  it('renders a breakdown as a table with locale numbers and month names', () => {
    const plan: QueryPlan = { metrics: ['revenue'], dimensions: ['month'], filters: [], timeRange: { start: '2026-01-01', end: '2026-02-28' } }
    const columns: PlanColumn[] = [
      { name: 'month', role: 'dimension', id: 'month' },
      { name: 'revenue', role: 'metric', id: 'revenue' },
    ]
    const rows = [{ month: '2026-01-01', revenue: 1234567.891 }, { month: '2026-02-01', revenue: 99.5 }]
    const { text } = composeAnswer({ plan, columns, rows, truncated: false, sql: 'SELECT month', showSql: true, notes: ['no period given: year to date'], formatter: createValueFormatter('en') })
    expect(text).toMatch(/Jan 2026\s+R\$1,234,567\.89/)
    expect(text).toMatch(/Feb 2026\s+R\$99\.50/)
    expect(text).toContain('2 rows.')
    expect(text).toContain('Assumed: no period given: year to date')
    expect(text).toContain('```sql\nSELECT month\n```')
  })

  it('shows a comparison with the previous figure and the signed change', () => {
    const plan: QueryPlan = { metrics: ['revenue'], dimensions: [], filters: [], timeRange: may, comparison: { kind: 'previous_period', range: { start: '2026-04-01', end: '2026-04-30' } } }
    const columns: PlanColumn[] = [
      { name: 'revenue', role: 'metric', id: 'revenue' },
      { name: 'revenue_previous', role: 'previous', id: 'revenue' },
      { name: 'revenue_change', role: 'change', id: 'revenue' },
      { name: 'revenue_change_pct', role: 'change_pct', id: 'revenue' },
    ]
    const rows = [{ revenue: 1100, revenue_previous: 1000, revenue_change: 100, revenue_change_pct: 0.1 }]
    const { headline } = composeAnswer({ plan, columns, rows, truncated: false, sql: '', showSql: false, notes: [], formatter: createValueFormatter('en') })
    expect(headline).toBe('Revenue — May 1, 2026 – May 31, 2026: R$1,100.00 (vs R$1,000.00 in Apr 1, 2026 – Apr 30, 2026: +10.0%)')
  })

  it('says plainly when nothing matched, without inventing a zero', () => {
    const plan: QueryPlan = { metrics: ['revenue'], dimensions: ['region'], filters: [], timeRange: may }
    const { headline } = composeAnswer({ plan, columns: [], rows: [], truncated: false, sql: '', showSql: false, notes: [], formatter: createValueFormatter('pt') })
    expect(headline).toBe('Faturamento por região — 01/05/2026 a 31/05/2026: Nenhuma venda corresponde a esta pergunta no período.')
  })

  it('mentions when the result was cut at the row limit', () => {
    const plan: QueryPlan = { metrics: ['revenue'], dimensions: ['customer'], filters: [], timeRange: may }
    const columns: PlanColumn[] = [
      { name: 'customer', role: 'dimension', id: 'customer' },
      { name: 'revenue', role: 'metric', id: 'revenue' },
    ]
    const rows = Array.from({ length: 30 }, (_, i) => ({ customer: `C${i}`, revenue: 30 - i }))
    const { text } = composeAnswer({ plan, columns, rows, truncated: true, sql: '', showSql: false, notes: [], formatter: createValueFormatter('en') })
    expect(text).toContain('(showing 20 of 30)')
    expect(text).toContain('30 rows; the result was cut at the row limit.')
  })
})
