/**
 * Eval runs (migration 006): each run's score and settings, and every case's outcome, so accuracy can be compared
 * across prompt versions and planner changes. Written in one transaction: a run is stored whole or not at all.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { AccuracyBucket, EvalReport } from './run-evals.js'

export interface NewEvalRun {
  /** The suite's name or file, e.g. 'core' or 'evals/cases/core.jsonl'. */
  readonly suite: string
  /** Which answering pipeline ran, e.g. 'offline-planner' or an LLM model id. */
  readonly model: string
  readonly promptVersion?: string | null
  /** What the gold answers were computed on, e.g. the seed's options. */
  readonly dataset?: Readonly<Record<string, unknown>> | null
  readonly report: EvalReport
}

export interface EvalRunSummary {
  readonly id: number
  readonly startedAt: Date
  readonly finishedAt: Date
  readonly suite: string
  readonly promptVersion: string | null
  readonly model: string
  readonly cases: number
  readonly passed: number
  readonly accuracy: number
  readonly p50Ms: number
  readonly p95Ms: number
  readonly maxMs: number
  readonly byTag: Record<string, AccuracyBucket>
  readonly byLanguage: Record<string, AccuracyBucket>
  readonly dataset: Record<string, unknown> | null
}

export interface StoredEvalCaseResult {
  readonly caseId: string
  readonly lang: string
  readonly question: string
  readonly tags: string[]
  readonly expect: 'answer' | 'refuse'
  readonly today: string
  readonly passed: boolean
  readonly reason: string | null
  readonly latencyMs: number
  readonly refused: boolean
  readonly sql: string | null
  readonly error: string | null
  readonly goldRowCount: number | null
  readonly answerRowCount: number | null
}

interface RunRow {
  id: number | string
  started_at: Date
  finished_at: Date
  suite: string
  prompt_version: string | null
  model: string
  cases: number
  passed: number
  accuracy: number
  p50_ms: number
  p95_ms: number
  max_ms: number
  by_tag: Record<string, AccuracyBucket>
  by_language: Record<string, AccuracyBucket>
  dataset: Record<string, unknown> | null
}

const toSummary = (row: RunRow): EvalRunSummary => ({
  id: Number(row.id),
  startedAt: row.started_at,
  finishedAt: row.finished_at,
  suite: row.suite,
  promptVersion: row.prompt_version,
  model: row.model,
  cases: row.cases,
  passed: row.passed,
  accuracy: Number(row.accuracy),
  p50Ms: row.p50_ms,
  p95Ms: row.p95_ms,
  maxMs: row.max_ms,
  byTag: row.by_tag,
  byLanguage: row.by_language,
  dataset: row.dataset,
})

const runColumns = sql.raw('id, started_at, finished_at, suite, prompt_version, model, cases, passed, accuracy, p50_ms, p95_ms, max_ms, by_tag, by_language, dataset')

/** Stores a run and its case results; returns the run's id. */
export async function saveEvalRun(db: Kysely<Database>, run: NewEvalRun): Promise<number> {
  const { report } = run
  return db.transaction().execute(async (trx) => {
    const inserted = await sql<{ id: number | string }>`
      insert into eval_runs (started_at, finished_at, suite, prompt_version, model, cases, passed, accuracy, p50_ms, p95_ms, max_ms, by_tag, by_language, dataset)
      values (${report.startedAt}, ${report.finishedAt}, ${run.suite}, ${run.promptVersion ?? null}, ${run.model}, ${report.total}, ${report.passed},
              ${report.accuracy}, ${Math.round(report.latencyMs.p50)}, ${Math.round(report.latencyMs.p95)}, ${Math.round(report.latencyMs.max)},
              ${JSON.stringify(report.byTag)}::jsonb, ${JSON.stringify(report.byLanguage)}::jsonb,
              ${run.dataset ? JSON.stringify(run.dataset) : null}::jsonb)
      returning id`.execute(trx)
    const runId = Number(inserted.rows[0]!.id)
    // A few hundred cases at most: one multi-row insert per chunk keeps well under the parameter limit.
    const chunkSize = 500
    for (let start = 0; start < report.cases.length; start += chunkSize) {
      const values = report.cases.slice(start, start + chunkSize).map(
        (c, k) => sql`(${runId}, ${start + k}, ${c.id}, ${c.lang}, ${c.question}, ${[...c.tags]}::text[], ${c.expect}, ${c.today}::date, ${c.passed},
          ${c.reason ?? null}, ${c.latencyMs}, ${c.refused}, ${c.sql ?? null}, ${c.error ?? null}, ${c.goldRowCount ?? null}, ${c.answerRowCount ?? null})`,
      )
      await sql`
        insert into eval_case_results (run_id, position, case_id, lang, question, tags, expect, today, passed, reason, latency_ms, refused, sql, error, gold_row_count, answer_row_count)
        values ${sql.join(values)}`.execute(trx)
    }
    return runId
  })
}

/** The latest runs, newest first, optionally of one suite, prompt version ('analyst-system@3') or model. */
export async function listEvalRuns(
  db: Kysely<Database>,
  options: { suite?: string; promptVersion?: string; model?: string; limit?: number } = {},
): Promise<EvalRunSummary[]> {
  const limit = Math.min(Math.max(options.limit ?? 20, 1), 500)
  const conditions = [
    ...(options.suite === undefined ? [] : [sql`suite = ${options.suite}`]),
    ...(options.promptVersion === undefined ? [] : [sql`prompt_version = ${options.promptVersion}`]),
    ...(options.model === undefined ? [] : [sql`model = ${options.model}`]),
  ]
  const where = conditions.length === 0 ? sql`` : sql`where ${sql.join(conditions, sql` and `)}`
  const { rows } = await sql<RunRow>`select ${runColumns} from eval_runs ${where} order by started_at desc, id desc limit ${limit}`.execute(db)
  return rows.map(toSummary)
}

/** One run with its case results in suite order, or undefined. */
export async function findEvalRun(db: Kysely<Database>, id: number): Promise<(EvalRunSummary & { results: StoredEvalCaseResult[] }) | undefined> {
  const { rows } = await sql<RunRow>`select ${runColumns} from eval_runs where id = ${id}`.execute(db)
  if (rows.length === 0) return undefined
  const results = await sql<{
    case_id: string
    lang: string
    question: string
    tags: string[]
    expect: 'answer' | 'refuse'
    today: string
    passed: boolean
    reason: string | null
    latency_ms: number
    refused: boolean
    sql: string | null
    error: string | null
    gold_row_count: number | null
    answer_row_count: number | null
  }>`select case_id, lang, question, tags, expect, today, passed, reason, latency_ms, refused, sql, error, gold_row_count, answer_row_count
       from eval_case_results where run_id = ${id} order by position`.execute(db)
  return {
    ...toSummary(rows[0]!),
    results: results.rows.map((r) => ({
      caseId: r.case_id,
      lang: r.lang,
      question: r.question,
      tags: r.tags,
      expect: r.expect,
      today: r.today,
      passed: r.passed,
      reason: r.reason,
      latencyMs: Number(r.latency_ms),
      refused: r.refused,
      sql: r.sql,
      error: r.error,
      goldRowCount: r.gold_row_count,
      answerRowCount: r.answer_row_count,
    })),
  }
}
