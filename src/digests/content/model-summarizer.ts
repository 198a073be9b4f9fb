/**
 * A digest summarizer backed by the configured chat model: it may reword the template summary, and the composer keeps
 * the result only when every number in it is one of the digest's own (summarize-digest.ts checks; this only asks).
 */
import { HumanMessage, SystemMessage } from '@langchain/core/messages'
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import type { DigestSummarizer } from './summarize-digest.js'

export function createModelSummarizer(model: { readonly chat: BaseChatModel; readonly timeoutMs: number }): DigestSummarizer {
  return async (input) => {
    const language = input.language === 'pt' ? 'Brazilian Portuguese' : 'English'
    const reply = await model.chat.invoke(
      [
        new SystemMessage(
          `You rewrite the opening sentence of a sales digest for executives, in ${language}: one or two plain sentences. Use only numbers that appear in the template or the figures, written exactly as there; add no number, estimate or cause. Reply with the sentences only.`,
        ),
        new HumanMessage(`Template:\n${input.template}\n\nFigures:\n${input.figures.map((f) => `- ${f}`).join('\n')}`),
      ],
      { signal: AbortSignal.timeout(model.timeoutMs) },
    )
    return typeof reply.content === 'string' ? reply.content.trim() : reply.content.map((part) => ('text' in part ? part.text : '')).join('').trim()
  }
}
