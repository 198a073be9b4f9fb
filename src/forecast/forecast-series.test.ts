import { beforeAll, describe, expect, it } from 'vitest'
import { isAppError } from '../errors/app-error.js'
import { forecastSeries, loadForecastModels } from './forecast-series.js'

/** A deterministic pseudo-random stream (Park–Miller) with Gaussian draws. */
function gaussian(seed: number): () => number {
  let state = seed
  const uniform = () => {
    state = (state * 16807) % 2147483647
    return state / 2147483647
  }
  return () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform())
}

/** Trend + yearly season + noise, months. */
function monthlySeries(length: number, seed: number, noise = 40): number[] {
  const draw = gaussian(seed)
  return Array.from({ length }, (_, t) => 1000 + 8 * t + 200 * Math.sin((2 * Math.PI * t) / 12) + noise * draw())
}

beforeAll(async () => {
  await loadForecastModels()
})

describe('forecastSeries', () => {
  it('beats seasonal naive on a series with a known trend and season, and says which model it chose', () => {
    const result = forecastSeries(monthlySeries(48, 7), { grain: 'month', horizon: 3 })
    expect(result.candidates.map((c) => c.name)).toEqual(['seasonal_naive', 'trend_season_regression', 'ets', 'mstl_ets', 'mstl_ets_log'])
    expect(result.model.name).not.toBe('seasonal_naive')
    expect(result.model.mase).toBeLessThan(result.baseline.mase)
    expect(result.candidates.filter((c) => c.chosen)).toEqual([expect.objectContaining({ name: result.model.name })])
  })

  it('gives 80% and 95% intervals that cover about that share of held-out values over many simulated series', () => {
    let covered80 = 0
    let covered95 = 0
    let total = 0
    for (let seed = 1; seed <= 60; seed++) {
      const series = monthlySeries(51, seed * 101)
      const result = forecastSeries(series.slice(0, 48), { grain: 'month', horizon: 3 })
      result.forecast.forEach((p, h) => {
        const actual = series[48 + h]!
        total++
        if (actual >= p.lo80 && actual <= p.hi80) covered80++
        if (actual >= p.lo95 && actual <= p.hi95) covered95++
      })
    }
    expect(covered80 / total).toBeGreaterThan(0.7)
    expect(covered80 / total).toBeLessThan(0.93)
    expect(covered95 / total).toBeGreaterThan(0.87)
  })

  it('still forecasts a short history with the simpler models, and says so', () => {
    const result = forecastSeries(monthlySeries(10, 3), { grain: 'month', horizon: 2 })
    expect(result.forecast).toHaveLength(2)
    expect(result.candidates.map((c) => c.name)).not.toContain('mstl_ets')
    expect(result.notes.join(' ')).toMatch(/Short history: 10 periods/)
  })

  it('forecasts zero for a series of zeros without fitting anything', () => {
    const result = forecastSeries(new Array(24).fill(0), { grain: 'month', horizon: 3 })
    expect(result.forecast.every((p) => p.point === 0 && p.hi95 === 0)).toBe(true)
    expect(result.notes.join(' ')).toMatch(/All 24 periods had nothing/)
  })

  it('never forecasts below zero for a series that never went below it, even with many zeros', () => {
    const series = Array.from({ length: 30 }, (_, t) => (t % 3 === 0 ? 0 : 5 + (t % 4)))
    const result = forecastSeries(series, { grain: 'month', horizon: 4 })
    for (const p of result.forecast) expect(p.lo95).toBeGreaterThanOrEqual(0)
    expect(result.notes.join(' ')).toMatch(/10 of 30 periods had nothing/)
  })

  it('refuses fewer than six periods with a typed error that says why', () => {
    let caught: unknown
    try {
      forecastSeries([1, 2, 3, 4, 5], { grain: 'month', horizon: 1 })
    } catch (error) {
      caught = error
    }
    expect(isAppError(caught) && caught.code === 'unprocessable' && /at least 6/.test(caught.message)).toBe(true)
  })
})
