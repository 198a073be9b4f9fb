/**
 * One sentence, in the question's language, that restates a plan: metrics, breakdowns, filters, the period
 * with its dates, the comparison, top/bottom and order, and the assumptions the planner made. The user reads it
 * to check the planner understood; it never contains a number from the data.
 */
import type { DateRange, PlanFilter, QueryPlan } from '../semantic/query-plan.js'
import { dimensions, metrics, type Language, type MetricId } from '../semantic/semantic-model.js'

export interface PlanDescriptionExtras {
  /** The metric was not named; this one was assumed. */
  readonly assumedMetric?: MetricId
  /** Short remarks about filter values, e.g. "the state, not the city of the same name". */
  readonly filterRemarks?: ReadonlyMap<string, string>
}

const lower = (text: string) => text.charAt(0).toLowerCase() + text.slice(1)
const capital = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)

function list(items: readonly string[], language: Language, conjunction: 'and' | 'or' = 'and'): string {
  if (items.length <= 1) return items[0] ?? ''
  const word = language === 'pt' ? (conjunction === 'and' ? 'e' : 'ou') : conjunction
  return `${items.slice(0, -1).join(', ')} ${word} ${items.at(-1)}`
}

export function formatDate(iso: string, language: Language): string {
  return language === 'pt' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso
}

export function describeRange(range: DateRange, language: Language): string {
  const dates = range.start === range.end
    ? formatDate(range.start, language)
    : language === 'pt' ? `de ${formatDate(range.start, language)} a ${formatDate(range.end, language)}` : `from ${formatDate(range.start, language)} to ${formatDate(range.end, language)}`
  const single = range.start === range.end ? (language === 'pt' ? `em ${dates}` : `on ${dates}`) : dates
  return range.label ? `${single} (${range.label})` : single
}

export function metricLabel(metric: MetricId, language: Language): string {
  return metrics[metric].label[language]
}

function describeFilter(filter: PlanFilter, language: Language, remarks?: ReadonlyMap<string, string>): string {
  const kind = lower(dimensions[filter.dimension].label[language])
  const names = (filter.labels ?? filter.values.map(String)).map((label, i) => {
    const remark = remarks?.get(`${filter.dimension}:${String(filter.values[i])}`)
    if (!remark) return label
    // "São Paulo (SP)" + remark → "São Paulo (SP; the state, not the city of the same name)"
    return label.endsWith(')') ? `${label.slice(0, -1)}; ${remark})` : `${label} (${remark})`
  })
  const values = list(names, language, 'or')
  if (language === 'pt') return filter.exclude ? `exceto ${kind} ${values}` : `${kind} ${values}`
  return filter.exclude ? `excluding ${kind} ${values}` : `${kind} ${values}`
}

export function describePlan(plan: QueryPlan, language: Language, extras: PlanDescriptionExtras = {}): string {
  const parts: string[] = []
  const metricNames = plan.metrics.map((m, i) => (i === 0 ? metricLabel(m, language) : lower(metricLabel(m, language))))
  let head = list(metricNames, language)
  if (extras.assumedMetric) head += language === 'pt' ? ' (métrica assumida, a pergunta não disse qual)' : ' (assumed: the question names no metric)'
  if (plan.dimensions.length > 0) {
    const dims = plan.dimensions.map((d) => lower(dimensions[d].label[language]))
    head += language === 'pt' ? ` por ${list(dims, language)}` : ` by ${list(dims, language)}`
  }
  parts.push(head)
  const included = plan.filters.filter((f) => !f.exclude).map((f) => describeFilter(f, language, extras.filterRemarks))
  const excluded = plan.filters.filter((f) => f.exclude).map((f) => describeFilter(f, language, extras.filterRemarks))
  if (included.length > 0) parts.push(language === 'pt' ? `para ${list(included, language)}` : `for ${list(included, language)}`)
  if (excluded.length > 0) parts.push(list(excluded, language))
  parts.push(describeRange(plan.timeRange, language))
  if (plan.comparison) {
    const kind = {
      previous_period: { en: 'the previous period', pt: 'o período anterior' },
      same_period_last_year: { en: 'the same period a year earlier', pt: 'o mesmo período do ano anterior' },
      custom: { en: 'another period', pt: 'outro período' },
    }[plan.comparison.kind][language]
    const range = describeRange({ start: plan.comparison.range.start, end: plan.comparison.range.end }, language)
    parts.push(language === 'pt' ? `comparado com ${kind}, ${range}` : `compared with ${kind}, ${range}`)
  }
  let sentence = parts.join(', ')
  if (plan.sort) {
    const by = 'metric' in plan.sort.by ? lower(metricLabel(plan.sort.by.metric, language)) : lower(dimensions[plan.sort.by.dimension].label[language])
    const desc = plan.sort.direction === 'desc'
    if (plan.limit === 1) sentence += language === 'pt' ? `; só o ${desc ? 'maior' : 'menor'} em ${by}` : `; only the ${desc ? 'highest' : 'lowest'} by ${by}`
    else if (plan.limit !== undefined) sentence += language === 'pt' ? `; os ${plan.limit} ${desc ? 'maiores' : 'menores'} em ${by}` : `; the ${desc ? 'top' : 'bottom'} ${plan.limit} by ${by}`
    else sentence += language === 'pt' ? `; ordenado por ${by}, ${desc ? 'do maior para o menor' : 'do menor para o maior'}` : `; sorted by ${by}, ${desc ? 'highest first' : 'lowest first'}`
  }
  return `${capital(sentence)}.`
}
