/**
 * Reads the public series committed under evals/forecast/ (extracted from R's datasets package by
 * extract-r-datasets.R): `date,value` rows, one per month or quarter, oldest first.
 */
import { readFileSync } from 'node:fs'
import { fileURLToPath } from 'node:url'

export interface PublicSeries {
  readonly name: string
  /** 12 for monthly series, 4 for quarterly ones. */
  readonly seasonLength: number
  readonly dates: readonly string[]
  readonly values: readonly number[]
}

/** The series, with their season length: what the benchmark and the public-series test evaluate. */
export const publicSeries = [
  { name: 'AirPassengers', seasonLength: 12 },
  { name: 'USAccDeaths', seasonLength: 12 },
  { name: 'UKgas', seasonLength: 4 },
  { name: 'nottem', seasonLength: 12 },
  { name: 'co2', seasonLength: 12 },
] as const

export type PublicSeriesName = (typeof publicSeries)[number]['name']

export function loadPublicSeries(name: PublicSeriesName): PublicSeries {
  const { seasonLength } = publicSeries.find((s) => s.name === name)!
  const text = readFileSync(fileURLToPath(new URL(`./${name}.csv`, import.meta.url)), 'utf8')
  const [header, ...rows] = text.trim().split(/\r?\n/)
  if (header !== 'date,value') throw new Error(`${name}.csv must start with the header "date,value", got "${header}"`)
  const dates: string[] = []
  const values: number[] = []
  rows.forEach((row, index) => {
    const [date, raw] = row.split(',')
    const value = Number(raw)
    if (!/^\d{4}-\d{2}-01$/.test(date ?? '') || raw === undefined || raw === '' || !Number.isFinite(value)) {
      throw new Error(`Line ${index + 2} of ${name}.csv is not "YYYY-MM-01,number": ${row}`)
    }
    dates.push(date!)
    values.push(value)
  })
  return { name, seasonLength, dates, values }
}
