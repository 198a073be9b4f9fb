/**
 * Reads a question about the future ("will we hit the Q4 target?", "previsão de faturamento do Sul para os próximos
 * 3 meses") into a ForecastQuestion for the forecast engine, deterministically and with no model. It reuses the
 * planner's machinery — tokens, the semantic model's metric synonyms, the entity resolver, language detection — and
 * its own period reader (plan-forecast-period.ts), since history's reader stops every range at today.
 *
 * What it decides, and says in `notes` when it had to assume:
 * - the metric: revenue, orders, units or average ticket (revenue when none is named); a target question is about
 *   revenue against the revenue targets; margin, profit or customers cannot be forecast → unsupported;
 * - at most one member of region, category, product or rep; a breakdown ("by region") → unsupported;
 * - the period: the named, current or next one, or "next N units"; none → to the end of the current quarter;
 * - the grain: months, unless the question says daily/weekly or counts days or weeks.
 */
import { dimensions, type Language, type MetricId } from '../semantic/semantic-model.js'
import { formatDate, metricLabel } from './describe-plan.js'
import { detectLanguage } from './detect-language.js'
import { detectOutOfScope } from './detect-out-of-scope.js'
import type { EntityKind, EntityResolver } from './entity-resolver.js'
import { matchVocabulary, type VocabularyMatch } from './match-vocabulary.js'
import { addUnits, readForecastPeriods, unitStart, type ForecastGrain, type ForecastPeriodReading } from './plan-forecast-period.js'
import { forecastFunctionWords, futureRevenueWords, isForecastQuestion } from './plan-forecast-words.js'
import { protectedNames } from './plan-question.js'
import { fillerWords, stopWords } from './question-words.js'
import { selectEntityMentions } from './select-entity-mentions.js'
import { calendarDays } from './calendar-days.js'
import { tokenizeQuestion, type Token } from './tokenize-question.js'

export { isForecastQuestion } from './plan-forecast-words.js'

export type ForecastMetric = 'revenue' | 'orders' | 'units' | 'average_ticket'
export type ForecastDimension = 'region' | 'category' | 'product' | 'rep'

export interface ForecastQuestion {
  /** Revenue when the question names none (noted). */
  readonly metric: ForecastMetric
  readonly filter?: { readonly dimension: ForecastDimension; readonly value: number; readonly label: string }
  readonly grain: ForecastGrain
  /**
   * Periods of `grain` ahead, counted from the one after the current (partial) one, when the question counts them
   * ("next 3 months" → 3); undefined = to the end of `period`. When both are set they agree: the last of the
   * `horizon` periods ends on `period.end`.
   */
  readonly horizon?: number
  /** The period whose end the question is about: "Q4", "this quarter", "this month", "this year", "próximo trimestre"… */
  readonly period?: { readonly start: string; readonly end: string; readonly label: string }
  /** The question asks about hitting the target ("will we hit the Q4 target?", "vamos bater a meta do trimestre?"). */
  readonly aboutTarget: boolean
  readonly language: Language
  /** One sentence restating it, in the question's language. */
  readonly understood: string
  readonly notes: readonly string[]
}

export type ForecastPlanFailureCode = 'not_a_forecast' | 'unknown_entity' | 'unsupported'

export type ForecastPlanOutcome =
  | { readonly ok: true; readonly question: ForecastQuestion }
  | {
      readonly ok: false
      readonly language: Language
      readonly code: ForecastPlanFailureCode
      readonly message: string
      /** 3–4 forecast questions it can read, in the user's language. */
      readonly suggestions: string[]
    }

export interface PlanForecastDeps {
  /** 'YYYY-MM-DD', from the caller's clock in the business time zone. */
  readonly today: string
  readonly resolver: EntityResolver
}

/** How far ahead a forecast may reach: beyond two years the history says too little. */
export const MAX_MONTHS_AHEAD = 24

const forecastMetrics = new Set<MetricId>(['revenue', 'orders', 'units', 'average_ticket'])
const targetMetrics = new Set<MetricId>(['target', 'target_attainment'])
const forecastDimensions = new Set<EntityKind>(['region', 'category', 'product', 'rep'])
const breakdownMarkers = new Set(['by', 'per', 'por', 'each', 'cada', 'across'])
/** Words before an unexplained word that make it look like a name ("vendas da Zuleica", "for Acme"). */
const nameCues = new Set(['de', 'da', 'do', 'das', 'dos', 'of', 'for', 'from', 'para', 'pra', 'pro', 'em', 'no', 'na', 'in'])
const grainOfDimension: Readonly<Record<string, ForecastGrain>> = { day: 'day', week: 'week', month: 'month', quarter: 'month', year: 'month' }
const grainWords: Readonly<Record<Language, Readonly<Record<ForecastGrain, string>>>> = {
  en: { day: 'day', week: 'week', month: 'month' },
  pt: { day: 'dia', week: 'semana', month: 'mês' },
}

const suggestionsFor = (language: Language, name?: string): string[] =>
  language === 'pt'
    ? [
        `Previsão de faturamento${name ? ` de ${name}` : ''} para os próximos 3 meses`,
        'Vamos bater a meta do trimestre?',
        'Quantos pedidos teremos no próximo mês?',
        'Previsão diária de faturamento para os próximos 30 dias',
      ]
    : [`Forecast revenue${name ? ` for ${name}` : ''} for the next 3 months`, 'Will we hit the target this quarter?', 'How many orders will we have next month?', 'Forecast weekly orders for the next 8 weeks']

const meaningsOf = (v: VocabularyMatch) => v.meanings

export async function planForecast(question: string, deps: PlanForecastDeps): Promise<ForecastPlanOutcome> {
  const today = calendarDays.parse(deps.today)
  if (today === undefined) throw new RangeError(`today must be YYYY-MM-DD, got ${deps.today}`)
  const tokens = tokenizeQuestion(question)
  const allMentions = tokens.length > 0 ? await deps.resolver.findMentions(tokens.map((t) => ({ text: t.text, raw: t.raw, free: true, quoted: t.quoted, sentenceStart: t.sentenceStart }))) : []
  const protectedWords = protectedNames(allMentions, tokens)
  const language = detectLanguage(question, protectedWords)
  const pt = language === 'pt'
  const fail = (code: ForecastPlanFailureCode, message: string, name?: string): ForecastPlanOutcome => ({ ok: false, language, code, message, suggestions: suggestionsFor(language, name) })

  if (tokens.length === 0 || !isForecastQuestion(question)) {
    return fail('not_a_forecast', pt ? 'A pergunta não é sobre o futuro: não há previsão a fazer.' : 'The question is not about the future: there is nothing to forecast.')
  }
  if (detectOutOfScope(question)) {
    return fail('unsupported', pt ? 'Só faço previsões de vendas; a pergunta pede outra coisa.' : 'I only forecast sales; the question asks for something else.')
  }

  // ---- period, vocabulary, names ---------------------------------------------------------------
  const periods = readForecastPeriods(question, tokens, deps.today, language, protectedWords)
  const timeUsed = new Set(periods.flatMap((p) => p.consumed))
  let vocabulary = matchVocabulary(tokens, new Set([...timeUsed, ...protectedWords]))
  const blocked = new Set(timeUsed)
  for (const v of vocabulary) if (v.blocking) for (let i = v.start; i < v.end; i++) blocked.add(i)
  const mentions = allMentions.filter((m) => tokens.slice(m.start, m.end).every((t) => t.quoted || !blocked.has(t.index)))
  const selection = selectEntityMentions(mentions, tokens, vocabulary)
  const spanText = (start: number, end: number) => question.slice(tokens[start]!.start, tokens[end - 1]!.end)
  if (selection.ambiguous) {
    const { start, end, candidates } = selection.ambiguous
    const names = candidates.map((c) => c.label).slice(0, 6).join(', ')
    return fail('unknown_entity', pt ? `"${spanText(start, end)}" pode ser mais de um nome: ${names}. Qual deles?` : `"${spanText(start, end)}" could be more than one name: ${names}. Which one?`, candidates[0]!.label)
  }
  const chosen = selection.chosen
  const inMention = new Set<number>()
  for (const c of chosen) for (let i = c.start; i < c.end; i++) inMention.add(i)
  vocabulary = vocabulary.filter((v) => !range(v.start, v.end).some((i) => inMention.has(i)))
  const hints = new Set(chosen.map((c) => c.hint).filter((h): h is VocabularyMatch => h !== undefined))

  const notes: string[] = []

  // ---- metric and target -----------------------------------------------------------------------
  const metricUses = vocabulary.flatMap((v) => meaningsOf(v).flatMap((m) => (m.type === 'metric' ? [{ metric: m.metric, weak: m.weak, at: v.start }] : [])))
  for (const t of tokens) if (futureRevenueWords.has(t.text) && !timeUsed.has(t.index) && !inMention.has(t.index)) metricUses.push({ metric: 'revenue', weak: true, at: t.index })
  metricUses.sort((a, b) => a.at - b.at)
  const aboutTarget = metricUses.some((u) => targetMetrics.has(u.metric))
  const strongOnes = metricUses.filter((u) => !u.weak && !targetMetrics.has(u.metric))
  const considered = strongOnes.length > 0 ? strongOnes : metricUses.filter((u) => !targetMetrics.has(u.metric))
  // A weak noun listed beside the metric ("revenue and orders") is a second metric asked for, not a description.
  const forecastable = unique([
    ...considered.map((u) => u.metric).filter((m) => forecastMetrics.has(m)),
    ...metricUses.filter((u) => u.weak && u.metric !== 'revenue' && forecastMetrics.has(u.metric)).map((u) => u.metric),
  ])
  const other = unique(considered.map((u) => u.metric).filter((m) => !forecastMetrics.has(m) && !targetMetrics.has(m)))
  if (other.length > 0 && (forecastable.length === 0 || strongOnes.some((u) => u.metric === other[0]))) {
    const named = other.map((m) => metricLabel(m, language).toLowerCase()).join(pt ? ' e ' : ' and ')
    return fail(
      'unsupported',
      pt
        ? `Ainda não faço previsão de ${named}; só de faturamento, pedidos, unidades e ticket médio.`
        : `I cannot forecast ${named} yet; only revenue, orders, units and average ticket.`,
    )
  }
  let metric = (forecastable[0] ?? 'revenue') as ForecastMetric
  if (aboutTarget && metric !== 'revenue') {
    notes.push(pt ? `As metas são de faturamento: previ o faturamento, não ${metricLabel(metric, 'pt').toLowerCase()}.` : `Targets are revenue targets: forecast revenue, not ${metricLabel(metric, 'en').toLowerCase()}.`)
    metric = 'revenue'
  } else if (forecastable.length === 0 && !aboutTarget) {
    notes.push(pt ? 'A pergunta não diz qual métrica: usei faturamento.' : 'The question names no metric: used revenue.')
  } else if (forecastable.length > 1) {
    const rest = forecastable.slice(1).map((m) => metricLabel(m, language).toLowerCase()).join(pt ? ' e ' : ' and ')
    notes.push(pt ? `Uma previsão de cada vez: fiz a de ${metricLabel(metric, 'pt').toLowerCase()}; pergunte de novo por ${rest}.` : `One forecast at a time: this one is ${metricLabel(metric, 'en').toLowerCase()}; ask again for ${rest}.`)
  }

  // ---- the one series: a member of a dimension, never a breakdown --------------------------------
  for (const v of vocabulary) {
    if (hints.has(v)) continue
    for (const m of meaningsOf(v)) {
      if (m.type !== 'dimension' || m.dimension in grainOfDimension) continue
      const marked = m.intrinsic || breakdownMarkers.has(tokens[v.start - 1]?.text ?? '')
      if (!marked) continue
      const kind = dimensions[m.dimension].label[language].toLowerCase()
      return fail(
        'unsupported',
        pt ? `Faço uma previsão de cada vez, não uma por ${kind}: diga qual ${kind} (ex.: "região Sul").` : `I forecast one series at a time, not one per ${kind}: name the ${kind} (e.g. "the Sul region").`,
      )
    }
  }
  const kinds = unique(chosen.map((c) => c.candidate.kind))
  const wrongKind = chosen.find((c) => !forecastDimensions.has(c.candidate.kind))
  if (wrongKind) {
    const kind = dimensions[wrongKind.candidate.kind].label[language].toLowerCase()
    return fail(
      'unsupported',
      pt
        ? `Só faço previsões da empresa toda ou de uma região, categoria, produto ou vendedor; "${wrongKind.candidate.label}" é ${kind}.`
        : `I forecast the whole company or one region, category, product or rep; "${wrongKind.candidate.label}" is a ${kind}.`,
    )
  }
  if (chosen.length > 1) {
    const names = chosen.map((c) => c.candidate.label).join(pt ? ' e ' : ' and ')
    return fail('unsupported', pt ? `Faço uma previsão de cada vez: ${names} são ${kinds.length > 1 ? 'filtros diferentes' : 'mais de um'}; pergunte por um deles.` : `I forecast one series at a time: ask about one of ${names}.`)
  }
  const mention = chosen[0]
  const filter = mention ? { dimension: mention.candidate.kind as ForecastDimension, value: Number(mention.candidate.value), label: mention.candidate.label } : undefined
  if (mention && ['fuzzy', 'first_name', 'partial', 'last_name'].includes(mention.candidate.match)) {
    const kind = dimensions[mention.candidate.kind].label[language].toLowerCase()
    notes.push(pt ? `Entendi "${spanText(mention.start, mention.end)}" como ${kind} ${mention.candidate.label}.` : `Took "${spanText(mention.start, mention.end)}" to mean ${kind} ${mention.candidate.label}.`)
  }

  // ---- leftovers: unknown names and ignored words ------------------------------------------------
  const explained = new Set<number>([...timeUsed, ...inMention])
  for (const v of vocabulary) for (let i = v.start; i < v.end; i++) explained.add(i)
  const isContent = (t: Token) =>
    !explained.has(t.index) && !stopWords.has(t.text) && !fillerWords.has(t.text) && !forecastFunctionWords.has(t.text) && !futureRevenueWords.has(t.text) && !/^\d+([.,]\d+)*%?$/.test(t.text)
  const kindWordAt = (i: number) => vocabulary.some((v) => v.end - 1 === i && meaningsOf(v).some((m) => m.type === 'dimension'))
  const ignored: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!isContent(t)) continue
    let end = i + 1
    while (end < tokens.length && isContent(tokens[end]!)) end++
    const previous = tokens[i - 1]
    const looksLikeName =
      t.quoted || (t.raw !== t.raw.toLowerCase() && !t.sentenceStart) || (previous !== undefined && (kindWordAt(previous.index) || (nameCues.has(previous.text) && !explained.has(previous.index))))
    if (looksLikeName) {
      const text = spanText(i, end)
      const closest = await deps.resolver.closestNames(text, { kinds: [...forecastDimensions], limit: 3 })
      const names = closest.map((c) => `${c.label} (${dimensions[c.kind].label[language].toLowerCase()})`).join(', ')
      return fail(
        'unknown_entity',
        pt
          ? `Não encontrei "${text}" entre regiões, categorias, produtos ou vendedores.${names ? ` Parecidos: ${names}.` : ''}`
          : `I found no "${text}" among regions, categories, products or reps.${names ? ` Closest names: ${names}.` : ''}`,
        closest[0]?.label,
      )
    }
    for (let k = i; k < end; k++) ignored.push(tokens[k]!.raw)
    i = end - 1
  }

  // ---- period, grain and horizon ----------------------------------------------------------------
  let reading: Omit<ForecastPeriodReading, 'consumed' | 'text'> | undefined = periods[0]
  if (periods.length > 1 && periods.some((p) => p.start !== periods[0]!.start || p.end !== periods[0]!.end)) {
    notes.push(pt ? `A pergunta cita mais de um período; usei "${periods[0]!.text}".` : `The question names more than one period; used "${periods[0]!.text}".`)
  }
  if (!reading) {
    const start = unitStart(today, 'quarter')
    const { year, month } = calendarDays.parts(start)
    reading = { start, end: addUnits(start, 'quarter', 1) - 1, unit: 'quarter', label: pt ? `${Math.floor((month - 1) / 3) + 1}º trimestre de ${year}` : `Q${Math.floor((month - 1) / 3) + 1} ${year}` }
    notes.push(pt ? `Sem período na pergunta: previsão até o fim do trimestre (${reading.label}).` : `No period in the question: forecast to the end of this quarter (${reading.label}).`)
  }
  if (reading.end < today) {
    return fail('unsupported', pt ? `O período "${reading.label}" já terminou: pergunte pelo realizado, não pela previsão.` : `"${reading.label}" is already over: ask for the actual figures rather than a forecast.`)
  }
  if (reading.end >= calendarDays.addMonths(today, MAX_MONTHS_AHEAD)) {
    return fail('unsupported', pt ? `Faço previsões de no máximo ${MAX_MONTHS_AHEAD} meses à frente; "${reading.label}" vai além.` : `I forecast at most ${MAX_MONTHS_AHEAD} months ahead; "${reading.label}" is further out.`)
  }
  const explicitGrains = unique(
    vocabulary.flatMap((v) => meaningsOf(v).flatMap((m) => (m.type === 'dimension' && m.dimension in grainOfDimension && m.intrinsic ? [m.dimension] : []))),
  )
  let grain: ForecastGrain
  if (explicitGrains.length > 0) {
    grain = grainOfDimension[explicitGrains[0]!]!
    if (explicitGrains[0] === 'quarter' || explicitGrains[0] === 'year') notes.push(pt ? 'Previsões são mensais, semanais ou diárias: usei meses.' : 'Forecasts are monthly, weekly or daily: used months.')
  } else {
    const unit = reading.rolling?.unit ?? reading.unit
    grain = unit === 'day' ? 'day' : unit === 'week' ? 'week' : 'month'
  }
  let horizon: number | undefined
  if (reading.rolling) {
    horizon = 0
    for (let s = addUnits(unitStart(today, grain), grain, 1); s <= reading.end; s = addUnits(s, grain, 1)) horizon++
  }
  if (ignored.length > 0) notes.push(pt ? `Ignorei: ${ignored.map((w) => `"${w}"`).join(', ')}.` : `Ignored: ${ignored.map((w) => `"${w}"`).join(', ')}.`)

  const period = { start: calendarDays.format(reading.start), end: calendarDays.format(reading.end), label: reading.label }
  const result: Omit<ForecastQuestion, 'understood'> = {
    metric,
    ...(filter ? { filter } : {}),
    grain,
    ...(horizon !== undefined ? { horizon } : {}),
    period,
    aboutTarget,
    language,
    notes,
  }
  return { ok: true, question: { ...result, understood: describeForecastQuestion(result, reading.rolling !== undefined, reading.unit) } }
}

/** One sentence restating a forecast question, with its dates. */
function describeForecastQuestion(q: Omit<ForecastQuestion, 'understood'>, rolling: boolean, unit: ForecastPeriodReading['unit']): string {
  const pt = q.language === 'pt'
  const p = q.period!
  const dates = pt ? `de ${formatDate(p.start, 'pt')} a ${formatDate(p.end, 'pt')}` : `${p.start} to ${p.end}`
  const filter = q.filter ? (pt ? ` para ${dimensions[q.filter.dimension].label.pt.toLowerCase()} ${q.filter.label}` : ` for ${dimensions[q.filter.dimension].label.en.toLowerCase()} ${q.filter.label}`) : ''
  const grain = grainWords[q.language][q.grain]
  if (q.aboutTarget) {
    const of = pt ? (unit === 'quarter' || unit === 'half' ? 'do' : unit === 'week' ? 'da' : 'de') : 'of'
    return pt
      ? `Se o faturamento${filter} vai bater a meta ${of} ${p.label} (${dates}), com previsão por ${grain}.`
      : `Whether revenue${filter} will reach the target ${of} ${p.label} (${dates}), forecast by ${grain}.`
  }
  const metric = metricLabel(q.metric, q.language)
  if (unit === 'day' && !rolling) return pt ? `Previsão de ${metric.toLowerCase()}${filter} para ${p.label}.` : `${metric} forecast${filter} for ${p.label}.`
  if (pt) {
    const to = rolling ? `para ${p.label}` : `até o fim ${unit === 'quarter' || unit === 'half' ? 'do' : unit === 'week' ? 'da' : 'de'} ${p.label}`
    return `Previsão de ${metric.toLowerCase()}${filter}, por ${grain}, ${to} (${dates}).`
  }
  return `${metric} forecast${filter}, by ${grain}, ${rolling ? `for ${p.label}` : `to the end of ${p.label}`} (${dates}).`
}

function unique<T>(items: readonly T[]): T[] {
  return [...new Set(items)]
}

function range(start: number, end: number): number[] {
  return Array.from({ length: end - start }, (_, k) => start + k)
}
