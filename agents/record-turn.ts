/** Writes one turn to agent_turns: the record behind reference ids, feedback, and per-prompt-version accuracy. */
import type { Kysely } from 'kysely'
import type { Database } from '../src/db/schema.js'
import type { AgentReply, AgentTurnRequest } from './agent-contract.js'

export async function recordTurn(db: Kysely<Database>, request: AgentTurnRequest, reply: AgentReply, rowCount: number | undefined): Promise<void> {
  await db
    .insertInto('agent_turns')
    .values({
      id: reply.turnId,
      thread_id: request.threadId,
      user_id: request.principal.userId,
      principal_role: request.principal.role,
      rep_id: request.principal.repId ?? null,
      surface: request.surface,
      message: request.message,
      intent: reply.intent,
      ok: reply.ok,
      code: reply.code ?? null,
      language: reply.language,
      answer: reply.text,
      plan: reply.plan ? JSON.stringify(reply.plan) : null,
      sql: reply.sql ?? null,
      row_count: rowCount ?? null,
      prompt_name: reply.prompt?.name ?? null,
      prompt_version: reply.prompt?.version ?? null,
      model: reply.model,
      input_tokens: reply.usage.inputTokens,
      output_tokens: reply.usage.outputTokens,
      cost_usd: reply.usage.costUsd ?? null,
      total_ms: reply.totalMs,
    })
    .execute()
}
