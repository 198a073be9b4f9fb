import { describe, expect, it } from 'vitest'
import { chooseChart, type ChartInput } from '../../src/charts/choose-chart.js'
import { findSpecProblems } from '../../src/charts/validate-spec.js'
import { categoryShare, monthSeries, regionBreakdown, regionByMonth, regionComparison, seriesWithForecast, singleNumber } from './chart-examples.js'
import { createSchemaValidator } from './vega-lite-schema.js'

const schemaProblems = createSchemaValidator()
type Layer = { mark: { type: string; strokeDash?: number[] }; data?: { values: Record<string, unknown>[] }; encoding?: Record<string, { field?: string }> }
const json = (value: unknown) => JSON.stringify(value)

describe('chooseChart', () => {
  it('draws a region breakdown as horizontal bars, largest first, each labelled in pt-BR money', () => {
    const chart = chooseChart(regionBreakdown('pt'))!
    expect(chart.kind).toBe('bar')
    const values = (chart.spec.data as { values: { c0: string; label: string }[] }).values
    expect(values.map((row) => row.c0)).toEqual(['Sudeste', 'Sul', 'Nordeste', 'Centro-Oeste', 'Norte'])
    expect(values.map((row) => row.label)).toEqual(['R$ 4,8 mi', 'R$ 2,1 mi', 'R$ 1,5 mi', 'R$ 880,4 mil', 'R$ 120,1 mil'])
    expect((chart.spec.encoding as { y: { field: string } }).y.field).toBe('c0')
    expect(chart.alt).toContain('Maior: Sudeste (R$ 4,8 mi)')
  })

  it('labels bars the English way for an English reader: R$4.8M, R$120.1K', () => {
    const values = (chooseChart(regionBreakdown('en'))!.spec.data as { values: { label: string }[] }).values
    expect(values.map((row) => row.label)).toEqual(['R$4.8M', 'R$2.1M', 'R$1.5M', 'R$880.4K', 'R$120.1K'])
  })

  it('caps a long ranking at 25 bars and says so under the title', () => {
    const input: ChartInput = { ...regionBreakdown('en'), rows: Array.from({ length: 40 }, (_, i) => ({ region: `Region ${i}`, revenue: 1000 * (i + 1) })) }
    const chart = chooseChart(input)!
    expect((chart.spec.data as { values: unknown[] }).values).toHaveLength(25)
    expect((chart.spec.title as { subtitle: string[] }).subtitle).toContain('Largest 25 of 40')
  })

  it('draws a month series as a line with month names in Portuguese', () => {
    const chart = chooseChart(monthSeries('pt'))!
    expect(chart.kind).toBe('line')
    expect((chart.spec.mark as { type: string }).type).toBe('line')
    const x = (chart.spec.encoding as { x: { type: string; timeUnit: string; axis: { format: string } } }).x
    expect(x).toMatchObject({ type: 'temporal', timeUnit: 'utcyearmonth', axis: { format: '%b/%Y' } })
    const locale = (chart.spec.config as { locale: { time: { shortMonths: string[] }; number: { decimal: string } } }).locale
    expect(locale.time.shortMonths.slice(0, 5)).toEqual(['jan', 'fev', 'mar', 'abr', 'mai'])
    expect(locale.number.decimal).toBe(',')
  })

  it('draws a region × month result as a heatmap with regions ordered by their total and months in order', () => {
    const chart = chooseChart(regionByMonth('pt'))!
    expect(chart.kind).toBe('heatmap')
    const encoding = chart.spec.encoding as { x: { sort: string[] }; y: { sort: string[] } }
    expect(encoding.y.sort).toEqual(['Sudeste', 'Sul', 'Nordeste', 'Centro-Oeste', 'Norte'])
    expect(encoding.x.sort).toEqual(['jan/2026', 'fev/2026', 'mar/2026', 'abr/2026', 'mai/2026', 'jun/2026'])
    expect(((chart.spec.layer as Layer[])[0]!.mark).type).toBe('rect')
  })

  it('draws one line per region instead when a line chart is asked for', () => {
    const chart = chooseChart({ ...regionByMonth('en'), kind: 'line' })!
    expect(chart.kind).toBe('line')
    expect((chart.spec.encoding as { color: { field: string } }).color.field).toBe('c0')
  })

  it('draws a comparison with the previous period as grouped bars, this period first', () => {
    const chart = chooseChart(regionComparison('pt'))!
    expect(chart.kind).toBe('grouped_bar')
    const color = (chart.spec.encoding as { color: { scale: { domain: string[] } } }).color
    expect(color.scale.domain).toEqual(['mai/2026', 'abr/2026'])
    expect((chart.spec.data as { values: unknown[] }).values).toHaveLength(10)
  })

  it('draws a forecast as a dashed line after the solid history, over its 95% and 80% bands, joined at the last actual point', () => {
    const chart = chooseChart(seriesWithForecast('en'))!
    expect(chart.kind).toBe('line')
    const layers = chart.spec.layer as Layer[]
    expect(layers.map((layer) => layer.mark.type)).toEqual(['area', 'area', 'line', 'line'])
    expect(layers[0]!.encoding!.y!.field).toBe('lo95')
    expect(layers[1]!.encoding!.y!.field).toBe('lo80')
    expect(layers[2]!.mark.strokeDash).toBeUndefined()
    expect(layers[3]!.mark.strokeDash).toEqual([6, 4])
    const forecast = layers[3]!.data!.values
    expect(forecast[0]).toMatchObject({ t: '2026-06-01', v: 1_720_400 })
    expect(forecast).toHaveLength(4)
    expect(chart.alt).toContain('Forecast for Sep 2026: R$1.8M (80%: R$1.5M–R$2.2M; 95%: R$1.3M–R$2.4M)')
  })

  it('draws a share request as one 100% stacked bar, the smallest parts gathered as Others, shares in the legend', () => {
    const chart = chooseChart(categoryShare('pt'))!
    expect(chart.kind).toBe('stacked_bar')
    expect((chart.spec.encoding as { x: { stack: string } }).x.stack).toBe('normalize')
    const parts = (chart.spec.encoding as { color: { sort: string[] } }).color.sort
    expect(parts[0]).toBe('Eletrônicos (34%)')
    expect(parts.at(-1)).toBe('Outros (11%)')
    expect(parts).toHaveLength(8)
  })

  it('falls back to the automatic choice when the asked kind does not fit (a share of an average)', () => {
    const input = { ...regionBreakdown('en'), plan: { ...regionBreakdown('en').plan!, metrics: ['average_ticket' as const] }, columns: [{ name: 'region', role: 'dimension', id: 'region' }, { name: 'revenue', role: 'metric', id: 'average_ticket' }], kind: 'stacked_bar' as const }
    expect(chooseChart(input)!.kind).toBe('bar')
  })

  it('titles charts with the metric, the breakdown and the period, in both languages', () => {
    expect((chooseChart(regionBreakdown('pt'))!.spec.title as { text: string }).text).toBe('Faturamento por região — mai/2026')
    expect((chooseChart(regionBreakdown('en'))!.spec.title as { text: string }).text).toBe('Revenue by region — May 2026')
    expect((chooseChart(monthSeries('pt'))!.spec.title as { text: string }).text).toBe('Faturamento por mês — jan/2026 a jun/2026')
    expect((chooseChart(monthSeries('en'))!.spec.title as { text: string }).text).toBe('Revenue by month — Jan 2026 – Jun 2026')
    expect((chooseChart({ ...regionBreakdown('en'), title: 'Given title' })!.spec.title as { text: string }).text).toBe('Given title')
  })

  it('shows the filters under the title', () => {
    const input = { ...monthSeries('pt'), plan: { ...monthSeries('pt').plan!, filters: [{ dimension: 'region' as const, values: [5], labels: ['Sul'] }] } }
    expect((chooseChart(input)!.spec.title as { subtitle: string[] }).subtitle).toEqual(['Região: Sul'])
  })

  it('charts free SQL results from their values: dates become a time axis, money-named columns money', () => {
    const chart = chooseChart({ language: 'pt', currency: 'BRL', columns: [{ name: 'mes', role: 'value' }, { name: 'receita', role: 'value' }], rows: [{ mes: '2026-01-01', receita: '1200.5' }, { mes: '2026-02-01', receita: 900 }] })!
    expect(chart.kind).toBe('line')
    expect((chart.spec.title as { text: string }).text).toBe('receita por mes')
    expect(json(chart.spec)).toContain("'R$ '")
  })

  it('gives no chart for a single number, no rows, one bar, or more than two breakdowns', () => {
    expect(chooseChart(singleNumber())).toBeUndefined()
    expect(chooseChart({ ...regionBreakdown(), rows: [] })).toBeUndefined()
    expect(chooseChart({ ...regionBreakdown(), rows: [{ region: 'Sul', revenue: 10 }] })).toBeUndefined()
    const threeWays = { ...regionByMonth(), columns: [...regionByMonth().columns.slice(0, 2), { name: 'category', role: 'dimension', id: 'category' }, { name: 'revenue', role: 'metric', id: 'revenue' }], rows: [{ region: 'Sul', month: '2026-01-01', category: 'Casa', revenue: 1 }] }
    expect(chooseChart(threeWays)).toBeUndefined()
  })

  const everyChart = { regionBreakdown, monthSeries, regionByMonth, regionComparison, seriesWithForecast, categoryShare }
  for (const [name, make] of Object.entries(everyChart)) {
    for (const language of ['en', 'pt'] as const) {
      it(`produces a ${name} spec (${language}) that is valid Vega-Lite, inlines its data and passes our own gate`, () => {
        const chart = chooseChart(make(language))!
        expect(schemaProblems(chart.spec)).toEqual([])
        expect(findSpecProblems(chart.spec)).toEqual([])
        expect(json(chart.spec)).not.toMatch(/"url"/)
        expect(chart.alt.length).toBeGreaterThan(20)
      })
    }
  }
})
