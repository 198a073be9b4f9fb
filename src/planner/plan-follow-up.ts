/**
 * Merges what a follow-up message names into the previous turn's plan: named parts replace the previous ones
 * of their kind ("e por categoria?" replaces the breakdown, "só da Maria" the rep filter, "e o ticket médio?"
 * the metric), everything else is kept; cues move the period or drop a part (read-follow-up-cues.ts). Pure.
 */
import type { DateRange, PlanComparison, PlanFilter, PlanSort, QueryPlan } from '../semantic/query-plan.js'
import { dimensions as dimensionDefinitions, timeDimensionIds, type DimensionId, type Language, type MetricId, type TimeDimensionId } from '../semantic/semantic-model.js'
import { describeRange, formatDate } from './describe-plan.js'
import { defaultRangeRule } from './parse-time-range.js'
import type { MessageParts } from './plan-question.js'
import type { FollowUpCues } from './read-follow-up-cues.js'
import { periodName, shiftTimeRange, type ShiftUnit } from './shift-time-range.js'

export interface FollowUpContext {
  /** 'YYYY-MM-DD': no period may end after it. */
  readonly today: string
  readonly language: Language
  /** The previous turn's language: kept periods are renamed when the conversation switches ("last month" → "maio de 2026"). */
  readonly previousLanguage: Language
}

export type FollowUpProblem = { readonly code: 'future_period'; readonly text: string } | { readonly code: 'too_many_breakdowns'; readonly dimensions: readonly DimensionId[] }

export type FollowUpMerge = { readonly ok: true; readonly plan: QueryPlan; readonly notes: readonly string[] } | { readonly ok: false; readonly problem: FollowUpProblem }

const timeDimensions = new Set<DimensionId>(timeDimensionIds)
const union = <T>(a: readonly T[], b: readonly T[]): T[] => [...a, ...b.filter((x) => !a.includes(x))]
const lowerLabel = (d: DimensionId, language: Language) => dimensionDefinitions[d].label[language].toLowerCase()

export function mergeFollowUp(previous: QueryPlan, parts: MessageParts, cues: FollowUpCues, context: FollowUpContext): FollowUpMerge {
  const { language } = context
  const pt = language === 'pt'
  const notes: string[] = []
  const asks = (type: FollowUpCues['actions'][number]['type']) => cues.actions.some((a) => a.type === type)
  const adding = asks('add')

  const metrics: readonly MetricId[] = parts.metrics.length === 0 ? previous.metrics : adding ? union(previous.metrics, parts.metrics) : parts.metrics
  const { filters, changed } = mergeFilters(previous.filters, parts.filters, cues, adding)

  let dimensions: DimensionId[] = parts.dimensions.length > 0 ? (adding ? union(previous.dimensions, parts.dimensions) : [...parts.dimensions]) : asks('drop_breakdowns') ? [] : [...previous.dimensions]
  // A breakdown by what this message just narrowed to one value would show a single row ("só para a região Sul"
  // after "por região"): dropped, unless the message asks for it again. Several values keep it ("Sul e Sudeste").
  for (const d of [...dimensions]) {
    const narrowed = filters.find((f) => f.dimension === d && !f.exclude && f.values.length === 1 && changed.has(f.dimension))
    if (!narrowed || parts.dimensions.includes(d)) continue
    dimensions = dimensions.filter((x) => x !== d)
    const label = lowerLabel(d, language)
    const name = narrowed.labels?.[0] ?? String(narrowed.values[0])
    notes.push(pt ? `Tirei a divisão por ${label}: o filtro deixa só ${name}.` : `Dropped the breakdown by ${label}: the filter leaves only ${name}.`)
  }
  if (dimensions.length > 2) return { ok: false, problem: { code: 'too_many_breakdowns', dimensions } }

  const period = mergePeriod(previous, parts, cues, dimensions, context)
  if (!period.ok) return period
  notes.unshift(...period.notes)

  let comparison: PlanComparison | undefined = previous.comparison
  if (comparison && language !== context.previousLanguage) comparison = comparisonFor(period.range, { kind: comparison.kind, range: renamed(comparison.range, language) }, language)
  if (asks('drop_comparison')) comparison = undefined
  else if (parts.time.comparison) comparison = period.named ? parts.time.comparison : comparisonFor(period.range, parts.time.comparison, language)
  else if (comparison && period.changed) {
    // The comparison follows the period ("and the month before?" after "… vs the previous month"); a named one cannot.
    if (comparison.kind === 'custom') {
      notes.push(pt ? 'O período mudou: deixei de fora a comparação com outro período.' : 'The period changed: left out the comparison with another period.')
      comparison = undefined
    } else comparison = comparisonFor(period.range, comparison, language)
  }

  const ranked = mergeRanking(previous, parts, metrics, dimensions, asks('drop_limit'), language)
  notes.push(...ranked.notes)
  const plan: QueryPlan = {
    metrics: ranked.metrics,
    dimensions,
    filters,
    timeRange: period.range,
    ...(comparison ? { comparison } : {}),
    ...(ranked.sort ? { sort: ranked.sort } : {}),
    ...(ranked.sort && ranked.limit !== undefined ? { limit: ranked.limit } : {}),
  }
  return { ok: true, plan, notes }
}

/** New filters replace the previous ones on their dimension ("exceto Sudeste" replaces "Sul"); with "also" they add values. */
function mergeFilters(previous: readonly PlanFilter[], named: readonly PlanFilter[], cues: FollowUpCues, adding: boolean): { filters: PlanFilter[]; changed: Set<DimensionId> } {
  let filters = [...previous]
  for (const a of cues.actions) if (a.type === 'drop_filters') filters = a.dimension ? filters.filter((f) => f.dimension !== a.dimension) : []
  const changed = new Set<DimensionId>(named.map((f) => f.dimension))
  if (!adding) return { filters: [...filters.filter((f) => !changed.has(f.dimension)), ...named], changed }
  for (const f of named) {
    const i = filters.findIndex((g) => g.dimension === f.dimension && Boolean(g.exclude) === Boolean(f.exclude))
    if (i < 0) {
      filters.push(f)
      continue
    }
    const old = filters[i]!
    const values = [...old.values]
    const labels = [...(old.labels ?? old.values.map(String))]
    f.values.forEach((v, k) => {
      if (values.includes(v)) return
      values.push(v)
      labels.push(f.labels?.[k] ?? String(v))
    })
    filters[i] = { ...old, values, labels }
  }
  return { filters, changed }
}

type PeriodMerge = { ok: true; range: DateRange; named: boolean; changed: boolean; notes: string[] } | { ok: false; problem: FollowUpProblem }

function mergePeriod(previous: QueryPlan, parts: MessageParts, cues: FollowUpCues, dimensions: readonly DimensionId[], context: FollowUpContext): PeriodMerge {
  const { language, today } = context
  const pt = language === 'pt'
  if (parts.time.explicit && parts.time.phrase !== undefined) return { ok: true, range: parts.time.range, named: true, changed: true, notes: [...parts.time.notes] }

  const shifts = cues.actions.filter((a): a is Extract<FollowUpCues['actions'][number], { type: 'shift_period' }> => a.type === 'shift_period')
  if (shifts.length > 0) {
    let range: DateRange = previous.timeRange
    for (const s of shifts) range = shiftTimeRange(range, s.unit, s.steps)
    if (range.start > today) return { ok: false, problem: { code: 'future_period', text: describeRange(range, language) } }
    const notes = [movedNote(previous.timeRange, shifts[0]!.unit, shifts.reduce((n, s) => n + s.steps, 0), language)]
    if (range.end > today) {
      range = { start: range.start, end: today }
      notes.push(pt ? `O período ainda não terminou: considerei até hoje (${formatDate(today, 'pt')}).` : `The period is not over yet: counted up to today (${today}).`)
    }
    const name = periodName(range, language)
    return { ok: true, range: name ? { ...range, label: name } : range, named: false, changed: true, notes }
  }

  // The previous period was the default for its breakdown ("by month" → the last 12 months): a new time
  // breakdown gets its own default, as a new question would.
  const before = previous.dimensions.find((d): d is TimeDimensionId => timeDimensions.has(d))
  const after = dimensions.find((d): d is TimeDimensionId => timeDimensions.has(d))
  if (before !== after && isDefaultRange(previous.timeRange, before, today)) {
    const fallback = defaultRangeRule(today, after, language)
    return { ok: true, range: fallback.range, named: false, changed: true, notes: [fallback.note] }
  }
  const range = language === context.previousLanguage ? previous.timeRange : renamed(previous.timeRange, language)
  return { ok: true, range, named: false, changed: false, notes: [] }
}

/** The same dates named in `language`: the month, quarter or year, else no name (the dates speak for themselves). */
function renamed(range: DateRange, language: Language): DateRange {
  const name = periodName(range, language)
  return { start: range.start, end: range.end, ...(name ? { label: name } : {}) }
}

function isDefaultRange(range: DateRange, timeBreakdown: TimeDimensionId | undefined, today: string): boolean {
  return (['en', 'pt'] as const).some((language) => {
    const d = defaultRangeRule(today, timeBreakdown, language).range
    return d.start === range.start && d.end === range.end && d.label === range.label
  })
}

const unitWords: Readonly<Record<ShiftUnit, Record<Language, string>>> = {
  day: { en: 'one day', pt: 'um dia' },
  week: { en: 'one week', pt: 'uma semana' },
  month: { en: 'one month', pt: 'um mês' },
  quarter: { en: 'one quarter', pt: 'um trimestre' },
  half: { en: 'one half-year', pt: 'um semestre' },
  year: { en: 'one year', pt: 'um ano' },
  period: { en: 'one period of its length', pt: 'um período do mesmo tamanho' },
}

function movedNote(from: DateRange, unit: ShiftUnit, steps: number, language: Language): string {
  const dates = describeRange({ start: from.start, end: from.end }, language)
  const amount = Math.abs(steps) === 1 ? unitWords[unit][language] : `${Math.abs(steps)} × ${unitWords[unit][language]}`
  if (language === 'pt') return `Contei a partir do período da pergunta anterior (${dates}): ${amount} ${steps < 0 ? 'antes' : 'depois'}.`
  return `Counted from the previous question's period (${dates}): ${amount} ${steps < 0 ? 'earlier' : 'later'}.`
}

/** A comparison of the same kind for another period; a named period compared with is kept, its kind re-read. */
export function comparisonFor(range: DateRange, comparison: PlanComparison, language: Language): PlanComparison {
  const previousPeriod = shiftTimeRange(range, 'period', -1)
  const yearEarlier = shiftTimeRange(range, 'year', -1)
  const same = (a: DateRange, b: DateRange) => a.start === b.start && a.end === b.end
  let kind = comparison.kind
  if (kind === 'custom') kind = same(comparison.range, yearEarlier) ? 'same_period_last_year' : same(comparison.range, previousPeriod) ? 'previous_period' : 'custom'
  if (kind === 'custom') return comparison
  const labels = { previous_period: { en: 'previous period', pt: 'período anterior' }, same_period_last_year: { en: 'same period last year', pt: 'mesmo período do ano anterior' } }
  return { kind, range: { ...(kind === 'previous_period' ? previousPeriod : yearEarlier), label: labels[kind][language] } }
}

interface RankingMerge { metrics: readonly MetricId[]; sort?: PlanSort; limit?: number; notes: string[] }

/** "top 5 only", "e os 3 piores?" re-rank what the previous turn split by; a new metric carries the order with it. */
function mergeRanking(previous: QueryPlan, parts: MessageParts, metrics: readonly MetricId[], dimensions: readonly DimensionId[], dropLimit: boolean, language: Language): RankingMerge {
  const pt = language === 'pt'
  const notes: string[] = []
  if (dimensions.length === 0) {
    if (parts.ranking) notes.push(pt ? 'Não há o que ordenar: não há divisão (ex.: "por vendedor").' : 'Nothing to rank: there is no breakdown (e.g. "by rep").')
    return { metrics, notes }
  }
  let sort = previous.sort
  let limit = previous.limit
  const previousMetric = sort && 'metric' in sort.by ? sort.by.metric : undefined
  if (parts.ranking) {
    const r = parts.ranking
    const by = r.metric ?? (previousMetric && metrics.includes(previousMetric) ? previousMetric : metrics[0]!)
    sort = { by: { metric: by }, direction: r.direction ?? sort?.direction ?? 'desc' }
    limit = r.limit ?? (r.singular ? 1 : r.rankWord && !r.sortOnly ? (previous.limit ?? 10) : previous.limit)
    if (r.limit === undefined && !r.singular && r.rankWord && !r.sortOnly && previous.limit === undefined) {
      notes.push(pt ? 'Sem quantidade na pergunta: mostro os 10 primeiros.' : 'No count given: showing the first 10.')
    }
  } else if (sort && previousMetric && !metrics.includes(previousMetric)) {
    sort = { ...sort, by: { metric: metrics[0]! } }
  } else if (sort && 'dimension' in sort.by && !dimensions.includes(sort.by.dimension)) {
    sort = undefined
  }
  if (dropLimit) limit = undefined
  const sortMetric = sort && 'metric' in sort.by ? sort.by.metric : undefined
  return { metrics: sortMetric && !metrics.includes(sortMetric) ? [...metrics, sortMetric] : metrics, ...(sort ? { sort } : {}), ...(sort && limit !== undefined ? { limit } : {}), notes }
}
