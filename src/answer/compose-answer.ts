/**
 * Turns a plan and the rows its guard-approved SQL returned into the answer text: the figures in the
 * user's language and locale, the period with dates, one "how computed" line, a table for breakdowns,
 * the row count, and the SQL when asked. Every number shown is a value from the rows — none is made up here.
 */
import type { PlanColumn, QueryPlan } from '../semantic/query-plan.js'
import { dimensions, metrics, type DimensionId, type Language, type MetricId, type TimeDimensionId } from '../semantic/semantic-model.js'
import type { ValueFormatter } from './format-values.js'

export interface AnswerInput {
  plan: QueryPlan
  columns: readonly PlanColumn[]
  rows: readonly Record<string, unknown>[]
  truncated: boolean
  sql: string
  showSql: boolean
  notes: readonly string[]
  formatter: ValueFormatter
  /** Rows shown in the text table; the rest are counted. */
  maxTableRows?: number
}

export interface ComposedAnswer {
  text: string
  /** The first line alone, for notifications and previews. */
  headline: string
}

const words = {
  en: { and: 'and', by: 'by', for: 'for', how: 'How computed', filters: 'filters', rows: (n: number) => `${n} row${n === 1 ? '' : 's'}`, showing: (a: number, b: number) => `showing ${a} of ${b}`, truncated: 'the result was cut at the row limit', none: 'No sales matched this question in that period.', vs: 'vs', previous: 'previous', change: 'change', except: 'except', assumed: 'Assumed', sql: 'SQL' },
  pt: { and: 'e', by: 'por', for: 'em', how: 'Como foi calculado', filters: 'filtros', rows: (n: number) => `${n} linha${n === 1 ? '' : 's'}`, showing: (a: number, b: number) => `mostrando ${a} de ${b}`, truncated: 'o resultado foi cortado no limite de linhas', none: 'Nenhuma venda corresponde a esta pergunta no período.', vs: 'vs', previous: 'anterior', change: 'variação', except: 'exceto', assumed: 'Suposição', sql: 'SQL' },
} as const

const isTime = (id: DimensionId): id is TimeDimensionId => dimensions[id].kind === 'time'
const asNumber = (value: unknown): number | null => (value === null || value === undefined ? null : typeof value === 'number' ? value : Number(value))

export function composeAnswer(input: AnswerInput): ComposedAnswer {
  const { plan, formatter: f } = input
  const lang = f.language
  const w = words[lang]
  const period = f.range(plan.timeRange.start, plan.timeRange.end)
  const metricLabels = plan.metrics.map((m) => metrics[m].label[lang])
  const scope = plan.filters.map((filter) => filterText(filter, lang))
  const title = `${joinList(metricLabels, w.and)}${plan.dimensions.length ? ` ${w.by} ${joinList(plan.dimensions.map((d) => dimensions[d].label[lang].toLowerCase()), w.and)}` : ''}${scope.length ? ` (${scope.join('; ')})` : ''}`
  const lines: string[] = []

  if (input.rows.length === 0) {
    lines.push(`${title} — ${period}: ${w.none}`)
  } else if (plan.dimensions.length === 0) {
    lines.push(`${title} — ${period}:`)
    const row = input.rows[0]!
    for (const metric of plan.metrics) lines.push(`• ${metrics[metric].label[lang]}: ${f.metric(asNumber(row[metric]), metrics[metric].unit)}${comparisonText(metric, row, input)}`)
    if (lines.length === 2) lines.splice(0, 2, `${title} — ${period}: ${lines[1]!.replace(/^• [^:]+: /, '')}`)
  } else {
    lines.push(`${title} — ${period}:`)
    lines.push(...renderTable(input))
  }

  lines.push('', `${w.how}: ${howComputed(plan, lang)}`)
  const count = [w.rows(input.rows.length)]
  if (input.truncated) count.push(w.truncated)
  lines.push(`${count.join('; ')}.`)
  for (const note of input.notes) lines.push(`${w.assumed}: ${note}`)
  if (input.showSql) lines.push('', `${w.sql}:`, '```sql', input.sql.trim(), '```')
  return { text: lines.join('\n'), headline: lines[0]! }
}

function comparisonText(metric: MetricId, row: Record<string, unknown>, input: AnswerInput): string {
  const comparison = input.plan.comparison
  if (!comparison) return ''
  const f = input.formatter
  const w = words[f.language]
  const unit = metrics[metric].unit
  const previous = asNumber(row[`${metric}_previous`])
  const changePct = asNumber(row[`${metric}_change_pct`])
  const change = asNumber(row[`${metric}_change`])
  const delta = unit === 'percent' ? f.change(change, unit) : changePct === null ? f.change(change, unit) : f.percent(changePct, { signed: true })
  return ` (${w.vs} ${f.metric(previous, unit)} ${f.language === 'pt' ? 'em' : 'in'} ${f.range(comparison.range.start, comparison.range.end)}: ${delta})`
}

export interface FormattedTable {
  /** Column headers in the answer's language. */
  readonly header: string[]
  /** Every row, each value formatted for the locale (money, counts, percents, period buckets). */
  readonly display: string[][]
}

/** The result rows as display strings with headers: the one formatting of a table every surface shows. */
export function formatTable(input: Pick<AnswerInput, 'columns' | 'rows' | 'formatter'>): FormattedTable {
  const f = input.formatter
  const lang = f.language
  const w = words[lang]
  const cells = (row: Record<string, unknown>): string[] =>
    input.columns.map((column) => {
      const value = row[column.name]
      switch (column.role) {
        case 'dimension': {
          const id = column.id as DimensionId
          if (value === null || value === undefined) return '—'
          return isTime(id) ? f.bucket(String(value), id) : String(value)
        }
        case 'metric':
        case 'previous':
          return f.metric(asNumber(value), metrics[column.id as MetricId].unit)
        case 'change':
          return f.change(asNumber(value), metrics[column.id as MetricId].unit)
        case 'change_pct': {
          const n = asNumber(value)
          return n === null ? '—' : f.percent(n, { signed: true })
        }
      }
    })
  const header = input.columns.map((column) => {
    const label = column.role === 'dimension' ? dimensions[column.id as DimensionId].label[lang] : metrics[column.id as MetricId].label[lang]
    return column.role === 'metric' || column.role === 'dimension' ? label : `${label} (${column.role === 'previous' ? w.previous : column.role === 'change' ? w.change : `${w.change} %`})`
  })
  return { header, display: input.rows.map(cells) }
}

function renderTable(input: AnswerInput): string[] {
  const w = words[input.formatter.language]
  const max = input.maxTableRows ?? 20
  const { header, display } = formatTable({ ...input, rows: input.rows.slice(0, max) })
  const shown = display
  const widths = header.map((h, i) => Math.max(h.length, ...shown.map((r) => r[i]!.length)))
  const numeric = input.columns.map((c) => c.role !== 'dimension')
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!))
  const out = ['```', header.map(pad).join('  '), widths.map((n) => '─'.repeat(n)).join('  '), ...shown.map((r) => r.map(pad).join('  ')), '```']
  if (input.rows.length > max) out.push(`(${w.showing(max, input.rows.length)})`)
  return out
}

/** "Revenue = sum of line totals … of completed orders; filters: region = Sul." */
export function howComputed(plan: QueryPlan, lang: Language): string {
  const w = words[lang]
  const definitions = plan.metrics.map((m) => `${metrics[m].label[lang]} = ${metrics[m].definition[lang]}`).join('; ')
  const filters = plan.filters.map((filter) => filterText(filter, lang))
  const lowest = plan.sort?.direction === 'asc'
  const sort = plan.limit ? (lang === 'pt' ? `; os ${plan.limit} ${lowest ? 'menores' : 'maiores'}` : `; ${lowest ? 'bottom' : 'top'} ${plan.limit}`) : ''
  return `${definitions}${filters.length ? `; ${w.filters}: ${filters.join(', ')}` : ''}${sort}.`
}

/** "região = Sul", "region except Sudeste", "rep = Maria Silva or João Santos". */
function filterText(filter: QueryPlan['filters'][number], lang: Language): string {
  const names = (filter.labels ?? filter.values).map(String)
  return `${dimensions[filter.dimension].label[lang].toLowerCase()} ${filter.exclude ? `${words[lang].except} ` : '= '}${joinList(names, lang === 'pt' ? 'ou' : 'or')}`
}

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join('')
  return `${items.slice(0, -1).join(', ')} ${and} ${items[items.length - 1]}`
}
