/**
 * `run_sql`: one read-only SELECT written by the model, for questions the semantic layer cannot express. It runs only
 * through the SQL guard (allow-listed tables and columns, the user's row scope, a reader role, a row cap, a time
 * limit); anything the guard refuses comes back to the model as an error it may correct.
 */
import { z } from 'zod'
import type { GuardedSqlRunner } from '../src/sql-guard/index.js'
import { parseToolArgs, type AnalystTool } from './analyst-tool.js'

export const runSqlSchema = z.object({
  sql: z.string().min(1).max(20_000).describe('One PostgreSQL SELECT over the documented tables. No writes, no comments needed.'),
})

const name = 'run_sql'

export function createRunSqlTool(deps: { readonly runner: GuardedSqlRunner }): AnalystTool<typeof runSqlSchema> {
  return {
    name,
    description:
      'Run one read-only PostgreSQL SELECT over the sales tables (orders, order_items, products, categories, customers, sales_reps, regions, sales_targets), ' +
      'through a guard that enforces the user\'s permissions. Use only when query_metrics cannot express the question. Revenue counts completed orders only.',
    schema: runSqlSchema,
    async run(args, turn) {
      const parsed = parseToolArgs(name, runSqlSchema, args)
      if (!parsed.ok) return parsed.failure
      // Free SQL cannot be shown to stay inside a channel's region; the semantic layer's plans can.
      if (turn.scope) return { ok: false, tool: name, code: 'outside_channel_scope', error: `This channel answers about the ${turn.scope.region.name} region only; use query_metrics, which filters to it.` }
      const run = await deps.runner.run({ sql: parsed.value.sql, principal: turn.principal, purpose: turn.surface, question: turn.question })
      if (!run.ok) return { ok: false, tool: name, code: run.code, error: run.reason, sql: parsed.value.sql }
      return { ok: true, kind: 'query', tool: name, sql: parsed.value.sql, columns: run.fields.map((f) => ({ name: f.name, role: 'value' as const })), rows: run.rows, truncated: run.truncated }
    },
  }
}
