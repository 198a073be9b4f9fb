/**
 * Node "call_model": the configured chat model, with the tools bound, reads the system prompt (the semantic layer's
 * definitions — never data), the conversation so far (questions and restated plans, no figures) and this turn's
 * tool exchange, and either calls tools or finishes. Bounded: a model that keeps calling tools is stopped at
 * `maxToolCalls`; a model that does not answer in time sends the turn to the offline planner.
 */
import { AIMessage, HumanMessage, SystemMessage, type BaseMessage } from '@langchain/core/messages'
import type { Runnable } from '@langchain/core/runnables'
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { renderPrompt } from '../../src/prompts/prompt-source.js'
import { semanticLayerPrompt } from '../../src/semantic/describe-semantic-layer.js'
import { asLangChainTool } from '../../tools/analyst-tool.js'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { defaultSystemPrompt } from '../default-system-prompt.js'
import type { AgentModel } from '../models/agent-model.js'
import { toolTurnOf, turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

export interface CallModelDeps {
  readonly model: AgentModel
  readonly tools: AnalystTools
  readonly maxToolCalls: number
  readonly timeZone: string
  readonly currency: string
  /** Told when the model failed and the offline planner took over. */
  readonly onModelError?: (error: unknown) => void
}

/** How many past entries (questions and answers) the model sees. */
const historyWindow = 12

export function createCallModelNode(deps: CallModelDeps) {
  return async function callModel(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    emitProgress(config, state.failedQueries > 0 ? 'correcting' : 'planning', state.language)
    const lcTools = deps.tools.list.map((t) => asLangChainTool(t, () => toolTurnOf(turn, state.message)))
    if (!deps.model.chat.bindTools) throw new Error(`The model ${deps.model.name} cannot call tools`)
    const bound = deps.model.chat.bindTools(lcTools) as Runnable<BaseMessage[], AIMessage>
    const template = turn.prompt?.text ?? defaultSystemPrompt
    const system = renderPrompt(template, {
      semantic_layer: semanticLayerPrompt(state.language),
      today: turn.today,
      time_zone: deps.timeZone,
      currency: deps.currency,
      language: state.language === 'pt' ? 'Brazilian Portuguese' : 'English',
    })
    const messages: BaseMessage[] = [
      new SystemMessage(system),
      ...state.history.slice(-historyWindow).map((entry) => (entry.role === 'user' ? new HumanMessage(entry.text) : new AIMessage(entry.text))),
      new HumanMessage(state.message),
      ...state.modelMessages,
    ]
    let reply: AIMessage
    try {
      reply = await bound.invoke(messages, { signal: AbortSignal.timeout(deps.model.timeoutMs) })
    } catch (error) {
      deps.onModelError?.(error)
      return { fallbackToOffline: true, notes: [...state.notes, phrases.modelUnavailable[state.language]] }
    }
    const usage = reply.usage_metadata
    const counted = { inputTokens: state.inputTokens + (usage?.input_tokens ?? 0), outputTokens: state.outputTokens + (usage?.output_tokens ?? 0) }
    const calls = reply.tool_calls ?? []
    if (calls.length > 0 && state.toolCalls + calls.length > deps.maxToolCalls) {
      return {
        ...counted,
        notes: [...state.notes, phrases.stepLimit[state.language]],
        failure: { code: 'step_limit', message: phrases.stepLimit[state.language], suggestions: [] },
        modelMessages: [...state.modelMessages],
      }
    }
    return { ...counted, modelMessages: [...state.modelMessages, reply], modelText: calls.length ? state.modelText : textOf(reply) }
  }
}

export function pendingToolCalls(state: AnalystStateValue): boolean {
  const last = state.modelMessages.at(-1)
  return last instanceof AIMessage && (last.tool_calls?.length ?? 0) > 0 && state.failure?.code !== 'step_limit'
}

function textOf(message: AIMessage): string {
  if (typeof message.content === 'string') return message.content
  return message.content.map((part) => (typeof part === 'object' && part && 'text' in part && typeof part.text === 'string' ? part.text : '')).join('')
}
