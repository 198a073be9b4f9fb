/** Node "understand": emits the first sign of life, tells the language, and catches turns no query can answer. */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { detectLanguage } from '../../src/planner/detect-language.js'
import { exampleQuestions, phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { classifyTurn } from '../classify-turn.js'
import { emitProgress } from './emit-progress.js'

/** Messages this short ("e por região?") say too little to tell the language: the conversation's holds. */
const shortMessageWords = 4

export async function understandTurn(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
  const words = state.message.trim().split(/\s+/).filter(Boolean).length
  const language = words < shortMessageWords && state.context ? state.context.language : detectLanguage(state.message)
  emitProgress(config, 'understanding', language)
  const intent = classifyTurn(state.message)
  switch (intent) {
    case 'greeting':
    case 'help':
      return { intent, language, suggestions: [...exampleQuestions[language]] }
    case 'document':
    case 'forecast':
    case 'sales_log':
      return { intent, language, failure: { code: 'not_available', message: phrases.notYet[intent][language], suggestions: exampleQuestions[language] } }
    default:
      return { language }
  }
}

/** Turns that are answered without planning anything. */
export const answeredWithoutPlanning = (state: AnalystStateValue) => state.intent !== null
