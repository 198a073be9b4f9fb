/**
 * Node "run_tools": runs the model's tool calls as the asking user, keeps each whole outcome in the turn's scratchpad
 * and hands the model only the result's shape (or the error to correct). A query that fails counts against the turn's
 * corrections: after `maxCorrections` retries the turn ends with the last error, explained.
 */
import { AIMessage, ToolMessage } from '@langchain/core/messages'
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { describePlan } from '../../src/planner/describe-plan.js'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { forModel, type ToolOutcome } from '../../tools/tool-outcome.js'
import { phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { toolTurnOf, turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

export interface RunToolsDeps {
  readonly tools: AnalystTools
  readonly maxCorrections: number
}

export function createRunToolsNode(deps: RunToolsDeps) {
  return async function runTools(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const last = state.modelMessages.at(-1)
    const calls = last instanceof AIMessage ? (last.tool_calls ?? []) : []
    emitProgress(config, 'querying', state.language)
    const toolMessages: ToolMessage[] = []
    let failedQueries = state.failedQueries
    let context = state.context
    let lastFailure: Extract<ToolOutcome, { ok: false }> | undefined
    for (const call of calls) {
      const tool = deps.tools.byName.get(call.name)
      const outcome: ToolOutcome = tool
        ? await tool.run(call.args, toolTurnOf(turn, state.message))
        : { ok: false, tool: call.name, code: 'unknown_tool', error: `There is no tool named ${call.name}; use one of ${[...deps.tools.byName.keys()].join(', ')}.` }
      turn.outcomes.push(outcome)
      toolMessages.push(new ToolMessage({ content: forModel(outcome), tool_call_id: call.id ?? call.name, name: call.name }))
      if (!outcome.ok && outcome.tool !== 'describe_data') {
        failedQueries += 1
        lastFailure = outcome
      }
      if (outcome.ok && outcome.kind === 'query' && outcome.plan) {
        context = { plan: outcome.plan, language: state.language, understood: describePlan(outcome.plan, state.language) }
      }
    }
    const update: AnalystStateUpdate = {
      modelMessages: [...state.modelMessages, ...toolMessages],
      toolCalls: state.toolCalls + calls.length,
      failedQueries,
      context,
    }
    if (failedQueries > deps.maxCorrections && lastFailure) {
      update.failure = { code: lastFailure.code, message: phrases.couldNotCompute[state.language](lastFailure.error), suggestions: [] }
    }
    return update
  }
}

export const correctionsExhausted = (state: AnalystStateValue) => state.failure !== null
