/**
 * An external series from CSV text (e.g. a public dataset): one date column and one value column, a header row
 * optional, comma, semicolon or tab separated. Dates are YYYY-MM-DD or YYYY-MM (monthly data); rows are summed into
 * periods of the grain, and periods with no row between the first and the last are zero.
 */
import { CsvError, parse } from 'csv-parse/sync'
import { AppError } from '../errors/app-error.js'
import { periodsBetween, periodStart, isCalendarDay, type ForecastGrain } from './forecast-grain.js'

export interface CsvSeries {
  readonly periods: readonly string[]
  readonly values: readonly number[]
}

export function readSeriesCsv(text: string, grain: ForecastGrain): CsvSeries {
  const firstLine = text.split(/\r?\n/, 1)[0] ?? ''
  const delimiter = ['\t', ';', ','].reduce((best, d) => (firstLine.split(d).length > firstLine.split(best).length ? d : best), ',')
  let records: string[][]
  try {
    records = parse(text, { delimiter, skip_empty_lines: true, trim: true, relax_column_count: true, bom: true }) as string[][]
  } catch (error) {
    throw new AppError('unprocessable', `The CSV file could not be read: ${error instanceof CsvError ? error.message : String(error)}`, {}, { cause: error })
  }
  const sums = new Map<string, number>()
  records.forEach((record, index) => {
    const [rawDate, rawValue] = [record[0] ?? '', record[1] ?? '']
    const date = /^\d{4}-\d{2}$/.test(rawDate) ? `${rawDate}-01` : rawDate.slice(0, 10)
    const value = Number(rawValue.replace(/[^\d.eE+-]/g, ''))
    if (!isCalendarDay(date) || rawValue === '' || !Number.isFinite(value)) {
      // A header row is expected; anything else that is not a date and a number is an error worth naming.
      if (index === 0) return
      throw new AppError('unprocessable', `Line ${index + 1} of the CSV is not "date,value": ${record.join(delimiter)}`)
    }
    const period = periodStart(date, grain)
    sums.set(period, (sums.get(period) ?? 0) + value)
  })
  if (sums.size === 0) throw new AppError('unprocessable', 'The CSV file has no rows of "date,value".')
  const keys = [...sums.keys()].sort()
  const periods = periodsBetween(keys[0]!, keys[keys.length - 1]!, grain)
  return { periods, values: periods.map((p) => sums.get(p) ?? 0) }
}
