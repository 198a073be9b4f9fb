/**
 * The low-level executor: runs one statement on one pooled client inside a transaction that can only read, as a
 * role that can only read the analytic relations, with time limits, and always rolls back. It does not look at the
 * SQL at all, so each of its layers must stop a write on its own:
 *   - BEGIN READ ONLY: the server refuses INSERT/UPDATE/DELETE/DDL, nextval, data-changing WITH items.
 *   - SET LOCAL ROLE salesmatrix_reader: no write privilege anywhere, no access to keys, audit or migrations
 *     (PGlite lets a superuser switch a read-only transaction back to read write; the role still cannot write).
 *   - the extended query protocol: the server refuses a second statement in the text.
 *   - ROLLBACK in finally: whatever happened is undone; a client whose rollback fails is destroyed, not reused.
 * statement_timeout and lock_timeout bound the time on PostgreSQL; PGlite ignores statement_timeout, so an optional
 * plan-cost ceiling (EXPLAIN before running) refuses queries the planner already knows are huge.
 */
import type pg from 'pg'
import { AppError } from '../errors/app-error.js'

export const readerRoles = { standard: 'salesmatrix_reader', sensitive: 'salesmatrix_reader_pii' } as const
export type ReaderRole = (typeof readerRoles)[keyof typeof readerRoles]

export interface ReadOnlyLimits {
  readonly statementTimeoutMs: number
  readonly lockTimeoutMs: number
  /** Refuse before running when the planner's total cost estimate is above this. */
  readonly maxPlanCost?: number | undefined
}

export interface ReadOnlyQuery {
  readonly text: string
  readonly values: readonly unknown[]
  readonly role: ReaderRole
  readonly limits: ReadOnlyLimits
}

export interface ResultField {
  readonly name: string
  readonly dataTypeID: number
}

export type ReadOnlyOutcome =
  | { readonly ok: true; readonly fields: ResultField[]; readonly rows: unknown[][]; readonly planCost: number | undefined }
  | { readonly ok: false; readonly code: 'too_expensive'; readonly planCost: number }

export type ReadOnlyPhase = 'setup' | 'plan' | 'query'

/** A failure of the executor; `phase` says whether the database setup or the statement itself failed. */
export class ReadOnlyExecutionError extends AppError {
  constructor(
    readonly phase: ReadOnlyPhase,
    readonly sqlState: string | undefined,
    readonly databaseMessage: string,
    cause: unknown,
  ) {
    super(
      phase === 'setup' ? 'not_ready' : 'unprocessable',
      phase === 'setup' ? 'The read-only database session could not be prepared.' : 'The database refused the query.',
      { phase, sqlState },
      { cause },
    )
    this.name = 'ReadOnlyExecutionError'
  }
}

const validRoles = new Set<string>(Object.values(readerRoles))

function positiveInteger(name: string, value: number): number {
  if (!Number.isSafeInteger(value) || value <= 0) throw new RangeError(`${name} must be a positive integer of milliseconds, got ${value}`)
  return value
}

export async function executeReadOnlySql(pool: pg.Pool, query: ReadOnlyQuery): Promise<ReadOnlyOutcome> {
  if (!validRoles.has(query.role)) throw new RangeError(`Unknown reader role ${query.role}`)
  const statementTimeout = positiveInteger('statementTimeoutMs', query.limits.statementTimeoutMs)
  const lockTimeout = positiveInteger('lockTimeoutMs', query.limits.lockTimeoutMs)

  const client = await pool.connect()
  let phase: ReadOnlyPhase = 'setup'
  let failure: unknown
  try {
    await client.query('BEGIN TRANSACTION READ ONLY')
    await client.query(`SET LOCAL ROLE ${query.role}`)
    await client.query(`SET LOCAL statement_timeout = ${statementTimeout}`)
    await client.query(`SET LOCAL lock_timeout = ${lockTimeout}`)
    // Analytic queries here are short; JIT compilation cost up to ~100 ms on the costlier ones at 1M orders.
    await client.query('SET LOCAL jit = off')
    // pg_temp last, so no temporary object can shadow a catalog or analytic name.
    await client.query('SET LOCAL search_path = pg_catalog, public, pg_temp')
    const check = await client.query<{ read_only: string; role: string }>(
      `SELECT current_setting('transaction_read_only') AS read_only, current_user AS role`,
    )
    if (check.rows[0]?.read_only !== 'on' || check.rows[0]?.role !== query.role) {
      throw new Error(`the session is not read-only as ${query.role} (got ${JSON.stringify(check.rows[0])})`)
    }

    let planCost: number | undefined
    if (query.limits.maxPlanCost !== undefined) {
      phase = 'plan'
      const plan = await client.query(extended(`EXPLAIN (FORMAT JSON) ${query.text}`, query.values))
      planCost = totalCostOf(plan.rows[0]?.[0])
      if (planCost > query.limits.maxPlanCost) return { ok: false, code: 'too_expensive', planCost }
    }

    phase = 'query'
    const result = await client.query(extended(query.text, query.values))
    return {
      ok: true,
      fields: result.fields.map((f) => ({ name: f.name, dataTypeID: f.dataTypeID })),
      rows: result.rows as unknown[][],
      planCost,
    }
  } catch (error) {
    failure = error
    const database = error as { code?: unknown; message?: unknown }
    throw new ReadOnlyExecutionError(
      phase,
      typeof database.code === 'string' ? database.code : undefined,
      typeof database.message === 'string' ? database.message : String(error),
      error,
    )
  } finally {
    await rollbackAndRelease(client, failure)
  }
}

/** The extended protocol (Parse/Bind/Execute) even without parameters: the server then refuses a second statement. */
function extended(text: string, values: readonly unknown[]): pg.QueryArrayConfig {
  const config = { text, values: [...values], rowMode: 'array' as const, queryMode: 'extended' }
  return config
}

function totalCostOf(plan: unknown): number {
  const cost = (plan as Array<{ Plan?: { 'Total Cost'?: unknown } }> | undefined)?.[0]?.Plan?.['Total Cost']
  if (typeof cost !== 'number' || !Number.isFinite(cost)) throw new Error('EXPLAIN returned no total cost')
  return cost
}

async function rollbackAndRelease(client: pg.PoolClient, earlier: unknown): Promise<void> {
  try {
    await client.query('ROLLBACK')
  } catch (error) {
    // The session may still be inside the transaction (or broken): never hand it to anyone else.
    client.release(new Error('ROLLBACK failed; the connection is discarded', { cause: earlier ?? error }))
    return
  }
  client.release()
}
