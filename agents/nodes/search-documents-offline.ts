/** Node "search_documents_offline" (offline road): a question about policies, prices or meetings searches the documents. */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { documentPhrases } from '../document-phrases.js'
import { toolTurnOf, turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

export function createSearchDocumentsOfflineNode(deps: { readonly tools: AnalystTools }) {
  return async function searchDocumentsOffline(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const tool = deps.tools.searchDocuments
    if (!tool) return { failure: { code: 'not_available', message: phrases.notYet.document[state.language], suggestions: [] } }
    emitProgress(config, 'searching_documents', state.language)
    const outcome = await tool.run({ query: state.message.slice(0, 500) }, toolTurnOf(turn, state.message))
    turn.outcomes.push(outcome)
    if (!outcome.ok) return { failure: { code: outcome.code, message: phrases.couldNotCompute[state.language](outcome.error), suggestions: [] } }
    return { suggestions: [...documentPhrases.suggestions[state.language]] }
  }
}
