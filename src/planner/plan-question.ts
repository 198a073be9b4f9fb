/**
 * The offline planner: turns a question in English or Portuguese into a QueryPlan, deterministically and with
 * no model. The question is tokenised and normalised (lower-case, no accents, no punctuation); then
 *   1. refusals first: writes, instructions, secrets, personal data, raw SQL, other topics → out_of_scope;
 *   2. time expressions (parse-time-range.ts) take their words;
 *   3. the semantic model's synonyms and the planner's function phrases match, longest first;
 *   4. the entity resolver names regions, reps, customers, products, places and stored values among the
 *      words left, helped by the kind words next to them;
 *   5. what remains is either ordinary filler, a typo of a metric ("faturamneto"), an unknown name (→
 *      unknown_entity) or a word reported as ignored.
 * It never guesses silently: every assumption (default period, assumed metric, state rather than city, a
 * corrected typo, a default top-10) is in `notes` and in the `understood` sentence.
 */
import type { DateRange, PlanComparison, PlanFilter, PlanSort, QueryPlan } from '../semantic/query-plan.js'
import { dimensions, timeDimensionIds, type DimensionId, type Language, type MetricId, type TimeDimensionId } from '../semantic/semantic-model.js'
import { describePlan, metricLabel } from './describe-plan.js'
import { detectLanguage } from './detect-language.js'
import { detectOutOfScope, type OutOfScopeReason } from './detect-out-of-scope.js'
import type { EntityCandidate, EntityKind, EntityMention, EntityResolver } from './entity-resolver.js'
import { matchVocabulary, matchVocabularyTypos, type VocabularyMatch } from './match-vocabulary.js'
import { parseTimeRange, type ParsedTimeRange } from './parse-time-range.js'
import type { Direction, Meaning } from './planner-vocabulary.js'
import { fillerWords, stopWords } from './question-words.js'
import { selectEntityMentions, type ChosenMention } from './select-entity-mentions.js'
import { suggestQuestions } from './suggest-questions.js'
import { tokenizeQuestion, type Token } from './tokenize-question.js'

export interface PlanQuestionDeps {
  /** 'YYYY-MM-DD', from the caller's clock in the business time zone. */
  readonly today: string
  readonly resolver: EntityResolver
}

export type PlanFailureCode = 'no_metric' | 'unknown_entity' | 'ambiguous_entity' | 'out_of_scope' | 'unsupported'

export type PlanOutcome =
  | {
      readonly ok: true
      readonly plan: QueryPlan
      readonly language: Language
      /** One sentence in the question's language restating the plan. */
      readonly understood: string
      readonly wantsSql: boolean
      readonly wantsChart: boolean
      /** Assumptions the planner made, in the question's language. */
      readonly notes: string[]
    }
  | {
      readonly ok: false
      readonly language: Language
      readonly code: PlanFailureCode
      readonly understood: string
      /** What it understood and what it could not map. */
      readonly message: string
      /** 3–5 questions it can answer, in the user's language. */
      readonly suggestions: string[]
    }

type Failure = Extract<PlanOutcome, { ok: false }>
type Success = Extract<PlanOutcome, { ok: true }>

/**
 * How to read a conversation's follow-up message (plan-turn.ts): the previous turn supplies whatever the message
 * leaves out, so nothing is assumed here — no default metric, no "nothing to rank" — and the caller merges.
 */
export interface FollowUpReading {
  /** Token positions the follow-up reader already explained ("instead", "the month before"). */
  readonly explained: ReadonlySet<number>
  /** The language to write in (the previous turn's when the message is too short to tell). */
  readonly language: Language
  /** A month or quarter named without a year is read in this year, once it has started (the previous period's year). */
  readonly yearForUndated?: number
}

/** What a follow-up message names by itself; empty or undefined parts are left to the previous turn. */
export interface MessageParts {
  readonly metrics: readonly MetricId[]
  readonly dimensions: readonly DimensionId[]
  readonly filters: readonly PlanFilter[]
  readonly filterRemarks: ReadonlyMap<string, string>
  /** The period as read; `explicit` and `phrase` say whether the message named one. */
  readonly time: ParsedTimeRange
  /** Top/bottom or sort words, whether or not the message says what to rank. */
  readonly ranking?: {
    readonly direction?: Direction
    readonly limit?: number
    /** A sort word ("ranked", "do maior pro menor"): order without a default top 10. */
    readonly sortOnly: boolean
    /** A top/bottom word ("top", "piores"). */
    readonly rankWord: boolean
    /** One row asked for ("o pior vendedor"). */
    readonly singular?: boolean
    /** The metric named as what to rank by. */
    readonly metric?: MetricId
  }
  readonly wantsSql: boolean
  readonly wantsChart: boolean
  /** Assumptions, other than the period's (those are in `time.notes`). */
  readonly notes: readonly string[]
  /** Content words the planner could not use. */
  readonly ignored: readonly string[]
}

const timeDimensions = new Set<DimensionId>(timeDimensionIds)
/** Articles and possessives that may stand between a marker and its noun ("by the region", "por todos os vendedores"). */
const articles = new Set(['the', 'a', 'an', 'o', 'a', 'os', 'as', 'our', 'nosso', 'nossa', 'nossos', 'nossas', 'seus', 'suas', 'all', 'todos', 'todas', 'de', 'da', 'do', 'das', 'dos'])
/** Words before an unexplained word that make it look like a name ("vendas da Zuleica", "for Acme"). */
const nameCues = new Set(['de', 'da', 'do', 'das', 'dos', 'em', 'no', 'na', 'nos', 'nas', 'of', 'for', 'from', 'in', 'at', 'para', 'pra', 'pro', 'pela', 'pelo', 'by', 'with', 'com', 'to', 'a', 'o', 'ao', 'à'])
const compareWords = new Set(['compare', 'comparing', 'comparar', 'compara', 'comparando', 'comparado', 'comparada', 'vs', 'versus', 'x', 'contra', 'against', 'compared'])
const smallNumbers: Readonly<Record<string, number>> = {
  one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, twelve: 12, fifteen: 15, twenty: 20,
  um: 1, uma: 1, dois: 2, duas: 2, tres: 3, quatro: 4, cinco: 5, seis: 6, sete: 7, oito: 8, nove: 9, dez: 10, doze: 12, quinze: 15, vinte: 20,
}
const futureWords = /\b(forecast|forecasts|predict|prediction|projection|project|projecao|projecoes|projetar|projete|previsao|previsoes|prever|preveja|estimativa|tomorrow|amanha|next (week|month|quarter|year)|proxim[oa] (semana|mes|trimestre|ano|semestre)|(mes|ano|semana|trimestre) que vem)\b/
const thresholdWords = /\b(more than|less than|fewer than|greater than|higher than|lower than|over|under|above|below|acima de|abaixo de|mais de|menos de|maior que|menor que|maiores que|menores que|superior a|inferior a|at least|at most|pelo menos|no minimo|no maximo|mais do que|menos do que|exceeding|exceeded|passou de|passaram de|ultrapassou)\s+(r\s+)?\d/

function numberValue(token: Token | undefined): number | undefined {
  if (!token) return undefined
  if (/^\d{1,3}$/.test(token.text)) return Number(token.text)
  return smallNumbers[token.text]
}

const meaningOf = <T extends Meaning['type']>(match: VocabularyMatch | undefined, type: T): Extract<Meaning, { type: T }> | undefined =>
  match?.meanings.find((m): m is Extract<Meaning, { type: T }> => m.type === type)

export async function planQuestion(question: string, deps: PlanQuestionDeps): Promise<PlanOutcome> {
  const read = await readQuestion(question, deps, undefined)
  if ('parts' in read) throw new Error('planQuestion read a follow-up without follow-up options')
  return read
}

/** Reads a follow-up message for plan-turn.ts: its own parts, or the failure planQuestion would give. */
export async function readFollowUpMessage(question: string, deps: PlanQuestionDeps, followUp: FollowUpReading): Promise<Failure | { readonly ok: true; readonly parts: MessageParts }> {
  const read = await readQuestion(question, deps, followUp)
  if (read.ok && !('parts' in read)) throw new Error('readQuestion planned a follow-up as a whole question')
  return read
}

async function readQuestion(question: string, deps: PlanQuestionDeps, followUp: FollowUpReading | undefined): Promise<Failure | Success | { readonly ok: true; readonly parts: MessageParts }> {
  const tokens = tokenizeQuestion(question)
  const preExplained = followUp?.explained ?? new Set<number>()
  // Every name the question could be making, over all its words. Exact names of several real words
  // ("Rio de Janeiro", "Licença Anual …") keep their words from the time and vocabulary readers.
  const allMentions = tokens.length > 0 ? await deps.resolver.findMentions(tokens.map((t) => ({ text: t.text, raw: t.raw, free: !preExplained.has(t.index), quoted: t.quoted, sentenceStart: t.sentenceStart }))) : []
  const protectedWords = protectedNames(allMentions, tokens)
  const language = followUp?.language ?? detectLanguage(question, protectedWords)
  const timeOptions = { language, skip: new Set([...protectedWords, ...preExplained]), ...(followUp?.yearForUndated !== undefined ? { yearForUndated: followUp.yearForUndated } : {}) }
  const pt = language === 'pt'
  const generic = (code: Failure['code'], understood: string, message: string, periodText?: string): Failure => ({
    ok: false,
    language,
    code,
    understood,
    message,
    suggestions: suggestQuestions({ language, question, ...(periodText ? { periodText } : {}) }),
  })

  if (tokens.length === 0) {
    return generic('no_metric', pt ? 'Nada.' : 'Nothing.', pt ? 'A pergunta está vazia. Pergunte, por exemplo, pelo faturamento de um período.' : 'The question is empty. Ask, for example, for the revenue of a period.')
  }

  const refusal = detectOutOfScope(question)
  if (refusal) return generic('out_of_scope', refusalUnderstood(refusal, language), refusalMessage(refusal, language))

  const normalized = tokens.map((t) => t.text).join(' ')
  if (futureWords.test(normalized)) {
    return generic(
      'unsupported',
      pt ? 'Um pedido de previsão ou de um período futuro.' : 'A request for a forecast or a future period.',
      pt ? 'Só respondo sobre vendas que já aconteceram; previsões ainda não são suportadas.' : 'I only answer about sales that already happened; forecasts are not supported yet.',
    )
  }
  if (thresholdWords.test(normalized)) {
    return generic(
      'unsupported',
      pt ? 'Um filtro por valor mínimo ou máximo ("acima de …").' : 'A filter on a minimum or maximum value ("more than …").',
      pt
        ? 'Ainda não filtro resultados por valor ("acima de", "mais de"). Peça um ranking (top 10) ou a lista completa e compare.'
        : 'I cannot filter results by value yet ("more than", "over"). Ask for a ranking (top 10) or the full list instead.',
    )
  }

  // ---- time, vocabulary, names -----------------------------------------------------------------
  let time = parseTimeRange(question, deps.today, timeOptions)
  const timeUsed = new Set([...time.consumed, ...preExplained])
  let vocabulary = matchVocabulary(tokens, new Set([...timeUsed, ...protectedWords]))
  const blocked = new Set(timeUsed)
  for (const v of vocabulary) if (v.blocking) for (let i = v.start; i < v.end; i++) blocked.add(i)

  // Mentions over words nothing else took (quoted words always count as a name).
  const mentions = allMentions.filter((m) => tokens.slice(m.start, m.end).every((t) => t.quoted || !blocked.has(t.index)))
  const selection = selectEntityMentions(mentions, tokens, vocabulary)
  const spanText = (start: number, end: number) => question.slice(tokens[start]!.start, tokens[end - 1]!.end)

  if (selection.ambiguous) {
    const { start, end, candidates, more } = selection.ambiguous
    const text = spanText(start, end)
    const kind = lowerLabel(candidates[0]!.kind, language, true)
    const one = lowerLabel(candidates[0]!.kind, language)
    const names = candidates.map((c) => c.label)
    const hidden = Math.max(0, names.length - 6) + more
    const listed = names.slice(0, 6).join(', ') + (hidden > 0 ? (pt ? ` e mais ${hidden}` : ` and ${hidden} more`) : '')
    return {
      ok: false,
      language,
      code: 'ambiguous_entity',
      understood: pt ? `"${text}" pode ser mais de ${articleFor(candidates[0]!.kind) === 'a' ? 'uma' : 'um'} ${one}.` : `"${text}" could be more than one ${one}.`,
      message: pt ? `"${text}" corresponde a ${names.length + more} ${kind}: ${listed}. Qual deles?` : `"${text}" matches ${names.length + more} ${kind}: ${listed}. Which one?`,
      suggestions: suggestQuestions({ language, question, replace: { text, names }, ...periodFor(time, language) }),
    }
  }
  const chosen = selection.chosen
  const inMention = new Set<number>()
  for (const c of chosen) for (let i = c.start; i < c.end; i++) inMention.add(i)
  vocabulary = vocabulary.filter((v) => !rangeHits(v.start, v.end, inMention))

  // Typos of metric and dimension words among the words nothing explained ("faturamneto", "tiket medio").
  const notes: string[] = []
  const explainedBefore = new Set<number>([...timeUsed, ...inMention])
  for (const v of vocabulary) for (let i = v.start; i < v.end; i++) explainedBefore.add(i)
  const typoFree = new Set(tokens.filter((t) => !explainedBefore.has(t.index) && !stopWords.has(t.text) && !fillerWords.has(t.text) && !t.quoted).map((t) => t.index))
  const typos = matchVocabularyTypos(tokens, typoFree)
  for (const t of typos) notes.push(pt ? `Li "${spanText(t.start, t.end)}" como "${t.phrase}".` : `Read "${spanText(t.start, t.end)}" as "${t.phrase}".`)
  vocabulary = [...vocabulary, ...typos].sort((a, b) => a.start - b.start)

  const vocabAt = new Map<number, VocabularyMatch>()
  for (const v of vocabulary) for (let i = v.start; i < v.end; i++) vocabAt.set(i, v)
  const usedNumbers = new Set<number>()

  /** The vocabulary match just before token `index`, skipping articles. */
  const previousMatch = (index: number, skip: ReadonlySet<string> = articles): VocabularyMatch | undefined => {
    let i = index - 1
    while (i >= 0 && !vocabAt.has(i) && skip.has(tokens[i]!.text) && !inMention.has(i)) i--
    return i >= 0 ? vocabAt.get(i) : undefined
  }

  // ---- exclusions ("fora do Sudeste", "except the South", "todas menos o Sul") ---------------------
  const excludeMatches = new Set<VocabularyMatch>()
  const excluded = new Set<ChosenMention>()
  for (const c of chosen) {
    const previous = previousMatch(c.start, new Set(['o', 'a', 'os', 'as', 'the', 'de', 'do', 'da']))
    if (previous && meaningOf(previous, 'exclude')) {
      excluded.add(c)
      excludeMatches.add(previous)
    }
  }

  // ---- roles of dimension words: breakdown, ranked noun, kind hint, or just mentioned ------------
  type Role = 'breakdown' | 'rank_noun' | 'hint' | 'standalone'
  const hintMatches = new Set(chosen.map((c) => c.hint).filter((h): h is VocabularyMatch => h !== undefined))
  const roles = new Map<VocabularyMatch, Role>()
  const rankNouns: Array<{ match: VocabularyMatch; dimension: DimensionId; plural: boolean; limit?: number }> = []
  const rankingWords = vocabulary.some((v) => (meaningOf(v, 'rank') && !excludeMatches.has(v)) || meaningOf(v, 'sort') || meaningOf(v, 'metric')?.superlative)
  for (const v of vocabulary) {
    const dim = meaningOf(v, 'dimension')
    if (!dim) continue
    let role: Role
    const previous = previousMatch(v.start)
    if (hintMatches.has(v)) role = 'hint'
    else if (dim.intrinsic) role = 'breakdown'
    else if (previous && meaningOf(previous, 'breakdown_marker')) role = 'breakdown'
    else if (previous && meaningOf(previous, 'joiner') && roles.get(previousMatch(previous.start) ?? previous) === 'breakdown') role = 'breakdown'
    else if ((previous && (meaningOf(previous, 'which') || meaningOf(previous, 'rank'))) || numberValue(tokens[v.start - 1]) !== undefined) role = 'rank_noun'
    else role = 'standalone'
    // A metric word ("customers") is the thing counted unless something makes it the breakdown, such as a
    // ranking ("clientes que mais compraram").
    if (meaningOf(v, 'metric') && role === 'standalone' && rankingWords) role = 'rank_noun'
    if (meaningOf(v, 'metric') && (role === 'standalone' || role === 'hint')) continue
    roles.set(v, role)
    if (role === 'rank_noun') {
      const n = numberValue(tokens[v.start - 1])
      if (n !== undefined) usedNumbers.add(v.start - 1)
      rankNouns.push({ match: v, dimension: dim.dimension, plural: dim.plural, ...(n !== undefined ? { limit: n } : {}) })
    }
  }
  // "region x month": both sides of an x are breakdowns.
  for (const v of vocabulary) {
    if (!meaningOf(v, 'joiner') || tokens[v.start]!.text !== 'x') continue
    const before = vocabAt.get(v.start - 1)
    const after = vocabAt.get(v.end)
    if (before && after && roles.has(before) && roles.has(after)) {
      roles.set(before, 'breakdown')
      roles.set(after, 'breakdown')
    }
  }

  const breakdowns: DimensionId[] = []
  const addBreakdown = (d: DimensionId) => {
    if (!breakdowns.includes(d)) breakdowns.push(d)
  }
  for (const [v, role] of [...roles.entries()].sort((a, b) => a[0].start - b[0].start)) {
    if (role === 'breakdown') addBreakdown(meaningOf(v, 'dimension')!.dimension)
  }

  // ---- metrics --------------------------------------------------------------------------------
  interface MetricUse { metric: MetricId; weak: boolean; versusTarget: boolean; superlative?: Direction; match: VocabularyMatch }
  const metricUses: MetricUse[] = []
  for (const v of vocabulary) {
    const metric = meaningOf(v, 'metric')
    if (!metric || roles.has(v)) continue
    metricUses.push({ metric: metric.metric, weak: metric.weak, versusTarget: metric.versusTarget === true, ...(metric.superlative ? { superlative: metric.superlative } : {}), match: v })
  }
  const strong = metricUses.filter((u) => !u.weak)
  const joined = (u: MetricUse) => ['and', 'e', 'plus', '&'].includes(tokens[u.match.start - 1]?.text ?? '') || ['and', 'e'].includes(tokens[u.match.end]?.text ?? '')
  // "how many … did we sell": a count of items sold, not money.
  const howMany = vocabulary.some((v) => meaningOf(v, 'how_many'))
  if (howMany && strong.length === 0 && metricUses.some((u) => u.metric === 'revenue' && u.weak)) {
    const sold = metricUses.find((u) => u.metric === 'revenue' && u.weak)!
    metricUses.splice(metricUses.indexOf(sold), 1, { ...sold, metric: 'units', weak: false })
    strong.push(metricUses.find((u) => u.metric === 'units')!)
    notes.push(pt ? '"Quantos … vendemos" conta unidades vendidas.' : '"How many … did we sell" counts units sold.')
  }
  // "how much did the Enterprise clients spend": money, whatever nouns describe who spent it.
  if (vocabulary.some((v) => meaningOf(v, 'how_much')) && strong.length === 0) {
    for (let i = metricUses.length - 1; i >= 0; i--) if (metricUses[i]!.metric !== 'revenue') metricUses.splice(i, 1)
  }
  // A revenue verb ("sold") counts only when nothing else is measured; a plain noun ("orders", "customers") when it is
  // the first thing measured or listed with "and" ("orders from SMB customers" counts orders, "revenue from online
  // orders" revenue).
  const others = metricUses.filter((u) => !(u.metric === 'revenue' && u.weak))
  const primary = strong[0] ?? others[0]
  let kept = metricUses.filter((u) => {
    if (!u.weak) return true
    if (u.metric === 'revenue') return others.length === 0
    return u === primary || joined(u)
  })
  if (kept.length > 1) kept = kept.map((u) => (u.versusTarget ? { ...u, metric: 'target' as MetricId } : u))
  const metricsFound: MetricId[] = []
  for (const u of kept) if (!metricsFound.includes(u.metric)) metricsFound.push(u.metric)

  // ---- ranking and order ------------------------------------------------------------------------
  let direction: Direction | undefined
  let limit: number | undefined
  let sortOnly = false
  let rankWord = false
  let singular: boolean | undefined
  const whichMatch = vocabulary.find((v) => meaningOf(v, 'which'))
  for (const v of vocabulary) {
    const rank = meaningOf(v, 'rank')
    if (rank && !excludeMatches.has(v)) {
      // "mais"/"menos" alone qualify nothing without a noun to rank; they count once one is found.
      rankWord = true
      direction ??= rank.direction
      const after = numberValue(tokens[v.end])
      const before = numberValue(tokens[v.start - 1])
      if (after !== undefined && !timeUsed.has(v.end)) {
        limit ??= after
        usedNumbers.add(v.end)
      } else if (before !== undefined && !timeUsed.has(v.start - 1)) {
        limit ??= before
        usedNumbers.add(v.start - 1)
      }
    }
    const sort = meaningOf(v, 'sort')
    if (sort) {
      sortOnly = true
      if (sort.direction) direction = sort.direction
    }
  }
  for (const u of kept) {
    if (!u.superlative) continue
    direction ??= u.superlative
    rankWord = true
    // "the 5 most profitable products"
    const before = numberValue(tokens[u.match.start - 1])
    if (before !== undefined && !timeUsed.has(u.match.start - 1)) {
      limit ??= before
      usedNumbers.add(u.match.start - 1)
    }
  }
  for (const r of rankNouns) if (r.limit !== undefined) limit ??= r.limit
  const which = whichMatch ? meaningOf(whichMatch, 'which') : undefined
  const ranking = rankWord || sortOnly || limit !== undefined
  let rankNote: string | undefined
  if (ranking) {
    // The ranked thing: a breakdown already asked for, else the noun the ranking words point at, else any dimension word.
    if (breakdowns.length === 0) {
      const noun = rankNouns[0] ?? [...roles.entries()].filter(([, role]) => role === 'standalone').map(([v]) => ({ match: v, dimension: meaningOf(v, 'dimension')!.dimension, plural: meaningOf(v, 'dimension')!.plural }))[0]
      if (noun) {
        addBreakdown(noun.dimension)
        singular = which?.singular ?? !noun.plural
      } else if (which?.person) {
        addBreakdown(vocabulary.some((v) => meaningOf(v, 'buy_verb')) ? 'customer' : 'rep')
        singular = true
      }
    } else {
      const noun = rankNouns.find((r) => r.dimension === breakdowns[0])
      singular = which?.singular ?? (noun ? !noun.plural : undefined)
    }
  } else if (which && rankNouns[0] && breakdowns.length === 0) {
    // "quais vendedores bateram a meta?": one row each.
    addBreakdown(rankNouns[0].dimension)
  }

  // ---- filters --------------------------------------------------------------------------------
  const filters: PlanFilter[] = []
  const filterRemarks = new Map<string, string>()
  for (const exclude of [false, true]) {
    const byKind = new Map<EntityKind, EntityCandidate[]>()
    for (const c of chosen) {
      if (excluded.has(c) !== exclude) continue
      const list = byKind.get(c.candidate.kind) ?? []
      if (!list.some((x) => x.value === c.candidate.value)) list.push(c.candidate)
      byKind.set(c.candidate.kind, list)
    }
    for (const [kind, list] of byKind) {
      filters.push({ dimension: kind, values: list.map((c) => c.value), labels: list.map((c) => c.label), ...(exclude ? { exclude: true } : {}) })
    }
  }
  for (const c of chosen) {
    const other = c.alternatives[0]
    if (!other) continue
    const remark = pt
      ? `${articleFor(c.candidate.kind)} ${lowerLabel(c.candidate.kind, 'pt')}, não ${articleFor(other.kind)} ${lowerLabel(other.kind, 'pt')} de mesmo nome`
      : `the ${lowerLabel(c.candidate.kind, 'en')}, not the ${lowerLabel(other.kind, 'en')} of the same name`
    filterRemarks.set(`${c.candidate.kind}:${String(c.candidate.value)}`, remark)
    notes.push(
      pt
        ? `"${spanText(c.start, c.end)}": usei ${articleFor(c.candidate.kind)} ${lowerLabel(c.candidate.kind, 'pt')} ${c.candidate.label}, não ${articleFor(other.kind)} ${lowerLabel(other.kind, 'pt')}; diga "${lowerLabel(other.kind, 'pt')} de ${spanText(c.start, c.end)}" para ${articleFor(other.kind)} ${lowerLabel(other.kind, 'pt')}.`
        : `"${spanText(c.start, c.end)}": used the ${lowerLabel(c.candidate.kind, 'en')} ${c.candidate.label}, not the ${lowerLabel(other.kind, 'en')}; say "${lowerLabel(other.kind, 'en')} of ${spanText(c.start, c.end)}" for the ${lowerLabel(other.kind, 'en')}.`,
    )
  }
  for (const c of chosen) {
    if (c.candidate.match !== 'fuzzy' && c.candidate.match !== 'first_name' && c.candidate.match !== 'partial' && c.candidate.match !== 'last_name') continue
    notes.push(pt ? `Entendi "${spanText(c.start, c.end)}" como ${lowerLabel(c.candidate.kind, 'pt')} ${c.candidate.label}.` : `Took "${spanText(c.start, c.end)}" to mean ${lowerLabel(c.candidate.kind, 'en')} ${c.candidate.label}.`)
  }
  // "compare Sul e Sudeste": several values of one kind set side by side → split by that kind.
  const comparing = tokens.some((t) => compareWords.has(t.text) && !timeUsed.has(t.index))
  if (comparing) for (const f of filters) if (!f.exclude && f.values.length > 1) addBreakdown(f.dimension)

  // ---- leftovers: unknown names and ignored words ----------------------------------------------
  const explained = new Set<number>([...explainedBefore, ...usedNumbers])
  for (const v of typos) for (let i = v.start; i < v.end; i++) explained.add(i)
  const isContent = (t: Token) => !explained.has(t.index) && !stopWords.has(t.text) && !fillerWords.has(t.text) && numberValue(t) === undefined && !/^\d+([.,]\d+)*$/.test(t.text)
  const unknown: Array<{ start: number; end: number }> = []
  const ignored: string[] = []
  for (let i = 0; i < tokens.length; i++) {
    const t = tokens[i]!
    if (!isContent(t)) continue
    let end = i + 1
    // Names run on across "da", "de" ("Zuleica da Costa").
    while (end < tokens.length && (isContent(tokens[end]!) || (stopWords.has(tokens[end]!.text) && end + 1 < tokens.length && isContent(tokens[end + 1]!) && ['de', 'da', 'do', 'dos', 'das'].includes(tokens[end]!.text)))) end++
    const previous = tokens[i - 1]
    const cue =
      t.quoted ||
      (t.raw !== t.raw.toLowerCase() && !t.sentenceStart) ||
      (previous !== undefined && nameCues.has(previous.text) && !explained.has(previous.index)) ||
      (previous !== undefined && vocabAt.get(previous.index) !== undefined && roles.get(vocabAt.get(previous.index)!) !== undefined)
    if (cue) unknown.push({ start: i, end })
    else for (let k = i; k < end; k++) if (isContent(tokens[k]!)) ignored.push(tokens[k]!.raw)
    i = end - 1
  }

  if (unknown.length > 0) {
    const first = unknown[0]!
    const text = spanText(first.start, first.end)
    const closest = await deps.resolver.closestNames(text, { limit: 3 })
    const others = unknown.slice(1).map((u) => `"${spanText(u.start, u.end)}"`)
    const kinds = pt ? 'regiões, estados, cidades, vendedores, clientes, produtos, categorias, marcas, canais ou formas de pagamento' : 'regions, states, cities, reps, customers, products, categories, brands, channels or payment methods'
    const partial = describePartial(metricsFound, breakdowns, filters, time, language)
    const suggestion = closest.length > 0 ? (pt ? ` Parecidos: ${closest.map((c) => `${c.label} (${lowerLabel(c.kind, 'pt')})`).join(', ')}.` : ` Closest names: ${closest.map((c) => `${c.label} (${lowerLabel(c.kind, 'en')})`).join(', ')}.`) : ''
    return {
      ok: false,
      language,
      code: 'unknown_entity',
      understood: partial,
      message: pt
        ? `Entendi: ${partial} Mas não encontrei "${text}"${others.length ? ` (nem ${others.join(', ')})` : ''} entre ${kinds}.${suggestion}`
        : `I understood: ${partial} But I found no "${text}"${others.length ? ` (nor ${others.join(', ')})` : ''} among ${kinds}.${suggestion}`,
      suggestions: suggestQuestions({ language, question, replace: { text, names: closest.map((c) => c.label) }, ...periodFor(time, language) }),
    }
  }

  // ---- the metric, if the question names none --------------------------------------------------
  let assumedMetric: MetricId | undefined
  const metricsPlanned = [...metricsFound]
  if (metricsPlanned.length === 0 && !followUp) {
    const hasContext = filters.length > 0 || breakdowns.length > 0 || time.comparison !== undefined || ranking
    if (!hasContext || ignored.length > 0) {
      const partial = describePartial([], breakdowns, filters, time, language)
      const words = ignored.length > 0 ? ignored.map((w) => `"${w}"`).join(', ') : ''
      return {
        ok: false,
        language,
        code: 'no_metric',
        understood: partial,
        message: pt
          ? `Entendi: ${partial} Mas não sei qual número você quer${words ? ` (não reconheci ${words})` : ''}: faturamento, pedidos, ticket médio, unidades, lucro, margem, clientes, metas?`
          : `I understood: ${partial} But not which figure you want${words ? ` (I did not recognise ${words})` : ''}: revenue, orders, average ticket, units, profit, margin, customers, targets?`,
        suggestions: suggestQuestions({ language, question, ...periodFor(time, language) }),
      }
    }
    assumedMetric = howMany && filters.some((f) => f.dimension === 'product' || f.dimension === 'category' || f.dimension === 'brand') ? 'units' : 'revenue'
    metricsPlanned.push(assumedMetric)
    notes.push(pt ? `A pergunta não diz qual métrica: usei ${metricLabel(assumedMetric, 'pt').toLowerCase()}.` : `The question names no metric: used ${metricLabel(assumedMetric, 'en').toLowerCase()}.`)
  }

  // ---- time breakdowns and the default window ------------------------------------------------------
  if (time.impliedBreakdown) addBreakdown(time.impliedBreakdown)
  if (vocabulary.some((v) => meaningOf(v, 'trend')) && !breakdowns.some((d) => timeDimensions.has(d))) {
    addBreakdown('month')
    notes.push(pt ? 'Para mostrar a evolução, dividi por mês.' : 'To show the trend, split by month.')
  }
  const timeBreakdown = breakdowns.find((d): d is TimeDimensionId => timeDimensions.has(d))
  if (timeBreakdown) time = parseTimeRange(question, deps.today, { ...timeOptions, timeBreakdown })

  if (breakdowns.length > 2) {
    const names = breakdowns.map((d) => lowerLabel(d, language)).join(', ')
    return generic(
      'unsupported',
      pt ? `Uma divisão por ${names}.` : `A breakdown by ${names}.`,
      pt ? `Divido por no máximo duas coisas de cada vez (ex.: região e mês); a pergunta pede ${breakdowns.length}: ${names}.` : `I split by at most two things at a time (e.g. region and month); the question asks for ${breakdowns.length}: ${names}.`,
      periodFor(time, language).periodText,
    )
  }
  const problem = time.problems[0]
  if (problem) {
    const message = {
      future_period: pt ? `O período "${problem.text}" ainda não começou; só respondo sobre vendas que já aconteceram.` : `The period "${problem.text}" has not started yet; I only answer about sales that already happened.`,
      invalid_date: pt ? `Não entendi a data: ${problem.text}.` : `I could not read the date: ${problem.text}.`,
      too_many_periods: pt ? `A pergunta cita períodos demais para uma resposta (${problem.text}); compare no máximo dois.` : `The question names too many periods for one answer (${problem.text}); compare at most two.`,
    }[problem.code]
    return generic('unsupported', describePartial(metricsPlanned, breakdowns, filters, undefined, language), message)
  }
  if (followUp) {
    // The previous turn decides the metric, the period and what a ranking ranks.
    if (ignored.length > 0) notes.push(pt ? `Ignorei: ${ignored.map((w) => `"${w}"`).join(', ')}.` : `Ignored: ${ignored.map((w) => `"${w}"`).join(', ')}.`)
    const rankingMetricId = ranking ? rankingMetric(kept, tokens) : undefined
    // With no noun to count, the rank word's own number tells: "e o pior?" is one row, "e os piores?" several.
    const singularRankWord = vocabulary.some((v) => meaningOf(v, 'rank') && ['pior', 'melhor', 'maior', 'menor', 'o mais', 'a mais', 'o menos', 'a menos'].includes(v.phrase))
    if (rankingMetricId && !metricsPlanned.includes(rankingMetricId)) metricsPlanned.push(rankingMetricId)
    return {
      ok: true,
      parts: {
        metrics: metricsPlanned,
        dimensions: breakdowns,
        filters,
        filterRemarks,
        time,
        ...(ranking
          ? {
              ranking: {
                ...(direction ? { direction } : {}),
                ...(limit !== undefined ? { limit } : {}),
                sortOnly,
                rankWord,
                ...(singular !== undefined || singularRankWord ? { singular: singular ?? true } : {}),
                ...(rankingMetricId ? { metric: rankingMetricId } : {}),
              },
            }
          : {}),
        wantsSql: vocabulary.some((v) => meaningOf(v, 'wants_sql')),
        wantsChart: vocabulary.some((v) => meaningOf(v, 'wants_chart') || meaningOf(v, 'trend')),
        notes,
        ignored,
      },
    }
  }
  notes.unshift(...time.notes)

  // ---- order and size of a ranking ---------------------------------------------------------------
  let sort: PlanSort | undefined
  if (ranking && breakdowns.length > 0) {
    const sortMetric = rankingMetric(kept, tokens) ?? metricsPlanned[0]!
    if (!metricsPlanned.includes(sortMetric)) metricsPlanned.push(sortMetric)
    sort = { by: { metric: sortMetric }, direction: direction ?? 'desc' }
    if (limit === undefined && rankWord) {
      if (singular) limit = 1
      else if (!sortOnly) {
        limit = 10
        rankNote = pt ? 'Sem quantidade na pergunta: mostro os 10 primeiros.' : 'No count given: showing the first 10.'
      }
    }
  } else if (ranking && breakdowns.length === 0 && (limit !== undefined || sortOnly)) {
    notes.push(pt ? 'Não há o que ordenar: a pergunta não diz por o que dividir (ex.: "por vendedor").' : 'Nothing to rank: the question does not say what to split by (e.g. "by rep").')
    limit = undefined
  }
  if (rankNote) notes.push(rankNote)
  if (ignored.length > 0) notes.push(pt ? `Ignorei: ${ignored.map((w) => `"${w}"`).join(', ')}.` : `Ignored: ${ignored.map((w) => `"${w}"`).join(', ')}.`)
  if (vocabulary.some((v) => meaningOf(v, 'share'))) {
    notes.push(pt ? 'Mostro os valores de cada um; a participação no total ainda não é calculada à parte.' : 'Showing each value; the share of the total is not computed separately yet.')
  }
  if (vocabulary.some((v) => meaningOf(v, 'why'))) notes.push(pt ? 'Mostro os números; o porquê fica com você.' : 'I can show the figures, not explain why.')

  const plan: QueryPlan = {
    metrics: metricsPlanned,
    dimensions: breakdowns,
    filters,
    timeRange: time.range,
    ...(time.comparison ? { comparison: time.comparison } : {}),
    ...(sort ? { sort } : {}),
    ...(sort && limit !== undefined ? { limit } : {}),
  }
  return {
    ok: true,
    plan,
    language,
    understood: describePlan(plan, language, { ...(assumedMetric ? { assumedMetric } : {}), filterRemarks }),
    wantsSql: vocabulary.some((v) => meaningOf(v, 'wants_sql')),
    wantsChart: vocabulary.some((v) => meaningOf(v, 'wants_chart') || meaningOf(v, 'trend')),
    notes,
  }
}

/** Exact names of two or more real words, longest first, never overlapping (also used by plan-forecast.ts). */
export function protectedNames(mentions: readonly EntityMention[], tokens: readonly Token[]): Set<number> {
  const strong = mentions
    .filter((m) => tokens.slice(m.start, m.end).filter((t) => !stopWords.has(t.text)).length >= 2)
    .filter((m) => m.candidates.some((c) => (c.match === 'exact' || c.match === 'alias') && !c.guarded))
    .sort((a, b) => b.end - b.start - (a.end - a.start) || a.start - b.start)
  const taken = new Set<number>()
  for (const m of strong) {
    if (rangeHits(m.start, m.end, taken)) continue
    for (let i = m.start; i < m.end; i++) taken.add(i)
  }
  return taken
}

/** The question's own period words for example questions ("no mês passado", "in March"). */
function periodFor(time: ParsedTimeRange, language: Language): { periodText?: string } {
  if (!time.explicit || !time.phrase) return {}
  const first = time.phrase.split(/\s+/)[0]!.toLowerCase()
  const relative = /^(last|this|past|previous|since|between|from|in|on|during|over|today|yesterday|ytd|mtd|qtd|no|na|nos|nas|em|de|do|da|desde|entre|este|esta|neste|nesta|hoje|ontem|ultim|últim|acumulado|ate|até)/
  return { periodText: relative.test(first) ? time.phrase : `${language === 'pt' ? 'em' : 'in'} ${time.phrase}` }
}

/** The metric a ranking is by: the one right after "by"/"em"/"in", else a superlative one ("mais lucrativos"). */
function rankingMetric(uses: ReadonlyArray<{ metric: MetricId; superlative?: Direction; match: VocabularyMatch }>, tokens: readonly Token[]): MetricId | undefined {
  const after = uses.find((u) => ['by', 'em', 'in', 'por', 'on', 'de'].includes(tokens[u.match.start - 1]?.text ?? ''))
  return after?.metric ?? uses.find((u) => u.superlative)?.metric ?? uses[0]?.metric
}

function rangeHits(start: number, end: number, set: ReadonlySet<number>): boolean {
  for (let i = start; i < end; i++) if (set.has(i)) return true
  return false
}

function lowerLabel(kind: DimensionId, language: Language, plural = false): string {
  const label = dimensions[kind].label[language].toLowerCase()
  if (!plural) return label
  if (language === 'pt') return label.endsWith('r') ? `${label}es` : label.endsWith('ão') ? `${label.slice(0, -2)}ões` : label.endsWith('l') ? `${label.slice(0, -1)}is` : `${label}s`
  return label.endsWith('y') ? `${label.slice(0, -1)}ies` : `${label}s`
}

/** "o"/"a" for a Portuguese dimension label. */
function articleFor(kind: DimensionId): string {
  return ['region', 'city', 'category', 'brand', 'payment_method'].includes(kind) ? 'a' : 'o'
}

/** What was understood so far, for a failure message. */
function describePartial(metricIds: readonly MetricId[], breakdowns: readonly DimensionId[], filters: readonly PlanFilter[], time: ParsedTimeRange | undefined, language: Language): string {
  const pt = language === 'pt'
  const parts: string[] = []
  if (metricIds.length > 0) parts.push(metricIds.map((m) => metricLabel(m, language).toLowerCase()).join(pt ? ' e ' : ' and '))
  if (breakdowns.length > 0) parts.push((pt ? 'por ' : 'by ') + breakdowns.map((d) => lowerLabel(d, language)).join(pt ? ' e ' : ' and '))
  for (const f of filters) parts.push(`${f.exclude ? (pt ? 'exceto ' : 'excluding ') : ''}${lowerLabel(f.dimension, language)} ${(f.labels ?? f.values.map(String)).join(pt ? ' ou ' : ' or ')}`)
  if (time?.explicit) parts.push(describeRangeShort(time.range, time.comparison, language))
  if (parts.length === 0) return pt ? 'nenhuma métrica, divisão, filtro ou período reconhecível.' : 'no recognisable metric, breakdown, filter or period.'
  return `${parts.join(', ')}.`
}

function describeRangeShort(range: DateRange, comparison: PlanComparison | undefined, language: Language): string {
  const pt = language === 'pt'
  const f = (iso: string) => (pt ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso)
  const main = pt ? `de ${f(range.start)} a ${f(range.end)}` : `${f(range.start)} to ${f(range.end)}`
  if (!comparison) return main
  return pt ? `${main}, comparado com ${f(comparison.range.start)} a ${f(comparison.range.end)}` : `${main}, compared with ${f(comparison.range.start)} to ${f(comparison.range.end)}`
}

function refusalUnderstood(reason: OutOfScopeReason, language: Language): string {
  const text: Record<OutOfScopeReason, Record<Language, string>> = {
    write: { en: 'A request to change data.', pt: 'Um pedido para alterar dados.' },
    instructions: { en: 'Instructions to the assistant rather than a question about sales.', pt: 'Instruções para o assistente, não uma pergunta sobre vendas.' },
    secrets: { en: 'A request for passwords, keys or other secrets.', pt: 'Um pedido de senhas, chaves ou outros segredos.' },
    personal_data: { en: 'A request for personal data (emails, tax ids, phone numbers, addresses).', pt: 'Um pedido de dados pessoais (e-mails, CNPJ/CPF, telefones, endereços).' },
    raw_sql: { en: 'SQL or database internals typed into the question.', pt: 'SQL ou detalhes internos do banco digitados na pergunta.' },
    off_topic: { en: 'A question about something other than our sales.', pt: 'Uma pergunta sobre outro assunto que não as nossas vendas.' },
  }
  return text[reason][language]
}

function refusalMessage(reason: OutOfScopeReason, language: Language): string {
  const text: Record<OutOfScopeReason, Record<Language, string>> = {
    write: {
      en: 'I only read sales data; I cannot change, add or delete anything. Use the admin API or the import for that.',
      pt: 'Eu só leio os dados de vendas; não altero, incluo nem apago nada. Para isso use a API de administração ou a importação.',
    },
    instructions: {
      en: 'I answer questions about sales data only, and my rules do not change with the question. Ask me about revenue, orders, customers or products.',
      pt: 'Respondo apenas perguntas sobre os dados de vendas, e minhas regras não mudam com a pergunta. Pergunte sobre faturamento, pedidos, clientes ou produtos.',
    },
    secrets: { en: 'I never show passwords, keys or other secrets.', pt: 'Nunca mostro senhas, chaves ou outros segredos.' },
    personal_data: {
      en: 'I do not show personal data such as emails, tax ids, phone numbers or addresses; I can give sales figures by customer, city or segment.',
      pt: 'Não mostro dados pessoais como e-mails, CNPJ/CPF, telefones ou endereços; posso dar números de vendas por cliente, cidade ou segmento.',
    },
    raw_sql: {
      en: 'Ask in words, not SQL: I build the query myself, read-only. Say "show the SQL" to see it.',
      pt: 'Pergunte em palavras, não em SQL: eu mesmo monto a consulta, somente leitura. Diga "mostre o SQL" para vê-la.',
    },
    off_topic: { en: 'I only answer questions about our sales data.', pt: 'Só respondo perguntas sobre os nossos dados de vendas.' },
  }
  return text[reason][language]
}
