/**
 * The words that make a message a follow-up to the previous question, and what they ask of its plan:
 * "and …?", "what about", "instead", "agora", "só" mark a follow-up; "the month before", "e no ano passado"
 * move its period; "remove the filter", "all regions", "no breakdown", "without the comparison", "all of them"
 * drop a part; "also", "também" add to a part instead of replacing it. Everything else in the message (metrics,
 * breakdowns, names, periods, top-N, "show the SQL") is read by the planner itself (plan-question.ts).
 */
import type { PeriodUnit } from './time-vocabulary.js'
import { timeSlotReaders } from './time-vocabulary.js'
import type { EntityKind } from './entity-resolver.js'
import { compileWordPattern, matchWordPattern, slotValue, type SlotReader, type WordPattern } from './match-word-pattern.js'
import { plannerPhrases } from './planner-vocabulary.js'
import type { ShiftUnit } from './shift-time-range.js'
import type { Token } from './tokenize-question.js'

export type FollowUpCue =
  | { readonly type: 'shift_period'; readonly unit: ShiftUnit; readonly steps: number }
  | { readonly type: 'drop_filters'; readonly dimension?: EntityKind }
  | { readonly type: 'drop_breakdowns' }
  | { readonly type: 'drop_comparison' }
  | { readonly type: 'drop_limit' }
  | { readonly type: 'add' }
  | { readonly type: 'mark' }

export interface FollowUpCues {
  /** What the message asks of the previous plan, marks aside. */
  readonly actions: readonly Exclude<FollowUpCue, { type: 'mark' }>[]
  /** Words only a follow-up says ("and …?" first, "what about", "instead", "agora"). */
  readonly marked: boolean
  /** Token positions the cues used, for the planner to pass over. */
  readonly explained: ReadonlySet<number>
}

/** Single words naming a filterable dimension ("regions", "vendedores"), for "all regions" and "the region filter". */
const dimensionWords: ReadonlyMap<string, EntityKind> = new Map(
  plannerPhrases.flatMap((p) => {
    const m = p.meaning
    if (m.type !== 'dimension' || p.words.length !== 1 || ['day', 'week', 'month', 'quarter', 'year'].includes(m.dimension)) return []
    return [[p.words[0]!, m.dimension as EntityKind] as const]
  }),
)

const readers: Readonly<Record<string, SlotReader>> = {
  ...timeSlotReaders('en'),
  DIMENSION: (tokens, i) => dimensionWords.get(tokens[i]!.text),
}

interface CuePattern { readonly pattern: WordPattern; readonly cue: (slots: { unit?: PeriodUnit; dimension?: EntityKind }) => FollowUpCue; readonly onlyFirst?: boolean }

const cue = (source: string, make: CuePattern['cue'], onlyFirst = false): CuePattern => ({ pattern: compileWordPattern(source), cue: make, ...(onlyFirst ? { onlyFirst } : {}) })
const back = (unit: ShiftUnit): FollowUpCue => ({ type: 'shift_period', unit, steps: -1 })
const forward = (unit: ShiftUnit): FollowUpCue => ({ type: 'shift_period', unit, steps: 1 })
const mark: FollowUpCue = { type: 'mark' }

const PREP = 'in|no|na|em|for|of|do|da|pro|pra|para|during|durante'
const THE = 'the|o|a|os|as'
const DROP = 'remove|remova|remover|drop|clear|without|no|sem|tire|tira|tirar|limpe|limpa|limpar'

// Longest first wins at each position; "last month" is not here: it is the month before today, read by the planner.
const cuePatterns: readonly CuePattern[] = [
  // the period before/after the previous one
  cue(`${PREP}? ${THE}? UNIT before|anterior|prior|previous|preceding|antes`, (s) => back(s.unit!)),
  cue(`${PREP}? ${THE}? previous|prior|preceding UNIT`, (s) => back(s.unit!)),
  cue(`${PREP}? ${THE}? period|periodo before|anterior|prior|previous|preceding`, () => back('period')),
  cue(`${PREP}? ${THE}? previous|prior|preceding period`, () => back('period')),
  cue('before that|then|this', () => back('period')),
  cue('antes disso|desse|dessa|deste|desta', () => back('period')),
  cue(`${PREP}? ${THE}? UNIT after|seguinte|following|depois`, (s) => forward(s.unit!)),
  cue(`${PREP}? ${THE}? following UNIT`, (s) => forward(s.unit!)),
  cue('after that', () => forward('period')),
  cue('depois disso', () => forward('period')),
  // the same period a year earlier
  cue(`${PREP}? ${THE}? last|previous|prior year`, () => back('year')),
  cue(`${PREP}? ${THE}? ano passado|anterior`, () => back('year')),
  cue('a|one year earlier|before|ago', () => back('year')),
  cue('um ano antes|atras', () => back('year')),
  cue(`${PREP}? ${THE}? same period|time of|in? ${THE}? last|previous|prior year`, () => back('year')),
  cue(`${PREP}? ${THE}? mesmo|mesma periodo|epoca do|de|no ano passado|anterior`, () => back('year')),
  // filters off
  cue(`${DROP} ${THE}? all|todos|todas? ${THE}? filter|filters|filtro|filtros`, () => ({ type: 'drop_filters' })),
  cue(`${DROP} ${THE}? DIMENSION filter|filters`, (s) => ({ type: 'drop_filters', dimension: s.dimension! })),
  cue(`${DROP} ${THE}? filter|filters on|for|by|of ${THE}? DIMENSION`, (s) => ({ type: 'drop_filters', dimension: s.dimension! })),
  cue(`${DROP} ${THE}? filtro|filtros de|da|do|por DIMENSION`, (s) => ({ type: 'drop_filters', dimension: s.dimension! })),
  cue('unfiltered', () => ({ type: 'drop_filters' })),
  cue(`for|in|across|em|para|pra|de? all|every|todos|todas ${THE}? DIMENSION`, (s) => ({ type: 'drop_filters', dimension: s.dimension! })),
  // no breakdown
  cue('no|without|sem breakdown|breakdowns|split|quebra|quebras|divisao|divisoes|agrupamento|abertura', () => ({ type: 'drop_breakdowns' })),
  cue(`only|just|so|apenas|somente ${THE}? grand? total|totals|geral`, () => ({ type: 'drop_breakdowns' })),
  cue(`${THE}? grand? total|totals only|so|apenas|somente`, () => ({ type: 'drop_breakdowns' })),
  cue(`${THE}? total|totais geral`, () => ({ type: 'drop_breakdowns' })),
  cue(`${THE}? grand? total|totals`, () => ({ type: 'drop_breakdowns' })),
  // no comparison, no top-N
  cue(`no|without|sem ${THE}? comparison|comparacao|comparativo|comparisons`, () => ({ type: 'drop_comparison' })),
  cue('all of them', () => ({ type: 'drop_limit' })),
  cue('todos|todas eles|elas', () => ({ type: 'drop_limit' })),
  cue('show|list|mostre|mostra|liste|lista all|todos|todas', () => ({ type: 'drop_limit' })),
  cue(`no|without|sem ${THE}? limit|limite|top`, () => ({ type: 'drop_limit' })),
  cue(`${THE}? full|whole|complete|entire list|ranking`, () => ({ type: 'drop_limit' })),
  cue(`${THE}? lista|ranking completa|completo|inteira|inteiro|toda|todo`, () => ({ type: 'drop_limit' })),
  // add rather than replace
  cue('also|too|tambem|additionally', () => ({ type: 'add' })),
  cue('alem disso', () => ({ type: 'add' })),
  cue('as well', () => ({ type: 'add' })),
  // marks
  cue('and|e|but|mas|ok|okay|so|then|entao|now|agora', () => mark, true),
  cue('what|how about', () => mark),
  cue('e quanto a|ao|aos|as', () => mark, true),
  cue('e se|com', () => mark, true),
  cue('instead|rather', () => mark),
  cue('em|no vez|lugar disso|desse|dessa?', () => mark),
  cue('ao inves disso|desse|dessa?', () => mark),
  cue('now|agora|only|just|somente|so|apenas', () => mark),
]

/** Compare words: with one, "the month before" is the comparison's period (planner), not a move. */
const compareWords = new Set(['compare', 'compared', 'comparing', 'comparison', 'comparar', 'compara', 'comparado', 'comparada', 'comparando', 'comparativo', 'comparacao', 'vs', 'versus', 'contra', 'against', 'relacao', 'frente', 'than', 'x'])

export function readFollowUpCues(tokens: readonly Token[]): FollowUpCues {
  const comparing = tokens.some((t) => compareWords.has(t.text))
  const used = new Set<number>()
  const actions: Array<Exclude<FollowUpCue, { type: 'mark' }>> = []
  let marked = false
  let i = 0
  while (i < tokens.length) {
    let best: { end: number; cue: FollowUpCue } | undefined
    for (const p of cuePatterns) {
      // Marks like "and"/"e" count only as the message's first word ("e por categoria?"), not inside it.
      if (p.onlyFirst && i !== 0) continue
      const match = matchWordPattern(p.pattern, tokens, i, readers)
      if (!match || (best && match.end <= best.end)) continue
      const made = p.cue({ ...(slotValue<PeriodUnit>(match, 'UNIT') ? { unit: slotValue<PeriodUnit>(match, 'UNIT')! } : {}), ...(slotValue<EntityKind>(match, 'DIMENSION') ? { dimension: slotValue<EntityKind>(match, 'DIMENSION')! } : {}) })
      // With a compare word the period is the comparison's (the planner's); "the month before last" is a period of its own.
      if (made.type === 'shift_period' && (comparing || tokens[match.end]?.text === 'last')) continue
      best = { end: match.end, cue: made }
    }
    if (!best) {
      i++
      continue
    }
    for (let k = i; k < best.end; k++) used.add(k)
    if (best.cue.type === 'mark') marked = true
    else actions.push(best.cue)
    i = best.end
  }
  return { actions, marked: marked || actions.length > 0, explained: used }
}
