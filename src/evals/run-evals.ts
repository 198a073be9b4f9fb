/**
 * Runs eval cases against an answering function (the offline planner, an LLM pipeline, an oracle) and scores
 * execution accuracy: an answer passes when its rows hold the gold query's rows, or when it refuses a question
 * that must be refused. Cases run one at a time so the latencies measure the answer alone.
 */
import { performance } from 'node:perf_hooks'
import type { EvalCase, EvalLanguage } from './load-eval-cases.js'
import { defaultTolerance, matchResultRows, type ResultRow } from './match-result-rows.js'

export interface EvalAnswer {
  /** The pipeline declined to answer (out of scope, unsafe, not understood). */
  readonly refused: boolean
  /** The SQL it ran, for the report. */
  readonly sql?: string
  readonly rows?: ResultRow[]
  /** Why it failed, when it tried and failed. */
  readonly error?: string
}

export interface EvalContext {
  /** 'YYYY-MM-DD': the date "today", "last month" etc. are relative to. */
  readonly today: string
  /** The case being asked, e.g. to give each case its own conversation thread. */
  readonly caseId?: string
}

export type AnswerQuestion = (question: string, context: EvalContext) => Promise<EvalAnswer>
export type GoldRunner = (sql: string) => Promise<ResultRow[]>

export interface RunEvalsOptions {
  readonly cases: readonly EvalCase[]
  readonly answer: AnswerQuestion
  readonly goldRunner: GoldRunner
  /** Start and end timestamps, and "today" for cases without one; the system clock by default. */
  readonly clock?: () => Date
  /** Milliseconds timer for answer latencies; performance.now by default. */
  readonly timer?: () => number
  /** Absolute tolerance for numbers (default 0.01). */
  readonly tolerance?: number
  /** Told after each case, e.g. to print progress. */
  readonly onCase?: (result: EvalCaseResult, index: number, total: number) => void
}

export interface EvalCaseResult {
  readonly id: string
  readonly question: string
  readonly lang: EvalLanguage
  readonly tags: readonly string[]
  readonly expect: 'answer' | 'refuse'
  readonly today: string
  readonly passed: boolean
  /** Why it failed; absent when it passed. */
  readonly reason?: string
  readonly latencyMs: number
  readonly refused: boolean
  readonly sql?: string
  readonly error?: string
  readonly goldRowCount?: number
  readonly answerRowCount?: number
}

export interface AccuracyBucket {
  readonly total: number
  readonly passed: number
  readonly accuracy: number
}

export interface LatencySummary {
  readonly p50: number
  readonly p95: number
  readonly max: number
}

export interface EvalReport {
  readonly startedAt: string
  readonly finishedAt: string
  readonly total: number
  readonly passed: number
  readonly failed: number
  /** passed / total, 0..1 (0 for an empty run). */
  readonly accuracy: number
  readonly byTag: Readonly<Record<string, AccuracyBucket>>
  readonly byLanguage: Readonly<Record<string, AccuracyBucket>>
  /** Of the answer calls, in milliseconds. */
  readonly latencyMs: LatencySummary
  readonly cases: readonly EvalCaseResult[]
}

const pad = (n: number) => String(n).padStart(2, '0')
/** The calendar date a person at this machine would call today. */
const localDate = (instant: Date) => `${instant.getFullYear()}-${pad(instant.getMonth() + 1)}-${pad(instant.getDate())}`
const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
const round1 = (ms: number) => Math.round(ms * 10) / 10

export async function runEvals(options: RunEvalsOptions): Promise<EvalReport> {
  const clock = options.clock ?? (() => new Date())
  const timer = options.timer ?? (() => performance.now())
  const tolerance = options.tolerance ?? defaultTolerance
  const startedAt = clock().toISOString()
  const results: EvalCaseResult[] = []

  for (const [index, evalCase] of options.cases.entries()) {
    const today = evalCase.today ?? localDate(clock())
    const base = { id: evalCase.id, question: evalCase.question, lang: evalCase.lang, tags: evalCase.tags, expect: evalCase.expect, today }

    const started = timer()
    let answer: EvalAnswer | undefined
    let thrown: unknown
    try {
      answer = await options.answer(evalCase.question, { today, caseId: evalCase.id })
    } catch (error) {
      thrown = error
    }
    const latencyMs = round1(Math.max(0, timer() - started))

    let result: EvalCaseResult
    if (answer === undefined) {
      result = { ...base, passed: false, reason: `answer threw: ${message(thrown)}`, latencyMs, refused: false, error: message(thrown) }
    } else {
      const seen = {
        latencyMs,
        refused: answer.refused === true,
        ...(answer.sql === undefined ? {} : { sql: answer.sql }),
        ...(answer.error === undefined ? {} : { error: answer.error }),
        ...(Array.isArray(answer.rows) ? { answerRowCount: answer.rows.length } : {}),
      }
      result = { ...base, ...seen, ...(await judge(evalCase, answer, options.goldRunner, tolerance)) }
    }
    results.push(result)
    options.onCase?.(result, index, options.cases.length)
  }

  const passed = results.filter((r) => r.passed).length
  return {
    startedAt,
    finishedAt: clock().toISOString(),
    total: results.length,
    passed,
    failed: results.length - passed,
    accuracy: results.length === 0 ? 0 : passed / results.length,
    byTag: bucketBy(results, (r) => r.tags),
    byLanguage: bucketBy(results, (r) => [r.lang]),
    latencyMs: summariseLatencies(results.map((r) => r.latencyMs)),
    cases: results,
  }
}

async function judge(
  evalCase: EvalCase,
  answer: EvalAnswer,
  goldRunner: GoldRunner,
  tolerance: number,
): Promise<{ passed: boolean; reason?: string; goldRowCount?: number }> {
  if (evalCase.expect === 'refuse') {
    return answer.refused === true ? { passed: true } : { passed: false, reason: 'answered but should refuse' }
  }
  if (answer.refused === true) return { passed: false, reason: `refused but should answer${answer.error ? `: ${answer.error}` : ''}` }
  if (answer.error !== undefined) return { passed: false, reason: `error: ${answer.error}` }
  if (!Array.isArray(answer.rows)) return { passed: false, reason: 'answer has no rows' }

  let gold: ResultRow[]
  try {
    gold = await goldRunner(evalCase.goldSql!)
  } catch (error) {
    // The suite is wrong, not the answer; the reason says so, so nobody debugs the planner for it.
    return { passed: false, reason: `gold query failed: ${message(error)}` }
  }
  const outcome = matchResultRows(gold, answer.rows, { ordered: evalCase.ordered, tolerance })
  return outcome.match ? { passed: true, goldRowCount: gold.length } : { passed: false, reason: outcome.reason, goldRowCount: gold.length }
}

function bucketBy(results: readonly EvalCaseResult[], keys: (result: EvalCaseResult) => readonly string[]): Record<string, AccuracyBucket> {
  const counts = new Map<string, { total: number; passed: number }>()
  for (const result of results) {
    for (const key of new Set(keys(result))) {
      const count = counts.get(key) ?? { total: 0, passed: 0 }
      count.total++
      if (result.passed) count.passed++
      counts.set(key, count)
    }
  }
  return Object.fromEntries(
    [...counts.entries()]
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
      .map(([key, { total, passed }]) => [key, { total, passed, accuracy: passed / total }]),
  )
}

/** Nearest-rank percentiles: every reported latency is one that was measured. */
export function summariseLatencies(latencies: readonly number[]): LatencySummary {
  if (latencies.length === 0) return { p50: 0, p95: 0, max: 0 }
  const sorted = [...latencies].sort((a, b) => a - b)
  const rank = (p: number) => sorted[Math.max(0, Math.ceil((p / 100) * sorted.length) - 1)]!
  return { p50: rank(50), p95: rank(95), max: sorted[sorted.length - 1]! }
}
