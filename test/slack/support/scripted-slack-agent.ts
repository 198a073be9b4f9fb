/**
 * A scripted AnalystAgent for the Slack tests: each turn reports progress, then answers with whatever the script
 * returns on top of a plain successful reply. It remembers every request (principal, thread, hint, action).
 */
import { randomUUID } from 'node:crypto'
import type { AgentReply, AgentTurnRequest, AnalystAgent } from '../../../agents/agent-contract.js'

export interface ScriptedSlackAgent extends AnalystAgent {
  readonly requests: AgentTurnRequest[]
  readonly replies: AgentReply[]
}

export function createScriptedSlackAgent(script: (request: AgentTurnRequest) => Partial<AgentReply> = () => ({})): ScriptedSlackAgent {
  const agent: ScriptedSlackAgent = {
    requests: [],
    replies: [],
    async respond(request) {
      agent.requests.push(request)
      request.onProgress?.({ step: 'understanding', message: 'Understanding the question…' })
      request.onProgress?.({ step: 'querying', message: 'Querying the sales data…' })
      const reply: AgentReply = {
        turnId: randomUUID(),
        threadId: request.threadId,
        ok: true,
        intent: 'analytics',
        language: 'en',
        text: 'Revenue — last month: $1,234.00\n\nHow computed: Revenue = sum of line totals of completed orders.',
        headline: 'Revenue — last month: $1,234.00',
        sql: "SELECT sum(line_total) AS revenue FROM order_items",
        showSql: false,
        wantsChart: false,
        suggestions: [],
        model: 'test:scripted',
        usage: { inputTokens: 0, outputTokens: 0 },
        totalMs: 1,
        ...script(request),
      }
      agent.replies.push(reply)
      return reply
    },
  }
  return agent
}
