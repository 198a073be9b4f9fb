/**
 * Adapts the analyst agent to the eval harness: each case is one turn in a thread of its own, and what the agent
 * reports about itself (model, prompt version) is collected so a run can be stored under the right names.
 * A reply without SQL that is not a failure of ours (model down, timeout, bug) counts as a refusal.
 */
import type { AgentReply, AgentTurnRequest, AnalystAgent } from '../../agents/agent-contract.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import type { AnswerQuestion, EvalAnswer } from './run-evals.js'

/** Failure codes that mean the pipeline broke, never that it declined the question. */
const brokenCodes = new Set(['model_unavailable', 'timeout', 'internal'])

export interface AgentEvalAnswerer {
  readonly answer: AnswerQuestion
  /** Models the replies named ('offline', 'openai:gpt-…'), in order of first appearance. */
  models(): string[]
  /** Prompt versions the replies said they used, as 'name@version'. */
  prompts(): string[]
}

export interface AnswerWithAgentOptions {
  readonly principal: SqlPrincipal
  /** The conversation of one case, e.g. `eval:preview:<run>:<caseId>`. */
  readonly threadId: (caseId: string) => string
  readonly promptVersion?: AgentTurnRequest['promptVersion']
  readonly surface?: string
}

export function replyToEvalAnswer(reply: AgentReply): EvalAnswer {
  const failure = reply.ok ? undefined : `${reply.code ?? 'failed'}: ${reply.headline}`
  if (reply.sql === undefined) {
    if (!reply.ok && brokenCodes.has(reply.code ?? 'internal')) return { refused: false, error: failure! }
    if (!reply.ok || !reply.table) return { refused: true, ...(failure ? { error: failure } : {}) }
  }
  if (!reply.ok) return { refused: false, ...(reply.sql === undefined ? {} : { sql: reply.sql }), error: failure! }
  return { refused: false, ...(reply.sql === undefined ? {} : { sql: reply.sql }), ...(reply.table ? { rows: reply.table.rows.map((row) => ({ ...row })) } : {}) }
}

export function answerWithAgent(agent: AnalystAgent, options: AnswerWithAgentOptions): AgentEvalAnswerer {
  const models: string[] = []
  const prompts: string[] = []
  const note = (list: string[], value: string) => {
    if (!list.includes(value)) list.push(value)
  }
  return {
    async answer(question, context) {
      const reply = await agent.respond({
        threadId: options.threadId(context.caseId ?? 'case'),
        message: question,
        principal: options.principal,
        surface: options.surface ?? 'eval',
        today: context.today,
        ...(options.promptVersion ? { promptVersion: options.promptVersion } : {}),
      })
      note(models, reply.model)
      if (reply.prompt) note(prompts, `${reply.prompt.name}@${reply.prompt.version}`)
      return replyToEvalAnswer(reply)
    },
    models: () => [...models],
    prompts: () => [...prompts],
  }
}
