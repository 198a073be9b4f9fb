/**
 * Seasonal naive: each future period repeats the same period one season earlier ("same month last year"). The
 * baseline every other candidate has to beat; with less than one season of history it repeats the last value.
 */
import type { ForecastModel } from './forecast-model.js'

export const seasonalNaiveModel: ForecastModel = {
  name: 'seasonal_naive',
  minLength: () => 1,
  forecast(train, horizon, { seasonLength }) {
    const n = train.length
    if (n === 0) throw new RangeError('seasonal naive needs at least one value')
    if (n < seasonLength) return Array.from({ length: horizon }, () => train[n - 1]!)
    return Array.from({ length: horizon }, (_, h) => train[n - seasonLength + (h % seasonLength)]!)
  },
}
