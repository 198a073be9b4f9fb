/**
 * What a tool hands back. The graph keeps the whole outcome (rows included) to compose the reply; the model gets
 * `forModel(outcome)`: the shape of a result, never its rows — it was not asked to summarise them, and every figure
 * the user reads is composed from the rows by templates, not retold by a model.
 */
import type { CompiledPlan, QueryPlan } from '../src/semantic/query-plan.js'
import type { SqlPrincipal } from '../src/sql-guard/index.js'

/** Who is asking and about what: passed to every tool call by the graph, never chosen by the model. */
export interface ToolTurn {
  readonly principal: SqlPrincipal
  readonly surface: string
  /** The user's message, for the audit trail. */
  readonly question: string
  /** 'YYYY-MM-DD' in the business time zone. */
  readonly today: string
}

export interface QueryOutcome {
  readonly ok: true
  readonly kind: 'query'
  readonly tool: 'query_metrics' | 'run_sql'
  /** Present for query_metrics: the plan the SQL was compiled from. */
  readonly plan?: QueryPlan
  readonly sql: string
  /** query_metrics: the compiled plan's columns; run_sql: one 'value' column per field. */
  readonly columns: CompiledPlan['columns'] | readonly { name: string; role: 'value' }[]
  readonly rows: Record<string, unknown>[]
  readonly truncated: boolean
}

export interface DefinitionsOutcome {
  readonly ok: true
  readonly kind: 'definitions'
  readonly tool: 'describe_data'
  readonly content: unknown
}

export interface ToolFailure {
  readonly ok: false
  readonly tool: string
  /** Machine-readable: invalid_arguments, unknown_entity, unsupported, guard_rejected, query_failed, timeout, … */
  readonly code: string
  /** Says what was wrong and how to fix it, for the model (and, in the end, the user). */
  readonly error: string
  readonly sql?: string
}

export type ToolOutcome = QueryOutcome | DefinitionsOutcome | ToolFailure

/** The JSON the model reads back from a tool call. */
export function forModel(outcome: ToolOutcome): string {
  if (!outcome.ok) return JSON.stringify({ ok: false, error: outcome.error, code: outcome.code })
  if (outcome.kind === 'definitions') return JSON.stringify({ ok: true, definitions: outcome.content })
  return JSON.stringify({
    ok: true,
    rowCount: outcome.rows.length,
    truncated: outcome.truncated,
    columns: outcome.columns.map((c) => c.name),
    note: 'The rows are shown to the user as a table with the period, definitions and filters. Do not restate or invent figures; reply with at most one short sentence, or call another tool if the question needs more.',
  })
}
