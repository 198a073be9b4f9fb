/**
 * The analyst agent every surface talks to. A factory: it receives the database, the SQL runner, the entity resolver,
 * the clock, the planner, an optional model, prompt source and checkpointer — and does no I/O until a turn arrives.
 *
 * One turn = one run of the graph on the thread's checkpointed state (the conversation memory), with the asking
 * user, today's date and the progress callback passed beside the state. The reply is composed from the rows of
 * the guard-approved queries; the turn is recorded in agent_turns under its reference id. Anything that goes wrong
 * inside becomes a short reply with that reference id, and the details go to the log.
 */
import { randomUUID } from 'node:crypto'
import { performance } from 'node:perf_hooks'
import type { BaseCheckpointSaver } from '@langchain/langgraph'
import type { Kysely } from 'kysely'
import { todayIn } from '../src/analyst/today-in.js'
import type { Database } from '../src/db/schema.js'
import type { Logger } from '../src/logging/logger.js'
import type { EntityResolver } from '../src/planner/entity-resolver.js'
import { detectLanguage } from '../src/planner/detect-language.js'
import { planQuestion } from '../src/planner/plan-question.js'
import { analystSystemPromptName } from '../src/prompts/prompt-library.js'
import type { PromptSource, PromptTemplate } from '../src/prompts/prompt-source.js'
import type { Forecaster } from '../src/forecast/create-forecaster.js'
import type { SalesLog } from '../src/sales-log/index.js'
import type { RfmSegmenter } from '../src/segments/index.js'
import type { GuardedSqlRunner } from '../src/sql-guard/index.js'
import { createAnalystTools } from '../tools/analyst-tools.js'
import type { ToolOutcome } from '../tools/tool-outcome.js'
import type { AgentReply, AgentTurnRequest, AnalystAgent, ReplyChart } from './agent-contract.js'
import { phrases } from './agent-phrases.js'
import { buildAnalystGraph } from './analyst-graph.js'
import { turnInput, type AnalystStateValue } from './analyst-state.js'
import { composeReply, lastQuery } from './compose-reply.js'
import { costOf, type AgentModel } from './models/agent-model.js'
import type { OfflinePlanner } from './offline-planner.js'
import { recordTurn } from './record-turn.js'
import type { TurnRuntime } from './turn-runtime.js'
import type { DocumentStore } from '../src/documents/document-contract.js'
import { createDocumentReaderResolver } from '../src/documents/document-reader.js'


export interface AnalystAgentDeps {
  readonly db: Kysely<Database>
  readonly runner: GuardedSqlRunner
  readonly resolver: EntityResolver
  readonly clock: () => Date
  readonly timeZone: string
  readonly currency: string
  /** Conversation memory; without one every turn starts afresh. */
  readonly checkpointer?: BaseCheckpointSaver
  /** Without a model the deterministic planner drives the graph (the default). */
  readonly model?: AgentModel
  /** The deterministic planner, given the previous plan for follow-ups; a stateless one by default. */
  readonly planner?: OfflinePlanner
  readonly prompts?: PromptSource
  /** RFM customer segments (the customer_segments tool); absent: segment questions say so. */
  readonly segmenter?: RfmSegmenter
  /** The forecast engine (the forecast tool); absent: forecast questions say so. */
  readonly forecaster?: Forecaster
  /** Sales logging by message (propose, confirm, cancel); absent: sale messages say it is not available. */
  readonly salesLog?: SalesLog
  /** The sales documents (the search_documents tool); absent: document questions say so. */
  readonly documents?: Pick<DocumentStore, 'search'>
  readonly logger?: Logger
  readonly limits?: { readonly maxToolCalls?: number; readonly maxCorrections?: number; readonly maxRows?: number }
}

/** A model gets this many tool calls per turn; an SQL error goes back to it for at most two corrections. */
export const defaultAgentLimits = Object.freeze({ maxToolCalls: 6, maxCorrections: 2 })
/** Graph steps per turn: understand + (model + tools) × calls + compose, with room to spare. */
const recursionLimit = 40

const statelessPlanner: OfflinePlanner = async (question, _previous, deps) => ({ ...(await planQuestion(question, deps)), followUp: false })

export function createAnalystAgent(deps: AnalystAgentDeps): AnalystAgent {
  const tools = createAnalystTools({
    runner: deps.runner,
    resolver: deps.resolver,
    ...(deps.limits?.maxRows ? { maxRows: deps.limits.maxRows } : {}),
    ...(deps.segmenter ? { segmenter: deps.segmenter } : {}),
    ...(deps.forecaster ? { forecaster: deps.forecaster } : {}),
    ...(deps.documents ? { documents: { documents: deps.documents, readerOf: createDocumentReaderResolver(deps.db) } } : {}),
  })
  const graph = buildAnalystGraph({
    tools,
    resolver: deps.resolver,
    planner: deps.planner ?? statelessPlanner,
    ...(deps.model ? { model: deps.model } : {}),
    ...(deps.checkpointer ? { checkpointer: deps.checkpointer } : {}),
    limits: { maxToolCalls: deps.limits?.maxToolCalls ?? defaultAgentLimits.maxToolCalls, maxCorrections: deps.limits?.maxCorrections ?? defaultAgentLimits.maxCorrections },
    timeZone: deps.timeZone,
    currency: deps.currency,
    onModelError: (error) => deps.logger?.warn({ err: error, model: deps.model?.name }, 'the model failed; the offline planner answers this turn'),
    onChartError: (error) => deps.logger?.warn({ err: error }, 'drawing a chart failed; the answer goes without it'),
    ...(deps.salesLog ? { salesLog: deps.salesLog } : {}),
  })
  const modelName = deps.model?.name ?? 'offline'
  // Turns of one thread run one after another: each builds on the state the previous one left.
  const threadQueues = new Map<string, Promise<unknown>>()

  const loadPrompt = async (request: AgentTurnRequest): Promise<PromptTemplate | undefined> => {
    if (!deps.prompts) return undefined
    return request.promptVersion ? deps.prompts.version(request.promptVersion.name, request.promptVersion.version) : deps.prompts.active(analystSystemPromptName)
  }

  /** The digest (or other) context a new thread starts from, unless the thread already has one of its own. */
  async function startingContextOf(request: AgentTurnRequest): Promise<Partial<AnalystStateValue>> {
    const start = request.startingContext
    if (!start) return {}
    if (deps.checkpointer) {
      const existing = await graph.getState({ configurable: { thread_id: request.threadId } })
      if ((existing.values as Partial<AnalystStateValue> | undefined)?.context) return {}
    }
    return {
      context: { plan: start.plan, language: start.language, understood: start.understood },
      history: [{ role: 'assistant', text: start.understood }],
    }
  }

  async function runTurn(request: AgentTurnRequest): Promise<AgentReply> {
    const turnId = randomUUID()
    const started = performance.now()
    const outcomes: ToolOutcome[] = []
    let reply: AgentReply
    try {
      const prompt = await loadPrompt(request)
      const runtime: TurnRuntime = {
        principal: request.principal,
        surface: request.surface,
        today: request.today ?? todayIn(deps.timeZone, deps.clock()),
        ...(request.scope ? { scope: request.scope } : {}),
        ...(request.intentHint ? { intentHint: request.intentHint } : {}),
        ...(request.action ? { action: request.action } : {}),
        outcomes,
        ...(request.onProgress ? { onProgress: request.onProgress } : {}),
        progressError: (error) => deps.logger?.warn({ err: error, turnId }, 'a progress callback failed'),
        ...(prompt ? { prompt } : {}),
      }
      const state = (await graph.invoke({ ...turnInput(request.message), ...(await startingContextOf(request)) }, {
        configurable: { thread_id: request.threadId, turn: runtime },
        recursionLimit,
        // A turn is the unit of memory: its final state is saved once, at the end (an interrupted turn leaves the
        // conversation as it was). On PGlite this halves a turn (p50 63 → 35 ms at 100k orders, npm run bench:agent).
        durability: 'exit',
      })) as AnalystStateValue
      reply = toReply({ ...state, wantsChart: state.wantsChart || runtime.wantsChart === true }, request, { turnId, outcomes, chart: runtime.chart, sale: runtime.sale, prompt, started })
    } catch (error) {
      deps.logger?.error({ err: error, turnId, threadId: request.threadId, surface: request.surface }, 'an agent turn failed')
      const language = detectLanguage(request.message)
      const text = phrases.internalError[language](turnId)
      reply = {
        turnId, threadId: request.threadId, ok: false, intent: 'analytics', language, text, headline: text, showSql: false, wantsChart: false,
        code: 'internal', suggestions: [], model: modelName, usage: { inputTokens: 0, outputTokens: 0 }, totalMs: Math.round(performance.now() - started),
      }
    }
    await recordTurn(deps.db, request, reply, lastQuery(outcomes)?.rows.length)
    return reply
  }

  function toReply(state: AnalystStateValue, request: AgentTurnRequest, turn: { turnId: string; outcomes: readonly ToolOutcome[]; chart: ReplyChart | undefined; sale: TurnRuntime['sale']; prompt: PromptTemplate | undefined; started: number }): AgentReply {
    const wantsSql = state.wantsSql || request.showSql === true
    const composed = turn.sale
      ? { ok: turn.sale.ok, text: turn.sale.text, headline: turn.sale.text.split('\n')[0]!, ...(turn.sale.code ? { code: turn.sale.code } : {}) }
      : composeReply({ ...state, wantsSql }, turn.outcomes, deps.currency, turn.chart !== undefined)
    const query = lastQuery(turn.outcomes)
    const costUsd = costOf(deps.model?.prices, state.inputTokens, state.outputTokens)
    // Every failure carries the turn's reference id, so a user can quote it and an admin can find the turn.
    const text = composed.ok ? composed.text : `${composed.text}\n\n${phrases.reference[state.language]}: ${turn.turnId}`
    return {
      turnId: turn.turnId,
      threadId: request.threadId,
      ok: composed.ok,
      intent: state.intent ?? 'analytics',
      language: state.language,
      text,
      headline: composed.headline,
      ...(state.understood ? { understood: state.understood } : {}),
      ...(query?.plan ? { plan: query.plan } : {}),
      ...(composed.sql ? { sql: composed.sql } : {}),
      showSql: wantsSql,
      ...(composed.table ? { table: composed.table } : {}),
      wantsChart: state.wantsChart,
      ...(turn.chart ? { chart: turn.chart } : {}),
      ...(composed.code ? { code: composed.code } : {}),
      ...('citations' in composed && composed.citations?.length ? { citations: composed.citations } : {}),
      suggestions: state.suggestions,
      ...(turn.sale?.confirmation ? { confirmation: turn.sale.confirmation } : {}),
      ...(turn.prompt ? { prompt: { name: turn.prompt.name, version: turn.prompt.version } } : {}),
      model: deps.model && !state.fallbackToOffline ? deps.model.name : 'offline',
      usage: { inputTokens: state.inputTokens, outputTokens: state.outputTokens, ...(costUsd === undefined ? {} : { costUsd }) },
      totalMs: Math.round(performance.now() - turn.started),
    }
  }

  return {
    respond(request) {
      const previous = threadQueues.get(request.threadId) ?? Promise.resolve()
      const current = previous.catch(() => undefined).then(() => runTurn(request))
      threadQueues.set(request.threadId, current)
      void current.finally(() => {
        if (threadQueues.get(request.threadId) === current) threadQueues.delete(request.threadId)
      }).catch(() => undefined)
      return current
    },
  }
}
