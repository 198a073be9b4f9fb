/**
 * The forecast engine on public series (R's datasets, committed under evals/forecast/): the automatic choice, scored
 * by nested rolling-origin backtest so that it never chooses on the periods it is judged on, has to beat seasonal
 * naive on MASE. Deterministic: the models have no randomness and nothing here is timed.
 */
import { beforeAll, describe, expect, it } from 'vitest'
import { loadPublicSeries, type PublicSeriesName } from '../../evals/forecast/load-public-series.js'
import { loadForecastModels } from '../../src/forecast/forecast-series.js'
import { automaticChoiceName, nestedBacktest, type NestedBacktestResult } from '../../src/forecast/nested-backtest.js'

/**
 * The bench's settings (npm run bench:forecast): the 24 latest outer origins, month by month, 3 months ahead (the
 * engine's usual horizon, to the end of the quarter). On USAccDeaths the margin is small (MASE 0.527 against 0.555),
 * and scoring every other origin instead turns it into a small loss (0.569 against 0.556): a change that moves these
 * figures should be looked at, not tuned to pass.
 */
const outerFolds = 24

function nested(name: PublicSeriesName, horizon: number): NestedBacktestResult {
  const series = loadPublicSeries(name)
  return nestedBacktest(series.values, { grain: 'month', horizon, seasonLength: series.seasonLength, folds: outerFolds })
}

const maseOf = (result: NestedBacktestResult, name: string) => result.scores.find((s) => s.name === name)!.mase

beforeAll(async () => {
  await loadForecastModels()
})

describe('the automatic choice on public series, by nested rolling-origin backtest', () => {
  it('reads the committed CSVs whole: AirPassengers 1949–1960 and USAccDeaths 1973–1978, monthly', () => {
    const air = loadPublicSeries('AirPassengers')
    expect(air.values).toHaveLength(144)
    expect([air.dates[0], air.dates.at(-1), air.values[0], air.values.at(-1)]).toEqual(['1949-01-01', '1960-12-01', 112, 432])
    const deaths = loadPublicSeries('USAccDeaths')
    expect(deaths.values).toHaveLength(72)
    expect([deaths.dates[0], deaths.dates.at(-1), deaths.values[0]]).toEqual(['1973-01-01', '1978-12-01', 9007])
  })

  it('beats seasonal naive on AirPassengers, whose seasons grow with the level, 3 months ahead', () => {
    const result = nested('AirPassengers', 3)
    expect(result.folds).toBe(outerFolds)
    expect(maseOf(result, automaticChoiceName)).toBeLessThan(maseOf(result, 'seasonal_naive'))
  })

  it('beats seasonal naive on USAccDeaths, a short series with a changing trend, 3 months ahead', () => {
    const result = nested('USAccDeaths', 3)
    expect(result.folds).toBe(outerFolds)
    expect(maseOf(result, automaticChoiceName)).toBeLessThan(maseOf(result, 'seasonal_naive'))
  })
})
