/**
 * The SQL guard: decides, without touching a database, whether a text is exactly one read-only SELECT over the
 * allowed analytic relations, columns and functions. Anything it cannot fully understand is refused.
 *
 * Primary parser: libpg-query (PostgreSQL's own grammar) with a fail-closed walk of the whole tree.
 * Secondary parser: node-sql-parser, which must agree wherever it can parse the text.
 * Output: the single statement, trimmed of surrounding comments and semicolons, with schema-qualified relation
 * names rewritten to bare ones (so row-scoping WITH items cannot be bypassed), plus what it reads.
 */
import type { ParseResult } from 'libpg-query'
import { isAppError } from '../errors/app-error.js'
import { checkSelectTree } from './check-select-tree.js'
import { crossCheckWithSecondaryParser } from './cross-check-secondary-parser.js'
import type { GuardPolicy } from './guard-policy.js'
import { GuardRejectionSignal, reject, type GuardRejection } from './guard-rejection.js'
import { parsePostgresSql } from './sql-parser.js'
import { unqualifyRelations } from './unqualify-relations.js'

export interface GuardAcceptance {
  readonly ok: true
  /** The statement to run: one SELECT, no trailing semicolon, relation names unqualified. */
  readonly sql: string
  /** Base relations read, sorted. */
  readonly tables: string[]
  /** Columns read as relation.column (relation.* for stars and whole rows), sorted. */
  readonly columns: string[]
  /** Functions called, sorted. */
  readonly functions: string[]
}

export type GuardVerdict = GuardAcceptance | GuardRejection

const statementNames: Record<string, string> = {
  InsertStmt: 'INSERT',
  UpdateStmt: 'UPDATE',
  DeleteStmt: 'DELETE',
  MergeStmt: 'MERGE',
  DropStmt: 'DROP',
  TruncateStmt: 'TRUNCATE',
  AlterTableStmt: 'ALTER TABLE',
  CreateStmt: 'CREATE TABLE',
  CreateTableAsStmt: 'CREATE TABLE AS',
  ViewStmt: 'CREATE VIEW',
  CreateFunctionStmt: 'CREATE FUNCTION',
  GrantStmt: 'GRANT/REVOKE',
  GrantRoleStmt: 'GRANT/REVOKE role',
  CopyStmt: 'COPY',
  CallStmt: 'CALL',
  DoStmt: 'DO',
  VacuumStmt: 'VACUUM/ANALYZE',
  ListenStmt: 'LISTEN',
  UnlistenStmt: 'UNLISTEN',
  NotifyStmt: 'NOTIFY',
  PrepareStmt: 'PREPARE',
  ExecuteStmt: 'EXECUTE',
  DeallocateStmt: 'DEALLOCATE',
  VariableSetStmt: 'SET/RESET',
  VariableShowStmt: 'SHOW',
  TransactionStmt: 'transaction control (BEGIN/COMMIT/ROLLBACK)',
  ExplainStmt: 'EXPLAIN',
  LockStmt: 'LOCK',
  DeclareCursorStmt: 'DECLARE CURSOR',
  FetchStmt: 'FETCH',
  CheckPointStmt: 'CHECKPOINT',
  DiscardStmt: 'DISCARD',
  LoadStmt: 'LOAD',
}

/** Keys that only say where something was written; two trees equal without them mean the same statement. */
const positionKeys = new Set(['location', 'stmt_location', 'stmt_len', 'rexpr_list_start', 'rexpr_list_end', 'list_start', 'list_end'])

export function guardSql(sql: string, policy: GuardPolicy): GuardVerdict {
  try {
    return guard(sql, policy)
  } catch (error) {
    if (error instanceof GuardRejectionSignal) return error.toRejection()
    if (isAppError(error)) throw error
    // A tree shape the walker did not foresee: refuse rather than guess.
    return { ok: false, code: 'unsupported_construct', reason: 'The guard could not check this query completely, so it was refused.' }
  }
}

function guard(sql: string, policy: GuardPolicy): GuardAcceptance {
  if (Object.keys(policy.relations).length === 0) reject('policy_empty', 'No tables are available to you, so no query can run.')
  if (typeof sql !== 'string' || sql.trim() === '') reject('empty', 'The query is empty.')
  if (sql.length > policy.maxSqlLength) reject('too_long', `The query is longer than ${policy.maxSqlLength} characters.`)
  // A NUL ends the text early for the server; lone surrogates would be re-encoded differently on the way.
  if (sql.includes('\u0000') || /\p{Cs}/u.test(sql)) reject('invalid_text', 'The query contains characters that are not valid text.')

  const whole = parse(sql)
  const statements = whole.stmts ?? []
  if (statements.length === 0) reject('empty', 'The query has no statement, only comments or semicolons.')
  if (statements.length > 1) {
    reject('multiple_statements', `Only one statement per query is allowed; this text has ${statements.length}.`)
  }
  const raw = statements[0]!
  const type = Object.keys(raw.stmt ?? {})[0] ?? 'unknown'
  if (type !== 'SelectStmt') {
    reject('not_select', `Only SELECT queries are allowed; this is ${statementNames[type] ?? type.replace(/Stmt$/, '').toUpperCase()}.`)
  }

  // Cut the statement out of its surrounding comments and semicolons, and make sure it alone means the same.
  const statement = trimAsciiSpace(sliceBytes(sql, raw.stmt_location ?? 0, raw.stmt_len))
  const aloneStatements = parse(statement).stmts ?? []
  const aloneTree = aloneStatements[0]?.stmt
  if (aloneStatements.length !== 1 || !sameTree(aloneTree, raw.stmt)) {
    reject('rewrite_failed', 'The statement could not be separated from the surrounding text; remove comments around it.')
  }
  const select = (aloneTree as { SelectStmt: Record<string, unknown> }).SelectStmt

  const facts = checkSelectTree(select, policy)
  const disagreement = crossCheckWithSecondaryParser(statement, policy, facts.cteNames)
  if (disagreement) reject(disagreement.code, disagreement.reason)

  const rewritten = unqualifyRelations(statement, facts.qualifiedRelations)
  if (rewritten !== statement) {
    const reparsed = parse(rewritten)
    if (reparsed.stmts?.length !== 1 || !sameTree(reparsed.stmts[0]!.stmt, aloneTree, { dropPublicSchema: true })) {
      reject('rewrite_failed', 'A schema-qualified table name could not be rewritten safely; write the table name without its schema.')
    }
  }
  return {
    ok: true,
    sql: rewritten,
    tables: [...facts.tables].sort(),
    columns: [...facts.columns].sort(),
    functions: [...facts.functions].sort(),
  }
}

function parse(sql: string): ParseResult {
  try {
    return parsePostgresSql(sql)
  } catch (error) {
    if (isAppError(error)) throw error
    const message = error instanceof Error ? error.message : String(error)
    if (/cannot be empty/i.test(message)) return reject('empty', 'The query is empty.')
    return reject('syntax_error', `The query is not valid PostgreSQL: ${message}.`)
  }
}

function sliceBytes(text: string, start: number, length: number | undefined): string {
  const bytes = Buffer.from(text, 'utf8')
  return bytes.subarray(start, length === undefined ? bytes.length : start + length).toString('utf8')
}

const trimAsciiSpace = (text: string) => text.replace(/^[ \t\r\n\f\v]+|[ \t\r\n\f\v]+$/g, '')

function sameTree(a: unknown, b: unknown, options: { dropPublicSchema?: boolean } = {}): boolean {
  return JSON.stringify(normalize(a, false)) === JSON.stringify(normalize(b, options.dropPublicSchema ?? false))
}

function normalize(node: unknown, dropPublicSchema: boolean, parentKey?: string): unknown {
  if (Array.isArray(node)) return node.map((item) => normalize(item, dropPublicSchema))
  if (node === null || typeof node !== 'object') return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) {
    if (positionKeys.has(key)) continue
    if (dropPublicSchema && parentKey === 'RangeVar' && key === 'schemaname' && value === 'public') continue
    out[key] = normalize(value, dropPublicSchema, key)
  }
  return out
}
