import { describe, expect, it } from 'vitest'
import { createValueFormatter } from './format-values.js'

describe('answer values', () => {
  const pt = createValueFormatter('pt')
  const en = createValueFormatter('en')

  it('format money the Brazilian and the English way, in the data currency', () => {
    expect(pt.money(1234.56)).toBe('R$ 1.234,56')
    expect(en.money(1234.56)).toBe('R$1,234.56')
    expect(createValueFormatter('en', 'USD').money(1234.56)).toBe('$1,234.56')
    expect(pt.money(-5)).toBe('−R$ 5,00')
  })

  it('format counts and percentages with the locale separators', () => {
    expect(pt.count(1234567)).toBe('1.234.567')
    expect(en.count(1234567)).toBe('1,234,567')
    expect(pt.percent(0.2345)).toBe('23,5%')
    expect(en.percent(0.2345)).toBe('23.5%')
    expect(en.percent(0.1, { signed: true })).toBe('+10.0%')
    expect(pt.percent(-0.041, { signed: true })).toBe('−4,1%')
  })

  it('show a missing value as a dash, never as zero', () => {
    expect(pt.metric(null, 'currency')).toBe('—')
    expect(en.metric(undefined, 'percent')).toBe('—')
  })

  it('format dates, periods and time buckets without shifting the day', () => {
    expect(pt.date('2026-05-31')).toBe('31/05/2026')
    expect(en.date('2026-05-31')).toBe('May 31, 2026')
    expect(pt.range('2026-05-01', '2026-05-31')).toBe('01/05/2026 a 31/05/2026')
    expect(en.range('2026-05-01', '2026-05-31')).toBe('May 1, 2026 – May 31, 2026')
    expect(pt.bucket('2026-05-01', 'month')).toBe('mai/2026')
    expect(en.bucket('2026-05-01', 'month')).toBe('May 2026')
    expect(pt.bucket('2026-04-01', 'quarter')).toBe('2º tri/2026')
    expect(en.bucket('2026-04-01', 'quarter')).toBe('Q2 2026')
    expect(en.bucket('2026-06-29', 'week')).toBe('week of Jun 29, 2026')
  })
})
