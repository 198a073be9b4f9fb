/**
 * The audit of guarded SQL: one row in query_audit per execution, accepted or not. Written with a separate pooled
 * query after the read-only transaction has ended, never inside it (that transaction can write nothing).
 */
import type pg from 'pg'
import type { SqlPrincipal } from './sql-principal.js'

export interface QueryAuditEntry {
  readonly principal: SqlPrincipal
  readonly purpose?: string | undefined
  readonly question?: string | undefined
  readonly submittedSql: string
  /** The text sent to the database (absent when nothing ran). */
  readonly executedSql?: string | undefined
  readonly outcome: 'ok' | 'rejected' | 'failed'
  readonly code?: string | undefined
  readonly reason?: string | undefined
  readonly tables?: readonly string[] | undefined
  readonly durationMs: number
  readonly rowCount?: number | undefined
  readonly truncated?: boolean | undefined
}

export type QueryAuditRecorder = (entry: QueryAuditEntry) => Promise<void>

/** Texts are cut to this many characters in the audit so a huge paste cannot bloat it. */
const MAX_AUDITED_TEXT = 50_000

const cut = (text: string | undefined) => (text === undefined ? null : text.length > MAX_AUDITED_TEXT ? `${text.slice(0, MAX_AUDITED_TEXT)}…` : text)

export function createQueryAuditRecorder(pool: pg.Pool): QueryAuditRecorder {
  return async (entry) => {
    await pool.query(
      `insert into query_audit
         (user_id, principal_role, rep_id, purpose, question, submitted_sql, executed_sql, outcome, code, reason, tables, duration_ms, row_count, truncated)
       values ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14)`,
      [
        String(entry.principal?.userId ?? ''),
        String(entry.principal?.role ?? ''),
        Number.isSafeInteger(entry.principal?.repId) ? entry.principal.repId : null,
        cut(entry.purpose),
        cut(entry.question),
        cut(entry.submittedSql) ?? '',
        cut(entry.executedSql),
        entry.outcome,
        entry.code ?? null,
        cut(entry.reason),
        [...(entry.tables ?? [])],
        Math.max(0, Math.round(entry.durationMs)),
        entry.rowCount ?? null,
        entry.truncated ?? null,
      ],
    )
  }
}
