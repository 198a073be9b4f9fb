/**
 * Execution accuracy (Spider-style): does an answer's result hold the gold result? Columns are matched by their
 * content, not their names (a compiler says "revenue", a hand-written query "total"); every gold column needs a
 * distinct answer column, and extra answer columns (a label beside an id, a previous-period figure) are fine.
 * Rows compare as multisets, or as sequences when the question asked for an order. Numbers match within an absolute
 * tolerance, so 0.1 + 0.2 and a numeric(14,2) sum agree.
 */
import { compareValues, describeValue, normaliseResultValue, sameValue, type NormalisedValue } from './normalise-result-value.js'

export type ResultRow = Record<string, unknown>

export interface MatchOptions {
  /** Compare rows as sequences (the question asked for an order) instead of multisets. */
  readonly ordered?: boolean
  /** Largest absolute difference at which two numbers are the same; 0.01 by default. */
  readonly tolerance?: number
  /** Column mappings tried at most before giving up; bounds the permutation search. */
  readonly maxMappings?: number
}

export type MatchOutcome =
  | { readonly match: true; /** gold column → answer column */ readonly mapping: Readonly<Record<string, string>> }
  | { readonly match: false; readonly reason: string }

export const defaultTolerance = 0.01
const defaultMaxMappings = 2_000

type Row = readonly NormalisedValue[]

export function matchResultRows(gold: readonly ResultRow[], answer: readonly ResultRow[], options: MatchOptions = {}): MatchOutcome {
  const tolerance = options.tolerance ?? defaultTolerance
  const maxMappings = options.maxMappings ?? defaultMaxMappings
  if (answer.length !== gold.length) return { match: false, reason: `row count ${answer.length} vs ${gold.length} in gold` }
  if (gold.length === 0) return { match: true, mapping: {} }

  const goldColumns = columnsOf(gold)
  const answerColumns = columnsOf(answer)
  if (answerColumns.length < goldColumns.length) {
    return { match: false, reason: `answer has ${answerColumns.length} column(s), gold has ${goldColumns.length} (${goldColumns.join(', ')})` }
  }

  const goldData = goldColumns.map((c) => gold.map((row) => normaliseResultValue(row[c])))
  const answerData = answerColumns.map((c) => answer.map((row) => normaliseResultValue(row[c])))
  const goldSorted = goldData.map(sortedCopy)
  const answerSorted = answerData.map(sortedCopy)

  // A gold column can only map to an answer column holding the same values (as a multiset, so order errors are told apart later).
  const candidates = goldSorted.map((g) => answerSorted.flatMap((a, j) => (sameSequence(g, a, tolerance) ? [j] : [])))
  const unmatched = goldColumns.filter((_, i) => candidates[i]!.length === 0)
  if (unmatched.length > 0) {
    const single = gold.length === 1 ? ` (gold ${unmatched.map((c) => describeValue(goldData[goldColumns.indexOf(c)]![0]!)).join(', ')})` : ''
    return { match: false, reason: `${unmatched.length === 1 ? 'column' : 'columns'} ${unmatched.join(', ')} ${unmatched.length === 1 ? 'has' : 'have'} no match${single}` }
  }

  // Most constrained column first, so the search fails fast and stays small.
  const order = goldColumns.map((_, i) => i).sort((x, y) => candidates[x]!.length - candidates[y]!.length)
  const assignment = new Array<number>(goldColumns.length).fill(-1)
  const used = new Set<number>()
  let tried = 0
  let best: { matched: number; reason: string } | undefined

  const goldRows: Row[] = gold.map((_, r) => goldData.map((column) => column[r]!))
  const evaluate = (): boolean => {
    tried++
    const answerRows: Row[] = answer.map((_, r) => assignment.map((j) => answerData[j]![r]!))
    const result = compareRows(goldRows, answerRows, goldColumns, options.ordered === true, tolerance)
    if (result.match) return true
    if (!best || result.matched > best.matched) best = { matched: result.matched, reason: result.reason }
    return false
  }
  const search = (depth: number): boolean => {
    if (tried >= maxMappings) return false
    if (depth === order.length) return evaluate()
    const g = order[depth]!
    for (const j of candidates[g]!) {
      if (used.has(j)) continue
      used.add(j)
      assignment[g] = j
      const found = search(depth + 1)
      used.delete(j)
      if (found) return true
      if (tried >= maxMappings) return false
    }
    return false
  }

  if (search(0)) return { match: true, mapping: Object.fromEntries(goldColumns.map((c, i) => [c, answerColumns[assignment[i]!]!])) }
  if (best) return { match: false, reason: tried >= maxMappings ? `${best.reason} (gave up after ${tried} column mappings)` : best.reason }
  return { match: false, reason: `gold columns ${goldColumns.join(', ')} cannot each get a distinct answer column` }
}

/** Column names in first-seen order across all rows (a driver may omit a key whose value is undefined). */
function columnsOf(rows: readonly ResultRow[]): string[] {
  const seen = new Set<string>()
  for (const row of rows) for (const key of Object.keys(row)) seen.add(key)
  return [...seen]
}

function sortedCopy(values: readonly NormalisedValue[]): NormalisedValue[] {
  return [...values].sort(compareValues)
}

/**
 * Position by position. For sorted columns this decides multiset equality under the tolerance: if any pairing of two
 * number lists keeps every difference within it, the sorted pairing does too.
 */
function sameSequence(a: readonly NormalisedValue[], b: readonly NormalisedValue[], tolerance: number): boolean {
  if (a.length !== b.length) return false
  for (let i = 0; i < a.length; i++) if (!sameValue(a[i]!, b[i]!, tolerance)) return false
  return true
}

function sameRow(a: Row, b: Row, tolerance: number): boolean {
  return sameSequence(a, b, tolerance)
}

function compareRowValues(a: Row, b: Row): number {
  for (let i = 0; i < a.length; i++) {
    const c = compareValues(a[i]!, b[i]!)
    if (c !== 0) return c
  }
  return 0
}

type RowComparison = { match: true } | { match: false; matched: number; reason: string }

function describeRow(columns: readonly string[], row: Row): string {
  const text = `{${columns.map((c, i) => `${c}: ${describeValue(row[i]!)}`).join(', ')}}`
  return text.length > 160 ? `${text.slice(0, 157)}...}` : text
}

function compareRows(gold: Row[], answer: Row[], columns: readonly string[], ordered: boolean, tolerance: number): RowComparison {
  const multiset = matchMultiset(gold, answer, tolerance)
  if (multiset.unmatched.length > 0) {
    const first = multiset.unmatched[0]!
    return {
      match: false,
      matched: gold.length - multiset.unmatched.length,
      reason: `${multiset.unmatched.length} gold row(s) not in the answer, first row ${first + 1} ${describeRow(columns, gold[first]!)}`,
    }
  }
  if (!ordered) return { match: true }
  const at = gold.findIndex((row, i) => !sameRow(row, answer[i]!, tolerance))
  if (at < 0) return { match: true }
  // Same rows, wrong order: still better than missing rows when picking which mapping's reason to report.
  return { match: false, matched: gold.length - 1, reason: `same rows in a different order: row ${at + 1} is ${describeRow(columns, answer[at]!)}, gold has ${describeRow(columns, gold[at]!)}` }
}

/**
 * Pairs gold rows with distinct answer rows. Fast path: sort both and compare in step. Otherwise a maximum bipartite
 * matching (augmenting paths) within groups of rows whose non-numeric cells agree, since only those can pair up.
 */
function matchMultiset(gold: Row[], answer: Row[], tolerance: number): { unmatched: number[] } {
  const sortedGold = [...gold].sort(compareRowValues)
  const sortedAnswer = [...answer].sort(compareRowValues)
  if (sortedGold.every((row, k) => sameRow(row, sortedAnswer[k]!, tolerance))) return { unmatched: [] }

  const signature = (row: Row) => row.map((v) => (v.kind === 'number' ? '#' : `${v.kind}:${describeValue(v)}`)).join('\u0001')
  const answerGroups = new Map<string, number[]>()
  answer.forEach((row, j) => {
    const key = signature(row)
    const group = answerGroups.get(key)
    if (group) group.push(j)
    else answerGroups.set(key, [j])
  })
  const owner = new Array<number>(answer.length).fill(-1)
  const adjacency = gold.map((row) => (answerGroups.get(signature(row)) ?? []).filter((j) => sameRow(row, answer[j]!, tolerance)))

  const augment = (i: number, visited: Set<number>): boolean => {
    for (const j of adjacency[i]!) {
      if (visited.has(j)) continue
      visited.add(j)
      if (owner[j] === -1 || augment(owner[j]!, visited)) {
        owner[j] = i
        return true
      }
    }
    return false
  }
  const unmatched: number[] = []
  gold.forEach((_, i) => {
    if (!augment(i, new Set())) unmatched.push(i)
  })
  return { unmatched }
}
