/**
 * Linear regression on a trend and seasonal terms, fitted with ml-regression: one dummy per season position for
 * short seasons (months of a year, days of a week) once two seasons are there, Fourier terms for long ones (weeks of a
 * year), and a yearly Fourier term for daily series with two years. Strictly positive series are fitted on the log
 * scale, so a season's swing grows with the level (November peaks grow with the business), as sales do. The fit uses
 * the last three years only: one straight trend through a long history misses every change of pace (a business that
 * grew fast and then levelled off), while three years still hold three of each season.
 */
import mlRegression from 'ml-regression'
import type { ForecastModel, ModelContext } from './forecast-model.js'

const daysPerYear = 365.25
/** How much history the trend is fitted to, in years (a season of a monthly or weekly series is a year). */
const trendYears = 3

interface Design {
  readonly dummies: number
  /** Fourier periods and their number of sine/cosine pairs. */
  readonly fourier: readonly { period: number; pairs: number }[]
}

function designFor(length: number, { grain, seasonLength }: ModelContext): Design {
  const twoSeasons = length >= 2 * seasonLength
  const fourier: { period: number; pairs: number }[] = []
  let dummies = 0
  if (twoSeasons && seasonLength > 1 && seasonLength <= 12) dummies = seasonLength
  else if (twoSeasons && seasonLength > 12) {
    // 52 weeks stand for a year of 365.25 days: keep the weeks in step with the calendar.
    const period = grain === 'week' && seasonLength === 52 ? daysPerYear / 7 : seasonLength
    fourier.push({ period, pairs: Math.min(4, Math.floor(seasonLength / 2)) })
  }
  if (grain === 'day' && length >= 2 * 365) fourier.push({ period: daysPerYear, pairs: 3 })
  return { dummies, fourier }
}

function features(t: number, length: number, design: Design): number[] {
  const row = [t / length]
  for (let s = 1; s < design.dummies; s++) row.push(t % design.dummies === s ? 1 : 0)
  for (const { period, pairs } of design.fourier) {
    for (let k = 1; k <= pairs; k++) {
      const angle = (2 * Math.PI * k * t) / period
      row.push(Math.sin(angle), Math.cos(angle))
    }
  }
  return row
}

/** Periods in `trendYears`: seasons of months or weeks (or quarters, when a caller gives season length 4), days. */
function trendWindow({ grain, seasonLength }: ModelContext): number {
  return grain === 'day' ? Math.ceil(trendYears * daysPerYear) : trendYears * seasonLength
}

export const trendSeasonRegressionModel: ForecastModel = {
  name: 'trend_season_regression',
  minLength: () => 4,
  forecast(history, horizon, context) {
    const train = history.slice(-trendWindow(context))
    const n = train.length
    const design = designFor(n, context)
    const log = train.every((v) => v > 0)
    const x = train.map((_, t) => features(t, n, design))
    const y = train.map((v) => [log ? Math.log(v) : v])
    const model = new mlRegression.MultivariateLinearRegression(x, y, { statistics: false })
    const ahead = Array.from({ length: horizon }, (_, h) => features(n + h, n, design))
    return model.predict(ahead).map(([v]) => (log ? Math.exp(v!) : v!))
  },
}
