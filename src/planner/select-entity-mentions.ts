/**
 * Picks which of the resolver's candidate mentions a question really makes, using what the sentence says
 * around each one: a dimension word next to a name ("região Sul", "cliente Aurora", "Impressao category",
 * "cidade de São Paulo") prefers that kind and admits partial names and names that are also ordinary words.
 * Longer mentions win over the shorter ones inside them; several equally good names of one kind make the
 * mention ambiguous, and the planner asks instead of guessing.
 */
import type { EntityCandidate, EntityKind, EntityMention, NameMatch } from './entity-resolver.js'
import type { VocabularyMatch } from './match-vocabulary.js'
import { stopWords } from './question-words.js'
import type { Token } from './tokenize-question.js'

export interface ChosenMention {
  readonly start: number
  readonly end: number
  readonly candidate: EntityCandidate
  /** Equally good names of other kinds the planner did not choose (the city São Paulo when it chose the state). */
  readonly alternatives: readonly EntityCandidate[]
  /** The sentence named the kind next to the mention (this vocabulary match). */
  readonly hint?: VocabularyMatch
}

export interface AmbiguousMention {
  readonly start: number
  readonly end: number
  readonly candidates: readonly EntityCandidate[]
  /** More matches than listed. */
  readonly more: number
}

export interface MentionSelection {
  readonly chosen: readonly ChosenMention[]
  readonly ambiguous?: AmbiguousMention
}

const matchRank: Readonly<Record<NameMatch, number>> = { exact: 0, alias: 0, abbreviation: 0, first_name: 1, fuzzy: 2, partial: 3, last_name: 3 }
/** Which kind a name means when two kinds share it exactly: places before people before things. */
const kindPriority: readonly EntityKind[] = ['region', 'state', 'city', 'category', 'rep', 'brand', 'segment', 'channel', 'payment_method', 'status', 'customer', 'product']
/** Words that may sit between a kind word and its name: "cidade de São Paulo", "the region of Sul". */
const hintGap = new Set(['de', 'do', 'da', 'dos', 'das', 'of', 'the', 'o', 'a', 'os', 'as', 'in', 'em', 'no', 'na', 'called', 'chamado', 'chamada', 'named'])

export function selectEntityMentions(mentions: readonly EntityMention[], tokens: readonly Token[], vocabulary: readonly VocabularyMatch[]): MentionSelection {
  const kindWords = vocabulary.filter((v) => v.meanings.some((m) => m.type === 'dimension'))
  const hintFor = (mention: EntityMention): Map<EntityKind, VocabularyMatch> => {
    const hints = new Map<EntityKind, VocabularyMatch>()
    const note = (v: VocabularyMatch) => {
      for (const m of v.meanings) if (m.type === 'dimension' && !['day', 'week', 'month', 'quarter', 'year'].includes(m.dimension)) hints.set(m.dimension as EntityKind, v)
    }
    // Before: "região [do] Sul", "cliente Aurora".
    let i = mention.start - 1
    for (let gap = 0; i >= 0 && gap < 2 && hintGap.has(tokens[i]!.text) && !kindWords.some((v) => v.end - 1 === i); gap++) i--
    const before = kindWords.find((v) => v.end - 1 === i)
    if (before) note(before)
    // After: "Impressao category", "Sul region".
    const after = kindWords.find((v) => v.start === mention.end)
    if (after) note(after)
    return hints
  }

  interface Option { mention: EntityMention; pick: EntityCandidate; pool: EntityCandidate[]; hint?: VocabularyMatch }
  const options: Option[] = []
  for (const mention of mentions) {
    const hints = hintFor(mention)
    const span = tokens.slice(mention.start, mention.end)
    const quoted = span.every((t) => t.quoted)
    const meaningfulWords = span.filter((t) => !stopWords.has(t.text)).length
    const partials = mention.candidates.filter((c) => c.match === 'partial')
    const acceptable = mention.candidates.filter((c) => {
      const hinted = hints.has(c.kind)
      if (c.guarded && !hinted && !quoted) return false
      if (c.match === 'last_name') return hinted
      if (c.match === 'partial') return hinted || quoted || (meaningfulWords >= 2 && partials.length === 1 && mention.moreCandidates === 0)
      if (c.match === 'fuzzy' && span.length === 1 && (c.kind === 'customer' || c.kind === 'product')) return hinted
      return true
    })
    if (acceptable.length === 0) continue
    // A kind word prefers its kind, but never a partial or misspelt name over an exact one ("Samsung products" is the brand).
    const bestRank = Math.min(...acceptable.map((c) => matchRank[c.match]))
    const hinted = acceptable.filter((c) => hints.has(c.kind) && (matchRank[c.match] <= bestRank || bestRank >= 2))
    const pool = (hinted.length > 0 ? hinted : acceptable).slice().sort(
      (a, b) => matchRank[a.match] - matchRank[b.match] || b.score - a.score || kindPriority.indexOf(a.kind) - kindPriority.indexOf(b.kind),
    )
    const pick = pool[0]!
    const hint = hints.get(pick.kind)
    options.push({ mention, pick, pool, ...(hint ? { hint } : {}) })
  }

  // Longer mentions first; then better matches.
  options.sort(
    (a, b) =>
      b.mention.end - b.mention.start - (a.mention.end - a.mention.start) ||
      matchRank[a.pick.match] - matchRank[b.pick.match] ||
      b.pick.score - a.pick.score ||
      a.mention.start - b.mention.start,
  )
  const taken = new Set<number>()
  const chosen: ChosenMention[] = []
  for (const option of options) {
    const { mention, pick, pool } = option
    let free = true
    for (let i = mention.start; i < mention.end && free; i++) free = !taken.has(i)
    if (!free) continue
    // Partial names differ in length, not in plausibility: every one of them is a candidate.
    const equal = pool.filter((c) => matchRank[c.match] === matchRank[pick.match] && (pick.match === 'partial' || Math.abs(c.score - pick.score) <= 0.02))
    const sameKind = equal.filter((c) => c.kind === pick.kind)
    if (sameKind.length > 1) {
      return {
        chosen,
        ambiguous: { start: mention.start, end: mention.end, candidates: sameKind, more: pick.match === 'partial' ? mention.moreCandidates : 0 },
      }
    }
    for (let i = mention.start; i < mention.end; i++) taken.add(i)
    chosen.push({
      start: mention.start,
      end: mention.end,
      candidate: pick,
      alternatives: equal.filter((c) => c.kind !== pick.kind),
      ...(option.hint ? { hint: option.hint } : {}),
    })
  }
  return { chosen: chosen.sort((a, b) => a.start - b.start) }
}
