/** Node "understand": emits the first sign of life, tells the language, and routes turns no plan can answer. */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { detectLanguage } from '../../src/planner/detect-language.js'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { exampleQuestions, phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { classifyTurn } from '../classify-turn.js'
import { turnOf } from '../turn-runtime.js'
import { typedDecision } from './log-sale.js'
import { emitProgress } from './emit-progress.js'

/** Messages this short ("e por região?") say too little to tell the language: the conversation's holds. */
const shortMessageWords = 4

/** The tool each dedicated intent needs; without it the turn says the feature is not available here. */
const toolOfIntent = { forecast: 'forecast', segments: 'customer_segments', document: 'search_documents' } as const

export function createUnderstandNode(deps: { readonly tools: AnalystTools; readonly salesLogging: boolean }) {
  return async function understandTurn(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const words = state.message.trim().split(/\s+/).filter(Boolean).length
    const language = words < shortMessageWords && state.context ? state.context.language : detectLanguage(state.message)
    emitProgress(config, 'understanding', language)
    const turn = turnOf(config)
    // A button press, a surface's "/salesmatrix sale", or a "sim" answering a pending sale: the sales-log road.
    const typed = typedDecision(state.message)
    const answersPendingSale = (state.pendingSale !== null && typed !== undefined) || typed === 'undo'
    const intent = turn.action || answersPendingSale ? 'sales_log' : (turn.intentHint ?? classifyTurn(state.message))
    if (intent === 'sales_log' && deps.salesLogging) return { intent, language }
    switch (intent) {
      case 'greeting':
      case 'help':
        return { intent, language, suggestions: [...exampleQuestions[language]] }
      case 'sales_log':
        return { intent, language, failure: { code: 'not_available', message: phrases.notYet[intent][language], suggestions: exampleQuestions[language] } }
      case 'forecast':
      case 'segments':
      case 'document':
        if (!deps.tools.byName.has(toolOfIntent[intent])) {
          return { intent, language, failure: { code: 'not_available', message: phrases.notYet[intent][language], suggestions: exampleQuestions[language] } }
        }
        return { intent, language }
      default:
        return { language }
    }
  }
}

export type OfflineRoute = 'segment_customers' | 'forecast_offline' | 'search_documents_offline' | 'log_sale' | 'plan_offline'

/** Where a turn goes after "understand": straight on to the reply, to a dedicated offline tool, or to planning. */
export function routeAfterUnderstanding(state: AnalystStateValue, hasModel: boolean): 'chart' | OfflineRoute | 'call_model' {
  // "chart" finds no data on these turns and passes straight on to compose.
  if (state.failure || state.intent === 'help' || state.intent === 'greeting') return 'chart'
  // Writes never go through a model: logging a sale is parsed by rules and confirmed explicitly.
  if (state.intent === 'sales_log') return 'log_sale'
  return hasModel ? 'call_model' : offlineRoute(state)
}

/** The offline road of a turn (also when the model is down). */
export function offlineRoute(state: AnalystStateValue): OfflineRoute {
  switch (state.intent) {
    case 'segments':
      return 'segment_customers'
    case 'forecast':
      return 'forecast_offline'
    case 'document':
      return 'search_documents_offline'
    case 'sales_log':
      return 'log_sale'
    default:
      return 'plan_offline'
  }
}
