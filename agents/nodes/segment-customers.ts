/** Node "segment_customers" (offline road): a question about customer segments runs the customer_segments tool. */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { toolTurnOf, turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

export function createSegmentCustomersNode(deps: { readonly tools: AnalystTools }) {
  return async function segmentCustomers(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const tool = deps.tools.byName.get('customer_segments')
    if (!tool) return { failure: { code: 'not_available', message: phrases.notYet.segments[state.language], suggestions: [] } }
    emitProgress(config, 'querying', state.language)
    const outcome = await tool.run({}, toolTurnOf(turn, state.message))
    turn.outcomes.push(outcome)
    if (!outcome.ok) return { failure: { code: outcome.code, message: phrases.couldNotCompute[state.language](outcome.error), suggestions: [] } }
    return {}
  }
}
