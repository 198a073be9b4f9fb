/**
 * Node "compose": the last sign of life before the reply, and the conversation's memory of this turn — the question
 * and what was understood (a restated plan, no figures), so the next turn can build on it.
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { followUpSuggestions } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue, HistoryEntry } from '../analyst-state.js'
import { lastQuery } from '../compose-reply.js'
import { passagesOf } from '../compose-documents.js'
import { turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

/** Entries kept in the checkpoint: enough for follow-ups, small enough to stay cheap. */
const historyKept = 40

export async function composeTurn(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
  const turn = turnOf(config)
  emitProgress(config, 'composing', state.language)
  const query = lastQuery(turn.outcomes)
  const passages = passagesOf(turn.outcomes)
  const documents = passages?.length ? `(answered from the documents: ${[...new Set(passages.map((p) => p.title))].join(', ')}) ` : ''
  const answered = documents + (query?.plan ? (state.context?.understood ?? state.understood ?? '') : query ? `(ran a SQL query: ${query.sql.slice(0, 300)})` : state.failure?.message ?? '')
  const entries: HistoryEntry[] = [{ role: 'user', text: state.message }, { role: 'assistant', text: withoutFigures(answered) }]
  const history = [...state.history, ...entries].slice(-historyKept)
  const suggestions = state.suggestions.length ? state.suggestions : query ? [...followUpSuggestions[state.language]] : [...(state.failure?.suggestions ?? [])]
  return { history, suggestions, intent: state.intent ?? 'analytics' }
}

/** Restated plans hold dates and top-N counts only; anything longer that looks like a figure is dropped to be safe. */
function withoutFigures(text: string): string {
  return text.replace(/(R\$|\$)\s?[\d.,]+/g, '…')
}
