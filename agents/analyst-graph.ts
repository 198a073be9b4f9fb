/**
 * The analyst agent's graph:
 *
 *   understand ─┬─ help, greeting, not-yet-available ────────────────────────────┐
 *               ├─ no model, segments ────► segment_customers ────────────────────┤
 *               ├─ no model, forecast ────► forecast_offline ─────────────────────┤
 *               ├─ no model, documents ───► search_documents_offline ─────────────┤
 *               ├─ a sale (always) ───────► log_sale (propose; confirm/cancel) ──┤
 *               ├─ no model ──────────────► plan_offline ─────────────────────────┤
 *               └─ model ──► call_model ─┬─ tool calls ─► run_tools ─┬─► call_model (loop, bounded)
 *                                        │                            └─ corrections exhausted ─┤
 *                                        ├─ model unavailable ─► plan_offline                    │
 *                                        └─ final message / step limit ─────────────────────────┴─► chart ─► compose ─► END
 *
 * The guard and the execution live inside the tools (query_metrics compiles a plan, run_sql checks free SQL; both run
 * through the SQL guard as the asking user), so the offline planner and a model take the same road to the data.
 */
import { END, START, StateGraph, type BaseCheckpointSaver } from '@langchain/langgraph'
import type { EntityResolver } from '../src/planner/entity-resolver.js'
import type { AnalystTools } from '../tools/analyst-tools.js'
import { AnalystState, type AnalystStateValue } from './analyst-state.js'
import type { AgentModel } from './models/agent-model.js'
import { createCallModelNode, pendingToolCalls } from './nodes/call-model.js'
import { composeTurn } from './nodes/compose-turn.js'
import { createDrawChartNode } from './nodes/draw-chart.js'
import { createPlanOfflineNode } from './nodes/plan-offline.js'
import { createRunToolsNode } from './nodes/run-tools.js'
import { createSegmentCustomersNode } from './nodes/segment-customers.js'
import { createForecastOfflineNode } from './nodes/forecast-offline.js'
import { createSearchDocumentsOfflineNode } from './nodes/search-documents-offline.js'
import { createLogSaleNode } from './nodes/log-sale.js'
import type { SalesLog } from '../src/sales-log/index.js'
import { createUnderstandNode, offlineRoute, routeAfterUnderstanding } from './nodes/understand-turn.js'
import type { OfflinePlanner } from './offline-planner.js'

export interface AnalystGraphDeps {
  readonly tools: AnalystTools
  readonly resolver: EntityResolver
  readonly planner: OfflinePlanner
  readonly model?: AgentModel
  readonly checkpointer?: BaseCheckpointSaver
  readonly limits: { readonly maxToolCalls: number; readonly maxCorrections: number }
  readonly timeZone: string
  readonly currency: string
  readonly onModelError?: (error: unknown) => void
  readonly onChartError?: (error: unknown) => void
  /** Sales logging by message; without it a sale message says the feature is not available. */
  readonly salesLog?: SalesLog
}

export function buildAnalystGraph(deps: AnalystGraphDeps) {
  const graph = new StateGraph(AnalystState)
    .addNode('understand', createUnderstandNode({ tools: deps.tools, salesLogging: deps.salesLog !== undefined }))
    .addNode('plan_offline', createPlanOfflineNode(deps))
    .addNode('segment_customers', createSegmentCustomersNode(deps))
    .addNode('forecast_offline', createForecastOfflineNode(deps))
    .addNode('search_documents_offline', createSearchDocumentsOfflineNode(deps))
    .addNode('log_sale', deps.salesLog ? createLogSaleNode({ salesLog: deps.salesLog }) : async () => ({}))
    .addNode('chart', createDrawChartNode({ currency: deps.currency, ...(deps.onChartError ? { onChartError: deps.onChartError } : {}) }))
    .addNode('compose', composeTurn)
    .addEdge(START, 'understand')
    .addEdge('plan_offline', 'chart')
    .addEdge('segment_customers', 'chart')
    .addEdge('forecast_offline', 'chart')
    .addEdge('search_documents_offline', 'chart')
    .addEdge('log_sale', 'chart')
    .addEdge('chart', 'compose')
    .addEdge('compose', END)

  if (!deps.model) {
    return graph
      .addConditionalEdges('understand', (state: AnalystStateValue) => routeAfterUnderstanding(state, false), ['chart', 'segment_customers', 'forecast_offline', 'search_documents_offline', 'log_sale', 'plan_offline'])
      .compile(deps.checkpointer ? { checkpointer: deps.checkpointer } : {})
  }
  const model = deps.model
  return graph
    .addNode('call_model', createCallModelNode({ model, tools: deps.tools, maxToolCalls: deps.limits.maxToolCalls, timeZone: deps.timeZone, currency: deps.currency, onModelError: deps.onModelError }))
    .addNode('run_tools', createRunToolsNode({ tools: deps.tools, maxCorrections: deps.limits.maxCorrections }))
    .addConditionalEdges('understand', (state: AnalystStateValue) => routeAfterUnderstanding(state, true), ['chart', 'log_sale', 'call_model'])
    .addConditionalEdges(
      'call_model',
      (state: AnalystStateValue) => (state.fallbackToOffline ? offlineRoute(state) : pendingToolCalls(state) ? 'run_tools' : 'chart'),
      ['plan_offline', 'segment_customers', 'forecast_offline', 'search_documents_offline', 'log_sale', 'run_tools', 'chart'],
    )
    .addConditionalEdges('run_tools', (state: AnalystStateValue) => (state.failure ? 'chart' : 'call_model'), ['chart', 'call_model'])
    .compile(deps.checkpointer ? { checkpointer: deps.checkpointer } : {})
}

export type AnalystGraph = ReturnType<typeof buildAnalystGraph>
