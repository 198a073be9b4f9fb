import { describe, expect, it } from 'vitest'
import { chooseChart } from '../../src/charts/choose-chart.js'
import { createRefusingLoader } from '../../src/charts/refusing-loader.js'
import { renderChart } from '../../src/charts/render-chart.js'
import { isAppError } from '../../src/errors/app-error.js'
import { categoryShare, monthSeries, regionBreakdown, regionByMonth, regionComparison, seriesWithForecast } from './chart-examples.js'

const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a])
const pngSize = (png: Buffer) => ({ width: png.readUInt32BE(16), height: png.readUInt32BE(20) })

describe('renderChart', () => {
  const examples = { regionBreakdown, monthSeries, regionByMonth, regionComparison, seriesWithForecast, categoryShare }
  for (const [name, make] of Object.entries(examples)) {
    it(`draws ${name} as an SVG with its title and a PNG at least 600 px wide at 2×, without a single warning`, async () => {
      const chart = chooseChart(make('pt'))!
      const warnings: string[] = []
      const rendered = await renderChart(chart.spec, { scale: 2, onWarning: (message) => warnings.push(message) })
      expect(rendered.svg).toMatch(/^<svg/)
      expect(rendered.svg).toContain((chart.spec.title as { text: string }).text)
      expect(rendered.png.subarray(0, 8).equals(pngSignature)).toBe(true)
      expect(pngSize(rendered.png)).toEqual({ width: rendered.width, height: rendered.height })
      expect(rendered.width).toBeGreaterThanOrEqual(600)
      expect(rendered.height).toBeGreaterThan(100)
      expect(warnings).toEqual([])
    })
  }

  it('writes axis labels in pt-BR: R$ 1,5 mi and Portuguese month names', async () => {
    const { svg } = await renderChart(chooseChart(monthSeries('pt'))!.spec)
    expect(svg).toContain('R$ 1,5 mi')
    expect(svg).toContain('R$ 500 mil')
    expect(svg).toMatch(/fev\/2026|mar\/2026/)
  })

  it('writes axis labels in English for English readers: R$1.5M and Feb 2026', async () => {
    const { svg } = await renderChart(chooseChart(monthSeries('en'))!.spec)
    expect(svg).toContain('R$1.5M')
    expect(svg).toMatch(/Mar 2026|Feb 2026/)
  })

  it('refuses a spec that would load data from a URL, before Vega sees it', async () => {
    const spec = { ...chooseChart(regionBreakdown('en'))!.spec, data: { url: 'http://169.254.169.254/latest/meta-data' } }
    const failure = await renderChart(spec).catch((error: unknown) => error)
    expect(isAppError(failure) && failure.code).toBe('unprocessable')
  })

  it('gives Vega a loader that refuses every load, fetch and file read', async () => {
    const loader = createRefusingLoader()
    await expect(loader.load('https://example.com/data.csv')).rejects.toThrow(/refused/)
    await expect(loader.sanitize('data.csv', { context: 'dataflow', response: 'json' })).rejects.toThrow(/refused/)
    await expect(loader.http('https://example.com', {})).rejects.toThrow(/refused/)
    await expect(loader.file('/etc/passwd')).rejects.toThrow(/refused/)
  })
})
