/**
 * Reads an answer's columns and rows as a chart sees them: at most one time axis, categorical breakdowns, the headline
 * metric (and its previous-period column), with values coerced to numbers and dates to 'YYYY-MM-DD'.
 * Fields are renamed to fixed keys (t, c0, c1, v, p) so no column name is ever read as a Vega field path.
 */
import { dimensions, metrics, type DimensionId, type MetricId, type MetricUnit, type TimeDimensionId } from '../semantic/semantic-model.js'
import type { ChartInput } from './chart-input.js'

export interface ShapeField {
  /** The key in the chart's data rows. */
  readonly key: 't' | 'c0' | 'c1'
  /** The column name in the result. */
  readonly column: string
  readonly label: string
}

export interface ResultShape {
  readonly time?: ShapeField & { readonly grain: TimeDimensionId }
  readonly categories: readonly ShapeField[]
  readonly metric: { readonly column: string; readonly label: string; readonly unit: MetricUnit; readonly additive: boolean }
  /** The comparison period's value of the metric, when the plan has a comparison. */
  readonly previousColumn?: string
  /** Rows keyed t / c0 / c1 / v (metric) / p (previous); rows without a metric value are dropped. */
  readonly data: readonly Readonly<Record<string, string | number | null>>[]
}

const isoDate = /^\d{4}-\d{2}-\d{2}/
const numericText = /^-?\d+(\.\d+)?(e[+-]?\d+)?$/i
const timeIds = new Set<string>(['day', 'week', 'month', 'quarter', 'year'])
// Free SQL has no units; a money-sounding column name is the best hint there is.
const moneyName = /revenue|receita|faturamento|valor|amount|total|ticket|profit|lucro|sales|vendas|price|pre[cç]o/i

export function toNumber(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null
  if (typeof value === 'bigint') return Number(value)
  if (typeof value === 'string' && numericText.test(value.trim())) return Number(value)
  return null
}

export function toIsoDate(value: unknown): string | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.toISOString().slice(0, 10)
  if (typeof value === 'string' && isoDate.test(value)) return value.slice(0, 10)
  return null
}

const toText = (value: unknown): string | null => (value === null || value === undefined ? null : String(value))

/** The grain of free-SQL dates: months when every date is a first of month (years when all are 1 January), else days. */
function inferGrain(dates: readonly string[]): TimeDimensionId {
  if (dates.length > 1 && dates.every((d) => d.endsWith('-01-01'))) return 'year'
  if (dates.every((d) => d.endsWith('-01'))) return 'month'
  return 'day'
}

export function readResultShape(input: ChartInput): ResultShape | undefined {
  const { language, plan, columns, rows } = input
  if (!rows.length || !columns.length) return undefined

  let timeColumn: { name: string; grain: TimeDimensionId; label: string } | undefined
  const categoryColumns: { name: string; label: string }[] = []
  let metric: ResultShape['metric'] | undefined
  let previousColumn: string | undefined

  if (plan) {
    for (const column of columns) {
      const id = column.id ?? column.name
      if (column.role === 'dimension') {
        const definition = dimensions[id as DimensionId]
        const label = definition?.label[language] ?? column.name
        if (timeIds.has(id) && !timeColumn) timeColumn = { name: column.name, grain: id as TimeDimensionId, label }
        else categoryColumns.push({ name: column.name, label })
      } else if (column.role === 'metric' && !metric) {
        const definition = metrics[id as MetricId]
        metric = { column: column.name, label: definition?.label[language] ?? column.name, unit: definition?.unit ?? 'count', additive: definition?.additive ?? false }
      }
    }
    if (metric) previousColumn = columns.find((c) => c.role === 'previous' && c.name === `${metric!.column}_previous`)?.name
  } else {
    for (const column of columns) {
      const values = rows.map((row) => row[column.name]).filter((value) => value !== null && value !== undefined)
      if (!values.length) continue
      if (values.every((value) => toNumber(value) !== null)) {
        if (!metric) metric = { column: column.name, label: column.name, unit: moneyName.test(column.name) ? 'currency' : 'count', additive: true }
      } else if (values.every((value) => toIsoDate(value) !== null) && !timeColumn) {
        timeColumn = { name: column.name, grain: inferGrain(values.map((value) => toIsoDate(value)!)), label: column.name }
      } else {
        categoryColumns.push({ name: column.name, label: column.name })
      }
    }
  }
  if (!metric) return undefined

  const categoryKeys = ['c0', 'c1'] as const
  const categories = categoryColumns.slice(0, 2).map((column, i): ShapeField => ({ key: categoryKeys[i]!, column: column.name, label: column.label }))
  // More than two breakdowns do not fit one chart; the caller gets no chart rather than a misleading one.
  if (categoryColumns.length + (timeColumn ? 1 : 0) > 2) return undefined

  const data: Record<string, string | number | null>[] = []
  for (const row of rows) {
    const value = toNumber(row[metric.column])
    if (value === null) continue
    const out: Record<string, string | number | null> = { v: value }
    if (timeColumn) {
      const date = toIsoDate(row[timeColumn.name])
      if (date === null) continue
      out.t = date
    }
    for (const category of categories) out[category.key] = toText(row[category.column]) ?? '—'
    if (previousColumn) out.p = toNumber(row[previousColumn])
    data.push(out)
  }
  if (timeColumn) data.sort((a, b) => String(a.t).localeCompare(String(b.t)))

  return {
    ...(timeColumn ? { time: { key: 't' as const, column: timeColumn.name, label: timeColumn.label, grain: timeColumn.grain } } : {}),
    categories,
    metric,
    ...(previousColumn ? { previousColumn } : {}),
    data,
  }
}
