/**
 * The curated eval suite: the active cases of table eval_cases (imported from files, written by admins, promoted from
 * reviewed feedback), scored like any suite and stored as runs named 'curated'. Its gold SQL runs against whatever
 * database the cases were curated on, so unlike the core suite it brings no data set of its own.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../domain/audit/audit.repository.js'
import { AppError } from '../errors/app-error.js'
import { importEvalCases, loadActiveEvalCases, type EvalCaseImportReport } from './eval-case.repository.js'
import { loadEvalCases } from './load-eval-cases.js'
import { runEvals, type AnswerQuestion, type EvalCaseResult, type EvalReport, type GoldRunner } from './run-evals.js'

export const curatedEvalSuiteName = 'curated'

export interface RunCuratedEvalSuiteOptions {
  readonly db: Kysely<Database>
  readonly answer: AnswerQuestion
  readonly goldRunner: GoldRunner
  /** Only active cases with any of these tags. */
  readonly tags?: readonly string[]
  readonly onCase?: (result: EvalCaseResult, index: number, total: number) => void
}

export async function runCuratedEvalSuite(options: RunCuratedEvalSuiteOptions): Promise<EvalReport> {
  const cases = await loadActiveEvalCases(options.db, options.tags?.length ? { tags: options.tags } : {})
  if (cases.length === 0) {
    throw new AppError('bad_request', 'The curated suite has no active eval cases: import some with `salesmatrix evals import-file`, or add them at /admin.')
  }
  return runEvals({ cases, answer: options.answer, goldRunner: options.goldRunner, ...(options.onCase ? { onCase: options.onCase } : {}) })
}

/** Loads a JSONL suite file (evals/cases/core.jsonl by default) into eval_cases with source 'file'; idempotent. */
export async function importEvalCasesFile(db: Kysely<Database>, file: string, actor: Actor, options: { defaultToday?: string } = {}): Promise<EvalCaseImportReport> {
  const cases = await loadEvalCases(file).catch((error: unknown) => {
    throw new AppError('bad_request', error instanceof Error ? error.message : String(error), {}, { cause: error })
  })
  return importEvalCases(db, cases, actor, { file, ...(options.defaultToday ? { defaultToday: options.defaultToday } : {}) })
}
