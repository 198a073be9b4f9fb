import { describe, expect, it } from 'vitest'
import { summarizeDigest, type DigestSummarizerInput, type SummaryFallbackReason } from '../../../src/digests/content/summarize-digest.js'
import { checkSummaryNumbers, extractNumbers } from '../../../src/digests/content/summary-numbers.js'

const values = (text: string, reading: Parameters<typeof extractNumbers>[1]) => extractNumbers(text, reading).map((t) => ({ kind: t.kind, values: t.values }))

describe('reading the numbers of a summary', () => {
  it('reads money, percents and counts in the digest’s own language', () => {
    expect(values('R$ 1.234.567,89, +8,3% e 188 pedidos', 'pt')).toEqual([
      { kind: 'plain', values: [1234567.89] },
      { kind: 'percent', values: [8.3] },
      { kind: 'plain', values: [188] },
    ])
    expect(values('R$1,234,567.89, +8.3% and 1,204 orders', 'en')).toEqual([
      { kind: 'plain', values: [1234567.89] },
      { kind: 'percent', values: [8.3] },
      { kind: 'plain', values: [1204] },
    ])
  })

  it('scales compact money by its magnitude word, in either language', () => {
    expect(values('R$ 1,2 mi, R$ 980 mil, R$ 2 bi', 'pt').map((t) => t.values[0])).toEqual([1.2e6, 980e3, 2e9])
    expect(values('R$1.2M, R$980K, 3.5 million', 'en').map((t) => t.values[0])).toEqual([1.2e6, 980e3, 3.5e6])
  })

  it('does not take the start of a word for a magnitude', () => {
    expect(values('2 meses, 3 bilhetes', 'pt').map((t) => t.values[0])).toEqual([2, 3])
  })

  it('reads a model’s ambiguous "1.234" both ways, and "1.234,56" one way only', () => {
    expect(values('1.234', 'either')[0]!.values).toEqual([1234, 1.234])
    expect(values('1,2', 'either')[0]!.values).toEqual([1.2])
    expect(values('1.234,56', 'either')[0]!.values).toEqual([1234.56])
  })
})

describe('checking a rephrased summary', () => {
  const template = 'Faturamento de R$ 1,2 mi na semana passada, +8,3% sobre a semana anterior e −2,1% sobre um ano antes; 2 anomalias.'
  const figures = ['R$ 1.234.567,89', 'R$ 1.140.000,00', '+8,3%', '−2,1%', 'Resumo semanal — Sul — 9 a 15 nov. 2026']

  it('accepts the same numbers written the other locale’s way, or with the direction in words', () => {
    expect(checkSummaryNumbers('Sales reached R$1.2M in the week of 9–15 Nov 2026, up 8.3% on the week before and down 2.1% on a year ago, with 2 anomalies.', [template, ...figures], 'pt')).toEqual({ ok: true })
    expect(checkSummaryNumbers('Foram R$ 1.234.567,89 (1,2 milhão), alta de 8,3 por cento.', [template, ...figures], 'pt')).toEqual({ ok: true })
  })

  it('rejects a changed, rounded or invented number and says which', () => {
    expect(checkSummaryNumbers('Revenue R$1.3M, +8.3% on the week before.', [template, ...figures], 'pt')).toEqual({ ok: false, unmatched: ['1.3M'] })
    expect(checkSummaryNumbers('Revenue R$ 1,2 mi, +8% on the week before.', [template, ...figures], 'pt')).toEqual({ ok: false, unmatched: ['8%'] })
    expect(checkSummaryNumbers('Revenue R$ 1,2 mi across 3 regions.', [template, ...figures], 'pt')).toEqual({ ok: false, unmatched: ['3'] })
  })

  it('does not let a percent stand for a plain number of the same value', () => {
    expect(checkSummaryNumbers('2% anomalies', [template], 'pt')).toEqual({ ok: false, unmatched: ['2%'] })
  })
})

describe('summarizeDigest with a scripted summarizer', () => {
  const input: DigestSummarizerInput = {
    language: 'en',
    template: 'Revenue R$2.4M last week, +5.4% vs the week before and +1.9% vs a year ago; no anomalies.',
    figures: ['R$2,408,545.98', 'R$2,285,168.24', '+5.4%', '+1.9%'],
  }

  it('keeps a rephrasing whose numbers all match, marked as the model’s', async () => {
    const result = await summarizeDigest(input, async ({ template }) => template.replace('Revenue', 'Sales came to').replace('vs the week before', 'up on the week before'))
    expect(result).toEqual({ summary: 'Sales came to R$2.4M last week, +5.4% up on the week before and +1.9% vs a year ago; no anomalies.', summarySource: 'model' })
  })

  it('falls back to the template when the model changes a number, and says which', async () => {
    const reasons: SummaryFallbackReason[] = []
    const result = await summarizeDigest(input, async ({ template }) => template.replace('+5.4%', '+6.4%'), (r) => reasons.push(r))
    expect(result).toEqual({ summary: input.template, summarySource: 'template' })
    expect(reasons).toEqual([{ kind: 'numbers', unmatched: ['6.4%'], text: input.template.replace('+5.4%', '+6.4%') }])
  })

  it('falls back to the template when the summarizer throws, handing the error over', async () => {
    const reasons: SummaryFallbackReason[] = []
    const failure = new Error('model unavailable')
    const result = await summarizeDigest(input, async () => { throw failure }, (r) => reasons.push(r))
    expect(result.summarySource).toBe('template')
    expect(reasons).toEqual([{ kind: 'error', error: failure }])
  })

  it('falls back on an empty or overlong answer', async () => {
    expect((await summarizeDigest(input, async () => '   ')).summarySource).toBe('template')
    expect((await summarizeDigest(input, async () => 'Revenue rose. '.repeat(60))).summarySource).toBe('template')
  })

  it('uses the template as is without a summarizer', async () => {
    expect(await summarizeDigest(input, undefined)).toEqual({ summary: input.template, summarySource: 'template' })
  })
})
