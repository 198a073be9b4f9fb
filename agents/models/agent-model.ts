/** A chat model as the agent uses it: the LangChain model, a name for the records, a time limit, optional prices. */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'

export interface ModelPrices {
  /** US dollars per million input tokens. */
  readonly inputPerMillion: number
  /** US dollars per million output tokens. */
  readonly outputPerMillion: number
}

export interface AgentModel {
  readonly chat: BaseChatModel
  /** `provider:model`, recorded with every turn and eval run. */
  readonly name: string
  /** One model call may take at most this long. */
  readonly timeoutMs: number
  readonly prices?: ModelPrices
}

export function costOf(prices: ModelPrices | undefined, inputTokens: number, outputTokens: number): number | undefined {
  if (!prices) return undefined
  return (inputTokens * prices.inputPerMillion + outputTokens * prices.outputPerMillion) / 1_000_000
}
