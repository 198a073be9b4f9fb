import { describe, expect, it } from 'vitest'
import type { DigestKpi } from '../../../src/digests/digest-contract.js'
import { createDigestFormatter } from '../../../src/digests/content/digest-formatter.js'
import { formatDigestRange, formatDigestWeekday } from '../../../src/digests/content/format-digest-dates.js'
import { renderDigestText } from '../../../src/digests/content/render-digest-text.js'
import { robustScore } from '../../../src/digests/content/robust-score.js'
import { writeSummaryTemplate } from '../../../src/digests/content/write-summary-template.js'

describe('digest dates', () => {
  it('names a week once by month and year when they are shared', () => {
    expect(formatDigestRange({ start: '2026-11-10', end: '2026-11-16' }, 'en')).toBe('10–16 Nov 2026')
    expect(formatDigestRange({ start: '2026-11-10', end: '2026-11-16' }, 'pt')).toBe('10 a 16 nov. 2026')
    expect(formatDigestRange({ start: '2026-10-26', end: '2026-11-01' }, 'en')).toBe('26 Oct – 1 Nov 2026')
    expect(formatDigestRange({ start: '2025-12-29', end: '2026-01-04' }, 'pt')).toBe('29 dez. 2025 a 4 jan. 2026')
  })

  it('names one day, a whole month and a whole quarter as people do', () => {
    expect(formatDigestRange({ start: '2026-11-16', end: '2026-11-16' }, 'pt')).toBe('16 nov. 2026')
    expect(formatDigestRange({ start: '2026-02-01', end: '2026-02-28' }, 'en')).toBe('February 2026')
    expect(formatDigestRange({ start: '2026-03-01', end: '2026-03-31' }, 'pt')).toBe('março de 2026')
    expect(formatDigestRange({ start: '2026-10-01', end: '2026-12-31' }, 'pt')).toBe('4º tri 2026')
  })

  it('names a day of the period with its weekday', () => {
    expect(formatDigestWeekday('2026-11-17', 'en')).toBe('Tue 17 Nov')
    expect(formatDigestWeekday('2026-11-17', 'pt')).toBe('ter. 17 nov.')
  })
})

describe('digest numbers', () => {
  it('writes compact and whole money in each locale, with plain spaces', () => {
    const pt = createDigestFormatter('pt', 'BRL')
    const en = createDigestFormatter('en', 'BRL')
    expect([pt.compactMoney(1_234_567), pt.compactMoney(980_000), pt.wholeMoney(12_345.4), pt.money(1234.56)]).toEqual(['R$ 1,2 mi', 'R$ 980 mil', 'R$ 12.345', 'R$ 1.234,56'])
    expect([en.compactMoney(1_234_567), en.wholeMoney(12_345.4), en.money(1234.56)]).toEqual(['R$1.2M', 'R$12,345', 'R$1,234.56'])
    expect([pt.times(3.44), en.times(3.44), pt.signedPercent(-0.021), en.signedPercent(0.083), en.signedPercent(null)]).toEqual(['3,4×', '3.4×', '−2,1%', '+8.3%', '—'])
  })

  it('scores a value against the median in normal-consistent MADs, one outlier in the baseline notwithstanding', () => {
    const baseline = [100, 102, 98, 101, 99, 100, 500, 100]
    const { median, spread, score } = robustScore(110, baseline)
    expect(median).toBe(100)
    expect(spread).toBeCloseTo(1.4826, 4)
    expect(score).toBeCloseTo(10 / 1.4826, 4)
  })

  it('floors the spread, and gives no score when the baseline is constant and nothing floors it', () => {
    expect(robustScore(110, [100, 100, 100, 100], 5).score).toBe(2)
    expect(robustScore(110, [0, 0, 0, 0]).score).toBeUndefined()
  })
})

describe('digest summary and text', () => {
  const format = createDigestFormatter('en', 'BRL')
  const revenue: DigestKpi = {
    metric: 'revenue',
    label: 'Revenue',
    value: 1_234_567,
    previous: 1_140_000,
    lastYear: null,
    changeVsPrevious: 0.083,
    changeVsLastYear: null,
    display: { value: 'R$1,234,567.00', previous: 'R$1,140,000.00', lastYear: '—', changeVsPrevious: '+8.3%', changeVsLastYear: '—' },
  }

  it('states zero anomalies as an outcome and leaves out a comparison without a base', () => {
    expect(writeSummaryTemplate({ kind: 'previous_week', period: { start: '2026-11-09', end: '2026-11-15' }, revenue, anomalies: 0 }, format)).toBe(
      'Revenue R$1.2M last week, +8.3% vs the week before; no anomalies.',
    )
  })

  it('names a partial period by its last day', () => {
    const pt = { ...revenue, display: { ...revenue.display, changeVsPrevious: '+8,3%' } }
    expect(writeSummaryTemplate({ kind: 'month_to_date', period: { start: '2026-11-01', end: '2026-11-16' }, revenue: pt }, createDigestFormatter('pt', 'BRL'))).toBe(
      'Faturamento de R$ 1,2 mi no mês até 16 nov., +8,3% sobre os mesmos dias do mês anterior.',
    )
  })

  it('says so under its heading when no anomaly was found', () => {
    const text = renderDigestText({ language: 'pt', title: 'T', summary: 'S', sections: new Set(['anomalies']), kpis: [], movers: { top: [], bottom: [] }, anomalies: [] })
    expect(text).toBe('T\nS\n\nAnomalias\n• Nenhuma: todos os dias e segmentos ficaram dentro da faixa usual.')
  })
})
