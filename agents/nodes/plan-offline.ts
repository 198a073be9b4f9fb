/**
 * Node "plan_offline": the deterministic planner reads the turn (with the conversation's previous plan for
 * follow-ups) and the `query_metrics` tool runs the plan through the guard — the same tool a model would call.
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { EntityResolver } from '../../src/planner/entity-resolver.js'
import type { TurnIntent } from '../agent-contract.js'
import { phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import type { OfflinePlanner } from '../offline-planner.js'
import { toolTurnOf, turnOf } from '../turn-runtime.js'
import { applyChannelScope } from '../../tools/channel-scope.js'
import { ownSalesWords } from '../../tools/rep-visibility.js'
import type { QueryPlan } from '../../src/semantic/query-plan.js'
import type { Language } from '../../src/semantic/semantic-model.js'
import type { SqlPrincipal } from '../../src/sql-guard/index.js'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { emitProgress } from './emit-progress.js'

export interface PlanOfflineDeps {
  readonly planner: OfflinePlanner
  readonly resolver: EntityResolver
  readonly tools: AnalystTools
}

export function createPlanOfflineNode(deps: PlanOfflineDeps) {
  return async function planOffline(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    emitProgress(config, 'planning', state.language)
    const previous = state.context ? { plan: state.context.plan, language: state.context.language } : undefined
    const outcome = await deps.planner(state.message, previous, { today: turn.today, resolver: deps.resolver })
    if (!outcome.ok) {
      return {
        intent: outcome.code === 'out_of_scope' ? 'out_of_scope' : 'analytics',
        language: outcome.language,
        understood: outcome.understood || null,
        failure: { code: outcome.code, message: outcome.message, suggestions: outcome.suggestions },
      }
    }
    const intent: TurnIntent = !outcome.followUp ? 'analytics' : outcome.wantsSql && samePlan(outcome.plan, previous?.plan) ? 'show_sql' : outcome.wantsChart && samePlan(outcome.plan, previous?.plan) ? 'chart' : 'follow_up'
    const scoped = applyChannelScope(ownSales(outcome.plan, turn.principal, state.message, outcome.language), turn.scope, outcome.language)
    if (!scoped.ok) return { intent, language: outcome.language, failure: { code: 'outside_channel_scope', message: scoped.reason, suggestions: [] } }
    const plan = scoped.plan
    emitProgress(config, 'querying', outcome.language)
    const result = await deps.tools.queryMetrics.runPlan(plan, toolTurnOf(turn, state.message))
    turn.outcomes.push(result)
    const base = {
      intent,
      language: outcome.language,
      understood: outcome.understood,
      notes: [...state.notes, ...outcome.notes, ...(scoped.note ? [scoped.note] : [])],
      wantsSql: outcome.wantsSql,
      wantsChart: outcome.wantsChart,
    }
    if (!result.ok) {
      return { ...base, failure: { code: result.code, message: `${outcome.understood}\n${phrases.couldNotCompute[outcome.language](result.error)}`, suggestions: [] } }
    }
    return { ...base, context: { plan, language: outcome.language, understood: outcome.understood } }
  }
}

/** A rep saying "my"/"minhas" means their own sales: the plan gets their rep filter (and so runs as them). */
function ownSales(plan: QueryPlan, principal: SqlPrincipal, message: string, language: Language): QueryPlan {
  if (principal.role !== 'rep' || principal.repId === undefined || !ownSalesWords.test(message) || plan.filters.some((f) => f.dimension === 'rep')) return plan
  return { ...plan, filters: [...plan.filters, { dimension: 'rep', values: [principal.repId], labels: [language === 'pt' ? 'você' : 'you'] }] }
}

const samePlan = (a: unknown, b: unknown) => b !== undefined && JSON.stringify(a) === JSON.stringify(b)
