/**
 * `salesmatrix forecast`: a metric's forecast from the database (names resolved with the entity resolver), or any
 * external date,value series from a CSV file (no database). The CLI opens the database and hands over the runner.
 */
import { readFile } from 'node:fs/promises'
import { parseArgs } from 'node:util'
import type { Kysely } from 'kysely'
import { todayIn } from '../analyst/today-in.js'
import type { Config } from '../config/config.js'
import type { Database } from '../db/schema.js'
import { AppError } from '../errors/app-error.js'
import { createEntityResolver } from '../planner/entity-resolver.js'
import type { GuardedSqlRunner, SqlPrincipal } from '../sql-guard/index.js'
import { createForecaster } from './create-forecaster.js'
import { addPeriods, forecastGrains, type ForecastGrain } from './forecast-grain.js'
import { forecastDimensions, forecastMetrics, type ForecastDimension, type ForecastMetric } from './forecast-request.js'
import { forecastSeries, loadForecastModels } from './forecast-series.js'
import { formatForecast, formatForecastLines } from './format-forecast.js'
import { readSeriesCsv } from './read-series-csv.js'

export interface ForecastCommandContext {
  readonly config: Config
  /** Opens the database, creates the guarded runner and runs `work` with them. */
  withDatabase(work: (deps: { db: Kysely<Database>; runner: GuardedSqlRunner; principal: SqlPrincipal }) => Promise<number>): Promise<number>
  /** Defaults to the system clock. */
  readonly clock?: () => Date
}

export async function runForecastCommand(args: string[], context: ForecastCommandContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: { metric: { type: 'string' }, by: { type: 'string' }, grain: { type: 'string' }, horizon: { type: 'string' }, today: { type: 'string' }, csv: { type: 'string' }, json: { type: 'boolean' } },
  })
  const grain = (values.grain ?? 'month') as ForecastGrain
  if (!forecastGrains.includes(grain)) throw new AppError('bad_request', `--grain is one of ${forecastGrains.join(', ')}`)
  const horizon = values.horizon === undefined ? undefined : wholeNumber('--horizon', values.horizon)

  if (values.csv !== undefined) {
    if (horizon === undefined) throw new AppError('bad_request', 'Give the horizon: salesmatrix forecast --csv FILE --horizon 12')
    const text = await readFile(values.csv, 'utf8').catch((error: NodeJS.ErrnoException) => {
      throw new AppError('bad_request', `Cannot read ${values.csv}: ${error.code ?? error.message}`)
    })
    const series = readSeriesCsv(text, grain)
    await loadForecastModels()
    const result = forecastSeries(series.values, { grain, horizon })
    const last = series.periods[series.periods.length - 1]!
    const forecast = result.forecast.map((p, i) => ({ period: addPeriods(last, grain, i + 1), ...p }))
    if (values.json) console.log(JSON.stringify({ ...result, historyLength: series.values.length, forecast }, null, 2))
    else console.log([`${values.csv}: ${series.values.length} ${grain}s, ${horizon} ahead:`, ...formatForecastLines({ ...result, forecast }, grain)].join('\n'))
    return 0
  }

  const metric = (values.metric ?? '') as ForecastMetric
  if (!forecastMetrics.includes(metric)) throw new AppError('bad_request', `--metric is one of ${forecastMetrics.join(', ')}`)
  if (values.today !== undefined && !/^\d{4}-\d{2}-\d{2}$/.test(values.today)) throw new AppError('bad_request', '--today must be YYYY-MM-DD')
  const today = values.today ?? todayIn(context.config.timeZone, (context.clock ?? (() => new Date()))())
  return context.withDatabase(async ({ db, runner, principal }) => {
    let filter: { dimension: ForecastDimension; value: number; label: string } | undefined
    if (values.by !== undefined) {
      const [kind, ...rest] = values.by.split('=')
      const name = rest.join('=').trim()
      if (!forecastDimensions.includes(kind as ForecastDimension) || !name) throw new AppError('bad_request', `--by is KIND=NAME with KIND one of ${forecastDimensions.join(', ')}, e.g. --by region=Sul`)
      const [match] = await createEntityResolver(db).closestNames(name, { kinds: [kind as ForecastDimension], limit: 1 })
      if (!match || typeof match.value !== 'number') throw new AppError('not_found', `No ${kind} is called "${name}".`)
      filter = { dimension: kind as ForecastDimension, value: match.value, label: match.label }
    }
    const result = await createForecaster({ db, runner }).forecast({ metric, grain, ...(filter ? { filter } : {}), ...(horizon ? { horizon } : {}), principal, today, purpose: 'cli' })
    console.log(values.json ? JSON.stringify(result, null, 2) : formatForecast(result))
    return 0
  })
}

function wholeNumber(flag: string, value: string): number {
  if (!/^\d+$/.test(value) || Number(value) < 1) throw new AppError('bad_request', `${flag} must be a whole number from 1, got "${value}"`)
  return Number(value)
}
