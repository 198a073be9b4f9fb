/**
 * Guarded read-only execution of free SQL for a principal: guard → row scoping → read-only transaction as the reader
 * role → capped rows → rollback → audit. Mistakes of the user or the model (refused SQL, a column that does not
 * exist, a timeout) come back as data `{ ok: false, code, reason }`; only a broken database or audit throws.
 */
import { performance } from 'node:perf_hooks'
import type pg from 'pg'
import { AppError } from '../errors/app-error.js'
import { buildGuardedQuery } from './build-guarded-query.js'
import { executeReadOnlySql, readerRoles, ReadOnlyExecutionError, type ResultField } from './execute-read-only-sql.js'
import type { GuardPolicy } from './guard-policy.js'
import type { GuardRejectionCode } from './guard-rejection.js'
import { guardSql } from './guard-sql.js'
import { createQueryAuditRecorder, type QueryAuditEntry, type QueryAuditRecorder } from './query-audit.js'
import { rowScopeOf, type SqlPrincipal } from './sql-principal.js'
import { loadSqlParser } from './sql-parser.js'

export interface GuardedSqlLimits {
  /** Rows returned at most; one more is fetched to tell that the result was cut. */
  readonly maxRows: number
  readonly statementTimeoutMs: number
  readonly lockTimeoutMs: number
  /**
   * Planner cost above which a query is refused before it runs. The only bound on run time in the embedded
   * database (PGlite ignores statement_timeout); omit to rely on the timeout alone.
   */
  readonly maxPlanCost?: number
}

export const defaultGuardedSqlLimits: GuardedSqlLimits = Object.freeze({
  maxRows: 1_000,
  statementTimeoutMs: 15_000,
  lockTimeoutMs: 2_000,
  maxPlanCost: 1_000_000,
})

export interface GuardedSqlRunnerOptions {
  readonly pool: pg.Pool
  /** A fixed policy, or one per principal (e.g. sensitive columns for admins only). */
  readonly policy: GuardPolicy | ((principal: SqlPrincipal) => GuardPolicy)
  readonly limits: GuardedSqlLimits
  /** Where each execution is recorded; defaults to the query_audit table of `pool`. */
  readonly audit?: QueryAuditRecorder
  /** Milliseconds clock for durations; defaults to performance.now. */
  readonly now?: () => number
}

export interface GuardedSqlRequest {
  readonly sql: string
  readonly principal: SqlPrincipal
  /** Why it runs, e.g. 'chat', 'cli', 'eval'. */
  readonly purpose?: string
  /** The question in the user's words, when there was one. */
  readonly question?: string
}

export type GuardedSqlFailureCode =
  | GuardRejectionCode
  | 'forbidden_principal'
  | 'too_expensive'
  | 'timeout'
  | 'read_only'
  | 'permission_denied'
  | 'query_failed'

export interface GuardedSqlSuccess {
  readonly ok: true
  /** One object per row, keyed by field name (repeated names get a _2, _3 suffix, as in `fields`). */
  readonly rows: Record<string, unknown>[]
  readonly fields: ResultField[]
  readonly rowCount: number
  /** True when the query had more than maxRows rows and only the first maxRows are here. */
  readonly truncated: boolean
  readonly durationMs: number
  /** The SQL actually run, and its parameters. */
  readonly sql: string
  readonly params: unknown[]
  readonly tables: string[]
}

export interface GuardedSqlFailure {
  readonly ok: false
  readonly code: GuardedSqlFailureCode
  readonly reason: string
  readonly durationMs: number
  /** The SQL sent to the database, when it got that far. */
  readonly sql?: string
}

export type GuardedSqlResult = GuardedSqlSuccess | GuardedSqlFailure

export interface GuardedSqlRunner {
  run(request: GuardedSqlRequest): Promise<GuardedSqlResult>
}

export function createGuardedSqlRunner(options: GuardedSqlRunnerOptions): GuardedSqlRunner {
  const { pool, limits } = options
  if (!Number.isSafeInteger(limits.maxRows) || limits.maxRows < 1) throw new RangeError('limits.maxRows must be a positive integer')
  const audit = options.audit ?? createQueryAuditRecorder(pool)
  const now = options.now ?? (() => performance.now())
  const policyFor = typeof options.policy === 'function' ? options.policy : () => options.policy as GuardPolicy

  return {
    async run(request) {
      const started = now()
      const elapsed = () => Math.max(0, Math.round(now() - started))
      const base = { principal: request.principal, purpose: request.purpose, question: request.question, submittedSql: String(request.sql ?? '') }

      const finish = async (result: GuardedSqlResult, entry: Omit<QueryAuditEntry, keyof typeof base | 'durationMs'>): Promise<GuardedSqlResult> => {
        await record(audit, { ...base, ...entry, durationMs: result.durationMs })
        return result
      }
      const refuse = (code: GuardedSqlFailureCode, reason: string, outcome: 'rejected' | 'failed', extra: { sql?: string; tables?: string[] } = {}) =>
        finish(
          { ok: false, code, reason, durationMs: elapsed(), ...(extra.sql === undefined ? {} : { sql: extra.sql }) },
          { outcome, code, reason, executedSql: extra.sql, tables: extra.tables },
        )

      const scope = rowScopeOf(request.principal)
      if (!scope.ok) return refuse('forbidden_principal', scope.reason, 'rejected')

      await loadSqlParser()
      const policy = policyFor(request.principal)
      const verdict = guardSql(base.submittedSql, policy)
      if (!verdict.ok) return refuse(verdict.code, verdict.reason, 'rejected')

      const query = buildGuardedQuery(verdict.sql, scope.scope, limits.maxRows)
      const role = policy.allowSensitiveColumns ? readerRoles.sensitive : readerRoles.standard
      let outcome
      try {
        outcome = await executeReadOnlySql(pool, { text: query.text, values: query.values, role, limits })
      } catch (error) {
        const failure = classify(error, limits)
        if (failure.kind === 'infrastructure') {
          await record(audit, {
            ...base,
            outcome: 'failed',
            code: 'unavailable',
            reason: failure.reason,
            executedSql: query.text,
            tables: verdict.tables,
            durationMs: elapsed(),
          })
          throw new AppError('not_ready', failure.reason, {}, { cause: error })
        }
        return refuse(failure.code, failure.reason, 'failed', { sql: query.text, tables: verdict.tables })
      }
      if (!outcome.ok) {
        return refuse(
          'too_expensive',
          // No numbers: the estimate reflects whole-table sizes a rep may not see.
          'The query is estimated to be too expensive to run; narrow it with filters, a shorter period or aggregates.',
          'rejected',
          { sql: query.text, tables: verdict.tables },
        )
      }

      const truncated = outcome.rows.length > limits.maxRows
      const kept = truncated ? outcome.rows.slice(0, limits.maxRows) : outcome.rows
      const fields = uniqueNames(outcome.fields)
      const rows = kept.map((row) => Object.fromEntries(fields.map((f, i) => [f.name, row[i]])))
      const result: GuardedSqlSuccess = {
        ok: true,
        rows,
        fields,
        rowCount: rows.length,
        truncated,
        durationMs: elapsed(),
        sql: query.text,
        params: query.values,
        tables: verdict.tables,
      }
      await record(audit, {
        ...base,
        outcome: 'ok',
        executedSql: query.text,
        tables: verdict.tables,
        durationMs: result.durationMs,
        rowCount: result.rowCount,
        truncated,
      })
      return result
    },
  }
}

async function record(audit: QueryAuditRecorder, entry: QueryAuditEntry): Promise<void> {
  try {
    await audit(entry)
  } catch (error) {
    // Fail closed: an execution nobody can trace is not handed out.
    throw new AppError('internal', 'The query could not be recorded in the audit trail, so its result is withheld.', {}, { cause: error })
  }
}

function uniqueNames(fields: ResultField[]): ResultField[] {
  const seen = new Map<string, number>()
  return fields.map((field) => {
    const count = (seen.get(field.name) ?? 0) + 1
    seen.set(field.name, count)
    return count === 1 ? field : { name: `${field.name}_${count}`, dataTypeID: field.dataTypeID }
  })
}

type Classified = { kind: 'user'; code: GuardedSqlFailureCode; reason: string } | { kind: 'infrastructure'; reason: string }

/** Sorts a database error into the user's mistake (returned as data) or a broken database (thrown). */
function classify(error: unknown, limits: GuardedSqlLimits): Classified {
  if (!(error instanceof ReadOnlyExecutionError) || error.phase === 'setup') {
    return { kind: 'infrastructure', reason: 'The database is not ready to answer queries right now (read-only session setup failed).' }
  }
  const state = error.sqlState ?? ''
  const message = error.databaseMessage
  if (state === '57014') return { kind: 'user', code: 'timeout', reason: `The query ran longer than ${limits.statementTimeoutMs} ms and was stopped.` }
  if (state === '55P03') return { kind: 'user', code: 'timeout', reason: `The query waited longer than ${limits.lockTimeoutMs} ms for a lock and was stopped.` }
  if (state === '25006') return { kind: 'user', code: 'read_only', reason: 'The query tried to change data; only reading is allowed.' }
  if (state === '42501') return { kind: 'user', code: 'permission_denied', reason: 'The query touched data you are not allowed to read.' }
  if (state.startsWith('53')) return { kind: 'user', code: 'too_expensive', reason: 'The query needed more memory or disk than allowed; narrow it.' }
  // Syntax, unknown names, type and data errors concern the statement itself: the message helps to fix it.
  if (/^(42|22|21|2F|54|0A)/.test(state)) return { kind: 'user', code: 'query_failed', reason: `The database refused the query: ${message}` }
  if (state === '' || /^(08|57|58|XX)/.test(state)) {
    return { kind: 'infrastructure', reason: 'The database is not reachable right now; try again shortly.' }
  }
  return { kind: 'user', code: 'query_failed', reason: `The database refused the query (SQLSTATE ${state}).` }
}
