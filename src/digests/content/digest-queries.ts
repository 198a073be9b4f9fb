/**
 * How a digest reads data: semantic-layer plans compiled to SQL, or the digest's own SQL, always run through the SQL
 * guard as the digest's principal (audited under the purpose 'digest'), every statement kept for the digest's "how
 * computed". Our own statements failing is not a user's mistake: a timeout or an expensive plan is transient
 * (not_ready, worth a retry by the scheduler), anything else a bug (internal). A result cut at the row cap would
 * silently give wrong figures, so it fails too.
 */
import { AppError } from '../../errors/app-error.js'
import { compilePlan } from '../../semantic/compile-plan.js'
import type { PlanColumn, QueryPlan } from '../../semantic/query-plan.js'
import type { GuardedSqlResult, GuardedSqlRunner, GuardedSqlSuccess, SqlPrincipal } from '../../sql-guard/index.js'

export interface PlanResult {
  readonly plan: QueryPlan
  readonly sql: string
  readonly columns: readonly PlanColumn[]
  readonly rows: readonly Record<string, unknown>[]
}

export interface DigestQueries {
  runPlan(plan: QueryPlan): Promise<PlanResult>
  runSql(text: string): Promise<readonly Record<string, unknown>[]>
  /** A statement run elsewhere on the digest's behalf (the forecaster's history query). */
  record(sql: string): void
  /** Every statement so far, in the order they ran. */
  statements(): readonly string[]
}

export const digestPurpose = 'digest'

export function createDigestQueries(runner: GuardedSqlRunner, principal: SqlPrincipal): DigestQueries {
  const statements: string[] = []
  const run = async (sql: string): Promise<GuardedSqlSuccess> => {
    const result = await runner.run({ sql, principal, purpose: digestPurpose })
    statements.push(sql)
    return succeeded(result, sql)
  }
  return {
    async runPlan(plan) {
      const compiled = compilePlan(plan)
      const result = await run(compiled.sql)
      return { plan, sql: compiled.sql, columns: compiled.columns, rows: result.rows }
    },
    async runSql(text) {
      return (await run(text)).rows
    },
    record(sql) {
      statements.push(sql)
    },
    statements: () => [...statements],
  }
}

function succeeded(result: GuardedSqlResult, sql: string): GuardedSqlSuccess {
  if (result.ok && !result.truncated) return result
  if (result.ok) {
    throw new AppError('internal', 'A digest query returned more rows than a query may return, so its figures would be incomplete.', { rowCount: result.rowCount, sql })
  }
  const transient = result.code === 'timeout' || result.code === 'too_expensive'
  throw new AppError(
    transient ? 'not_ready' : 'internal',
    transient ? 'The digest took too long to compute; try again shortly.' : 'The digest could not be computed.',
    { guardCode: result.code, reason: result.reason, sql },
  )
}
