/**
 * The graph's state. Two kinds of fields:
 *  - conversation fields (`context`, `history`) persist in the checkpointer from turn to turn of a thread — that is
 *    the conversation memory ("and the month before?" needs the previous plan);
 *  - turn fields are reset by every turn's input (see `turnInput`), so nothing of one answer leaks into the next.
 * Only plain JSON goes in: plans, SQL, and a short summary of each answer — never result rows. The rows of this
 * turn's queries live in the turn's scratchpad (TurnRuntime.outcomes), which is not checkpointed.
 */
import type { BaseMessage } from '@langchain/core/messages'
import { Annotation } from '@langchain/langgraph'
import type { QueryPlan } from '../src/semantic/query-plan.js'
import type { Language } from '../src/semantic/semantic-model.js'
import type { TurnIntent } from './agent-contract.js'

/** What a follow-up builds on: the last plan that ran, in the conversation's language. */
export interface ConversationContext {
  readonly plan: QueryPlan
  readonly language: Language
  readonly understood: string
}

/** A past turn as the model sees it: the question, and what was answered (the understood plan, no figures). */
export interface HistoryEntry {
  readonly role: 'user' | 'assistant'
  readonly text: string
}

/** A failure to explain to the user, with questions to try. */
export interface TurnFailure {
  readonly code: string
  readonly message: string
  readonly suggestions: readonly string[]
}

const lastValue = <T>(initial: () => T) => Annotation<T>({ reducer: (_previous: T, next: T) => next, default: initial })

export const AnalystState = Annotation.Root({
  // Conversation memory.
  context: lastValue<ConversationContext | null>(() => null),
  history: lastValue<HistoryEntry[]>(() => []),
  /** A sale proposed in this thread and not yet confirmed or cancelled: "sim" / "yes" decides it. */
  pendingSale: lastValue<{ actionId: string } | null>(() => null),
  // This turn.
  message: lastValue<string>(() => ''),
  intent: lastValue<TurnIntent | null>(() => null),
  language: lastValue<Language>(() => 'en'),
  understood: lastValue<string | null>(() => null),
  notes: lastValue<string[]>(() => []),
  wantsSql: lastValue<boolean>(() => false),
  wantsChart: lastValue<boolean>(() => false),
  modelMessages: lastValue<BaseMessage[]>(() => []),
  modelText: lastValue<string | null>(() => null),
  toolCalls: lastValue<number>(() => 0),
  failedQueries: lastValue<number>(() => 0),
  failure: lastValue<TurnFailure | null>(() => null),
  suggestions: lastValue<string[]>(() => []),
  fallbackToOffline: lastValue<boolean>(() => false),
  inputTokens: lastValue<number>(() => 0),
  outputTokens: lastValue<number>(() => 0),
})

export type AnalystStateValue = typeof AnalystState.State
export type AnalystStateUpdate = typeof AnalystState.Update

/** Every turn field back to its start value, plus the new message: the input of one turn. */
export function turnInput(message: string): AnalystStateUpdate {
  return {
    message,
    intent: null,
    language: 'en',
    understood: null,
    notes: [],
    wantsSql: false,
    wantsChart: false,
    modelMessages: [],
    modelText: null,
    toolCalls: 0,
    failedQueries: 0,
    failure: null,
    suggestions: [],
    fallbackToOffline: false,
    inputTokens: 0,
    outputTokens: 0,
  }
}
