import { describe, expect, it } from 'vitest'
import { parseTimeRange } from './parse-time-range.js'

type Row = readonly [today: string, question: string, start: string, end: string, comparison?: readonly [kind: string, start: string, end: string]]

/** 2026-06-30 is a Tuesday; its week started on Monday 2026-06-29. */
const tuesday = '2026-06-30'

const table: readonly Row[] = [
  // English, relative to Tuesday 2026-06-30
  [tuesday, 'revenue today', '2026-06-30', '2026-06-30'],
  [tuesday, 'sales yesterday', '2026-06-29', '2026-06-29'],
  [tuesday, 'sales the day before yesterday', '2026-06-28', '2026-06-28'],
  [tuesday, 'this week', '2026-06-29', '2026-06-30'],
  [tuesday, 'last week', '2026-06-22', '2026-06-28'],
  [tuesday, 'this month', '2026-06-01', '2026-06-30'],
  [tuesday, 'last month', '2026-05-01', '2026-05-31'],
  [tuesday, 'this quarter', '2026-04-01', '2026-06-30'],
  [tuesday, 'last quarter', '2026-01-01', '2026-03-31'],
  [tuesday, 'this year', '2026-01-01', '2026-06-30'],
  [tuesday, 'last year', '2025-01-01', '2025-12-31'],
  [tuesday, 'revenue YTD', '2026-01-01', '2026-06-30'],
  [tuesday, 'year to date', '2026-01-01', '2026-06-30'],
  [tuesday, 'month-to-date orders', '2026-06-01', '2026-06-30'],
  [tuesday, 'revenue QTD', '2026-04-01', '2026-06-30'],
  [tuesday, 'so far this year', '2026-01-01', '2026-06-30'],
  [tuesday, 'last 30 days', '2026-06-01', '2026-06-30'],
  [tuesday, 'in the last 7 days', '2026-06-24', '2026-06-30'],
  [tuesday, 'past 2 weeks', '2026-06-17', '2026-06-30'],
  [tuesday, 'over the last 3 months', '2026-04-01', '2026-06-30'],
  [tuesday, 'last 12 months', '2025-07-01', '2026-06-30'],
  [tuesday, 'last two years', '2024-07-01', '2026-06-30'],
  [tuesday, 'last 3 full months', '2026-03-01', '2026-05-31'],
  [tuesday, 'in March', '2026-03-01', '2026-03-31'],
  [tuesday, 'in December', '2025-12-01', '2025-12-31'],
  [tuesday, 'March 2025', '2025-03-01', '2025-03-31'],
  [tuesday, 'March 15, 2026', '2026-03-15', '2026-03-15'],
  [tuesday, 'Q3', '2025-07-01', '2025-09-30'],
  [tuesday, 'Q3 2025', '2025-07-01', '2025-09-30'],
  [tuesday, 'Q2', '2026-04-01', '2026-06-30'],
  [tuesday, 'third quarter of 2024', '2024-07-01', '2024-09-30'],
  [tuesday, 'first half of 2025', '2025-01-01', '2025-06-30'],
  [tuesday, 'H2 2025', '2025-07-01', '2025-12-31'],
  [tuesday, 'in 2024', '2024-01-01', '2024-12-31'],
  [tuesday, 'between 2025-01-01 and 2025-03-31', '2025-01-01', '2025-03-31'],
  [tuesday, 'from January to March 2025', '2025-01-01', '2025-03-31'],
  [tuesday, 'from November to February', '2025-11-01', '2026-02-28'],
  [tuesday, 'since March', '2026-03-01', '2026-06-30'],
  [tuesday, 'since 2025', '2025-01-01', '2026-06-30'],
  [tuesday, '3 months ago', '2026-03-01', '2026-03-31'],
  [tuesday, 'revenue 2025 vs 2024', '2025-01-01', '2025-12-31', ['same_period_last_year', '2024-01-01', '2024-12-31']],
  [tuesday, 'this month compared to last year', '2026-06-01', '2026-06-30', ['same_period_last_year', '2025-06-01', '2025-06-30']],
  [tuesday, 'last month vs the previous month', '2026-05-01', '2026-05-31', ['previous_period', '2026-04-01', '2026-04-30']],
  [tuesday, 'Q1 2026 versus Q4 2025', '2026-01-01', '2026-03-31', ['previous_period', '2025-10-01', '2025-12-31']],
  [tuesday, 'March 2026 vs March 2024', '2026-03-01', '2026-03-31', ['custom', '2024-03-01', '2024-03-31']],
  [tuesday, 'revenue growth last quarter', '2026-01-01', '2026-03-31', ['previous_period', '2025-10-01', '2025-12-31']],
  [tuesday, 'revenue yoy', '2026-01-01', '2026-06-30', ['same_period_last_year', '2025-01-01', '2025-06-30']],
  [tuesday, 'last quarter vs the same quarter last year', '2026-01-01', '2026-03-31', ['same_period_last_year', '2025-01-01', '2025-03-31']],
  // Portuguese, relative to Tuesday 2026-06-30
  [tuesday, 'hoje', '2026-06-30', '2026-06-30'],
  [tuesday, 'vendas de ontem', '2026-06-29', '2026-06-29'],
  [tuesday, 'anteontem', '2026-06-28', '2026-06-28'],
  [tuesday, 'nesta semana', '2026-06-29', '2026-06-30'],
  [tuesday, 'na semana passada', '2026-06-22', '2026-06-28'],
  [tuesday, 'este mês', '2026-06-01', '2026-06-30'],
  [tuesday, 'no mês passado', '2026-05-01', '2026-05-31'],
  [tuesday, 'neste trimestre', '2026-04-01', '2026-06-30'],
  [tuesday, 'no trimestre passado', '2026-01-01', '2026-03-31'],
  [tuesday, 'este ano', '2026-01-01', '2026-06-30'],
  [tuesday, 'no ano passado', '2025-01-01', '2025-12-31'],
  [tuesday, 'no semestre passado', '2025-07-01', '2025-12-31'],
  [tuesday, 'no acumulado do ano', '2026-01-01', '2026-06-30'],
  [tuesday, 'até agora este ano', '2026-01-01', '2026-06-30'],
  [tuesday, 'desde o início do ano', '2026-01-01', '2026-06-30'],
  [tuesday, 'nos últimos 30 dias', '2026-06-01', '2026-06-30'],
  [tuesday, 'nos últimos 3 meses', '2026-04-01', '2026-06-30'],
  [tuesday, 'nas últimas duas semanas', '2026-06-17', '2026-06-30'],
  [tuesday, 'últimos 3 meses fechados', '2026-03-01', '2026-05-31'],
  [tuesday, 'em março', '2026-03-01', '2026-03-31'],
  [tuesday, 'em marco', '2026-03-01', '2026-03-31'],
  [tuesday, 'em setembro', '2025-09-01', '2025-09-30'],
  [tuesday, 'março de 2025', '2025-03-01', '2025-03-31'],
  [tuesday, 'mar/25', '2025-03-01', '2025-03-31'],
  [tuesday, 'em 03/2025', '2025-03-01', '2025-03-31'],
  [tuesday, '3º trimestre de 2025', '2025-07-01', '2025-09-30'],
  [tuesday, 'terceiro trimestre', '2025-07-01', '2025-09-30'],
  [tuesday, 'quarto trimestre de 2024', '2024-10-01', '2024-12-31'],
  [tuesday, '2T24', '2024-04-01', '2024-06-30'],
  [tuesday, 'no 1º semestre de 2025', '2025-01-01', '2025-06-30'],
  [tuesday, 'em 2025', '2025-01-01', '2025-12-31'],
  [tuesday, 'de 01/02/2025 a 15/02/2025', '2025-02-01', '2025-02-15'],
  [tuesday, 'entre 2025-01-01 e 2025-03-31', '2025-01-01', '2025-03-31'],
  [tuesday, 'de janeiro a março', '2026-01-01', '2026-03-31'],
  [tuesday, 'desde março', '2026-03-01', '2026-06-30'],
  [tuesday, 'a partir de abril de 2025', '2025-04-01', '2026-06-30'],
  [tuesday, '15 de março de 2025', '2025-03-15', '2025-03-15'],
  [tuesday, 'há 2 meses', '2026-04-01', '2026-04-30'],
  [tuesday, 'faturamento 2025 x 2024', '2025-01-01', '2025-12-31', ['same_period_last_year', '2024-01-01', '2024-12-31']],
  [tuesday, 'junho em relação ao mês anterior', '2026-06-01', '2026-06-30', ['previous_period', '2026-05-01', '2026-05-31']],
  [tuesday, 'vendas em relação ao mês anterior', '2026-06-01', '2026-06-30', ['previous_period', '2026-05-01', '2026-05-31']],
  [tuesday, 'vendas de junho contra o mesmo período do ano passado', '2026-06-01', '2026-06-30', ['same_period_last_year', '2025-06-01', '2025-06-30']],
  [tuesday, 'crescimento em 2025', '2025-01-01', '2025-12-31', ['previous_period', '2024-01-01', '2024-12-31']],
  [tuesday, 'variação no primeiro semestre', '2026-01-01', '2026-06-30', ['previous_period', '2025-07-01', '2025-12-31']],
  [tuesday, 'faturamos mais em 2025 do que em 2024?', '2025-01-01', '2025-12-31', ['same_period_last_year', '2024-01-01', '2024-12-31']],
  [tuesday, 'trimestre passado comparado com o trimestre anterior', '2026-01-01', '2026-03-31', ['previous_period', '2025-10-01', '2025-12-31']],
  // Leap day: Thursday 2024-02-29
  ['2024-02-29', 'last year', '2023-01-01', '2023-12-31'],
  ['2024-02-29', 'this month', '2024-02-01', '2024-02-29'],
  ['2024-02-29', 'last month', '2024-01-01', '2024-01-31'],
  ['2024-02-29', 'last 7 days', '2024-02-23', '2024-02-29'],
  ['2024-02-29', 'em fevereiro', '2024-02-01', '2024-02-29'],
  ['2024-02-29', 'fevereiro de 2023', '2023-02-01', '2023-02-28'],
  ['2024-02-29', 'this month compared with the same period last year', '2024-02-01', '2024-02-29', ['same_period_last_year', '2023-02-01', '2023-02-28']],
  ['2024-02-29', 'last 1 year', '2023-03-01', '2024-02-29'],
  // Month end: Tuesday 2026-03-31
  ['2026-03-31', 'last month', '2026-02-01', '2026-02-28'],
  ['2026-03-31', 'last month vs the month before', '2026-02-01', '2026-02-28', ['previous_period', '2026-01-01', '2026-01-31']],
  ['2026-03-31', 'last 1 month', '2026-03-01', '2026-03-31'],
  ['2026-03-31', 'Q1', '2026-01-01', '2026-03-31'],
  // Year start: Thursday 2026-01-01 (its week began on Monday 2025-12-29)
  ['2026-01-01', 'last month', '2025-12-01', '2025-12-31'],
  ['2026-01-01', 'this week', '2025-12-29', '2026-01-01'],
  ['2026-01-01', 'last week', '2025-12-22', '2025-12-28'],
  ['2026-01-01', 'em dezembro', '2025-12-01', '2025-12-31'],
  ['2026-01-01', 'this quarter', '2026-01-01', '2026-01-01'],
  ['2026-01-01', 'last quarter', '2025-10-01', '2025-12-31'],
  // A Sunday: 2026-06-28 still belongs to the week that began on Monday 2026-06-22
  ['2026-06-28', 'this week', '2026-06-22', '2026-06-28'],
  ['2026-06-28', 'last week', '2026-06-15', '2026-06-21'],
  ['2026-06-28', 'semana passada', '2026-06-15', '2026-06-21'],
  // A month that has just begun compares with the same days of the month before
  ['2025-03-01', 'this month vs last month', '2025-03-01', '2025-03-01', ['previous_period', '2025-02-01', '2025-02-01']],
  ['2025-03-10', 'month to date growth', '2025-03-01', '2025-03-10', ['previous_period', '2025-02-01', '2025-02-10']],
]

describe('parseTimeRange', () => {
  it('has a table of at least 60 expressions', () => {
    expect(table.length).toBeGreaterThanOrEqual(60)
  })

  const cases = table.map(([today, question, start, end, comparison]) => ({ today, question, start, end, comparison }))
  it.each(cases)('on $today reads "$question" as $start … $end', ({ today, question, start, end, comparison }) => {
    const parsed = parseTimeRange(question, today)
    expect(parsed.problems).toEqual([])
    expect({ start: parsed.range.start, end: parsed.range.end }).toEqual({ start, end })
    if (comparison) expect(parsed.comparison).toMatchObject({ kind: comparison[0], range: { start: comparison[1], end: comparison[2] } })
    else expect(parsed.comparison).toBeUndefined()
  })

  it('compares the year to date with the same days a year earlier for a bare "yoy"', () => {
    const parsed = parseTimeRange('revenue yoy', tuesday)
    expect(parsed.explicit).toBe(false)
    expect(parsed.comparison).toMatchObject({ kind: 'same_period_last_year', range: { start: '2025-01-01', end: '2025-06-30' } })
  })

  it('uses the year to date when no period is named, and says so', () => {
    const parsed = parseTimeRange('revenue by region', tuesday)
    expect(parsed.explicit).toBe(false)
    expect(parsed.range).toMatchObject({ start: '2026-01-01', end: '2026-06-30' })
    expect(parsed.notes.join(' ')).toContain('year to date')
  })

  it('sizes the default window to a time breakdown: 12 full months and the current one by month', () => {
    const parsed = parseTimeRange('faturamento mês a mês', tuesday, { timeBreakdown: 'month' })
    expect(parsed.range).toMatchObject({ start: '2025-06-01', end: '2026-06-30' })
    expect(parsed.notes[0]).toContain('12 meses completos')
  })

  it('aligns "last N weeks" to whole weeks when the answer is split by week', () => {
    const parsed = parseTimeRange('vendas por semana nas últimas 4 semanas', tuesday, { timeBreakdown: 'week' })
    expect(parsed.range).toMatchObject({ start: '2026-06-08', end: '2026-06-30' })
    expect(parsed.notes.join(' ')).toContain('semanas inteiras')
    expect(parseTimeRange('vendas nas últimas 4 semanas', tuesday).range).toMatchObject({ start: '2026-06-03', end: '2026-06-30' })
  })

  it('labels the period with the words the question used', () => {
    expect(parseTimeRange('faturamento no mês passado', tuesday).range.label).toBe('mês passado')
    expect(parseTimeRange('Revenue for Q3 2025', tuesday).range.label).toBe('Q3 2025')
  })

  it('says which year it chose for a month named without one', () => {
    const parsed = parseTimeRange('quanto vendemos em setembro?', tuesday)
    expect(parsed.notes.join(' ')).toContain('setembro de 2025')
  })

  it('reads dd/mm/yyyy day first in Portuguese and month first in English, saying so', () => {
    expect(parseTimeRange('vendas em 01/02/2025', tuesday).range).toMatchObject({ start: '2025-02-01', end: '2025-02-01' })
    const english = parseTimeRange('revenue on 01/02/2025', tuesday)
    expect(english.range).toMatchObject({ start: '2025-01-02', end: '2025-01-02' })
    expect(english.notes.join(' ')).toContain('month/day')
  })

  it('ends a period that is still running today, and notes it', () => {
    const parsed = parseTimeRange('revenue in 2026', tuesday)
    expect(parsed.range).toMatchObject({ start: '2026-01-01', end: '2026-06-30' })
    expect(parsed.notes.join(' ')).toContain('not over yet')
  })

  it('turns two periods of one kind into one range split by that grain', () => {
    const parsed = parseTimeRange('vendas de 2024 e 2025', tuesday)
    expect(parsed.range).toMatchObject({ start: '2024-01-01', end: '2025-12-31' })
    expect(parsed.impliedBreakdown).toBe('year')
  })

  it('reads month-over-month across a year as a split by month', () => {
    const parsed = parseTimeRange('revenue month over month in 2025', tuesday)
    expect(parsed.impliedBreakdown).toBe('month')
    expect(parsed.comparison).toBeUndefined()
  })

  it('reports dates that do not exist and periods that have not started', () => {
    expect(parseTimeRange('vendas em 31/02/2025', tuesday).problems).toMatchObject([{ code: 'invalid_date' }])
    expect(parseTimeRange('revenue in Q4 2026', tuesday).problems).toMatchObject([{ code: 'future_period' }])
  })

  it('does not read ordinary words as months ("may I", "set")', () => {
    const parsed = parseTimeRange('may I see revenue by region', tuesday)
    expect(parsed.explicit).toBe(false)
    expect(parsed.consumed).toEqual([])
  })

  it('lists the words it used so the planner does not read them again', () => {
    expect(parseTimeRange('faturamento no mês passado por região', tuesday).consumed).toEqual([1, 2, 3])
  })

  it('refuses a today that is not a date', () => {
    expect(() => parseTimeRange('last month', '30/06/2026')).toThrow(/YYYY-MM-DD/)
  })
})
