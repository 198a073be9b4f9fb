/**
 * A scripted AnalystAgent for route and eval tests: it answers from a script (question → reply parts) and remembers
 * every request, so a test can check the prompt version, thread, surface and "today" each turn was asked with.
 */
import { randomUUID } from 'node:crypto'
import type { AgentReply, AgentTurnRequest, AnalystAgent } from '../../../agents/agent-contract.js'

export type ScriptedAnswer =
  | { readonly rows: readonly Record<string, unknown>[]; readonly sql?: string }
  | { readonly refuse: string }
  | { readonly fail: string; readonly sql?: string }

export interface ScriptedAgent extends AnalystAgent {
  readonly requests: AgentTurnRequest[]
  /** What the replies say answered them: 'offline' or 'provider:model'. */
  model: string
}

/** `script(request)` decides each answer; replies name the requested prompt version (or `activePrompt`). */
export function createScriptedAgent(
  script: (request: AgentTurnRequest) => ScriptedAnswer,
  options: { model?: string; activePrompt?: { name: string; version: number } } = {},
): ScriptedAgent {
  const agent: ScriptedAgent = {
    requests: [],
    model: options.model ?? 'test:scripted',
    async respond(request): Promise<AgentReply> {
      agent.requests.push(request)
      const answer = script(request)
      const prompt = request.promptVersion ?? options.activePrompt
      const base = {
        turnId: randomUUID(),
        threadId: request.threadId,
        intent: 'analytics' as const,
        language: 'en' as const,
        showSql: false,
        wantsChart: false,
        suggestions: [],
        model: agent.model,
        usage: { inputTokens: 0, outputTokens: 0 },
        totalMs: 1,
        ...(prompt ? { prompt: { name: prompt.name, version: prompt.version } } : {}),
      }
      if ('rows' in answer) {
        const columns = Object.keys(answer.rows[0] ?? {}).map((name) => ({ name, label: name, role: 'value' as const }))
        return {
          ...base,
          ok: true,
          text: 'scripted answer',
          headline: 'scripted answer',
          sql: answer.sql ?? 'select 1',
          table: { columns, rows: answer.rows, display: answer.rows.map((row) => Object.values(row).map(String)), truncated: false },
        }
      }
      if ('refuse' in answer) return { ...base, ok: false, intent: 'out_of_scope', code: answer.refuse, text: 'I cannot answer that.', headline: 'I cannot answer that.' }
      return { ...base, ok: false, code: answer.fail, text: 'Something failed.', headline: 'Something failed.', ...(answer.sql ? { sql: answer.sql } : {}) }
    },
  }
  return agent
}
