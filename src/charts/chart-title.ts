/** The chart's title with its period ("Faturamento por região — mai/2026") and the filters as a subtitle line. */
import { createValueFormatter } from '../answer/format-values.js'
import type { DateRange, QueryPlan } from '../semantic/query-plan.js'
import { dimensions, type Language } from '../semantic/semantic-model.js'
import type { ResultShape } from './result-shape.js'

const utc = (iso: string) => new Date(`${iso}T00:00:00Z`)
const lastDayOfMonth = (iso: string) => {
  const d = utc(iso)
  return new Date(Date.UTC(d.getUTCFullYear(), d.getUTCMonth() + 1, 0)).toISOString().slice(0, 10)
}

/** A period as people say it: a whole month, quarter or year by name; whole months as a span; anything else as dates. */
export function periodLabel(range: DateRange, language: Language, currency: string): string {
  const format = createValueFormatter(language, currency)
  const { start, end } = range
  if (!start.endsWith('-01') || end !== lastDayOfMonth(end)) return format.range(start, end)
  const s = utc(start)
  const e = utc(end)
  const months = (e.getUTCFullYear() - s.getUTCFullYear()) * 12 + e.getUTCMonth() - s.getUTCMonth() + 1
  if (months === 1) return format.bucket(start, 'month')
  if (months === 3 && s.getUTCMonth() % 3 === 0) return format.bucket(start, 'quarter')
  if (months === 12 && s.getUTCMonth() === 0) return format.bucket(start, 'year')
  const lastMonth = `${end.slice(0, 7)}-01`
  const separator = language === 'pt' ? ' a ' : ' – '
  return `${format.bucket(start, 'month')}${separator}${format.bucket(lastMonth, 'month')}`
}

export function chartTitle(shape: ResultShape, language: Language, currency: string, plan?: QueryPlan): string {
  const by = language === 'pt' ? 'por' : 'by'
  const and = language === 'pt' ? ' e ' : ' and '
  const fields = [...shape.categories, ...(shape.time ? [shape.time] : [])]
  const what = fields.length ? `${shape.metric.label} ${by} ${fields.map((f) => f.label.toLowerCase()).join(and)}` : shape.metric.label
  return plan ? `${what} — ${periodLabel(plan.timeRange, language, currency)}` : what
}

/** "Região: Sul" / "Region: all but Norte" — what the rows were limited to. */
export function filterLine(plan: QueryPlan | undefined, language: Language): string | undefined {
  if (!plan?.filters.length) return undefined
  const parts = plan.filters.map((filter) => {
    const label = dimensions[filter.dimension]?.label[language] ?? filter.dimension
    const values = (filter.labels ?? filter.values.map(String)).join(', ')
    const except = filter.exclude ? (language === 'pt' ? 'exceto ' : 'all but ') : ''
    return `${label}: ${except}${values}`
  })
  return parts.join(' · ')
}
