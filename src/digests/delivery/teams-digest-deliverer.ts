/**
 * Posts digests to Teams conversations proactively: the Bot Framework adapter continues the stored conversation
 * (service URL + conversation id) and sends the digest as an Adaptive Card. The activity id the connector answers
 * with is the message id; replies in the thread carry it as their replyToId.
 */
import { CardFactory, type ConversationReference, type TurnContext } from 'botbuilder'
import type { DigestDeliverer } from '../digest-contract.js'
import { PermanentDeliveryError } from './delivery-errors.js'
import { renderDigestCard } from './render-digest-card.js'

/** The slice of botbuilder's CloudAdapter a proactive post needs. */
export interface ProactiveTeamsAdapter {
  continueConversationAsync(botAppId: string, reference: Partial<ConversationReference>, logic: (context: TurnContext) => Promise<void>): Promise<void>
}

/** HTTP statuses from the connector that no retry fixes: the bot was removed, the conversation is gone. */
const permanentStatuses = new Set([401, 403, 404])

export function createTeamsDigestDeliverer(deps: { adapter: ProactiveTeamsAdapter; appId: string | undefined }): DigestDeliverer {
  return {
    kind: 'teams',
    async deliver(destination, content) {
      if (destination.kind !== 'teams') throw new PermanentDeliveryError('wrong_destination', `The Teams deliverer cannot post to a ${destination.kind} destination.`)
      const reference: Partial<ConversationReference> = {
        channelId: 'msteams',
        serviceUrl: destination.serviceUrl,
        conversation: { id: destination.conversationId, isGroup: true, conversationType: 'channel', name: '', ...(destination.tenantId ? { tenantId: destination.tenantId } : {}) },
      }
      let activityId: string | undefined
      try {
        await deps.adapter.continueConversationAsync(deps.appId ?? '', reference, async (context) => {
          const response = await context.sendActivity({ type: 'message', summary: content.title, attachments: [CardFactory.adaptiveCard(renderDigestCard(content))] })
          activityId = response?.id
        })
      } catch (error) {
        const status = (error as { statusCode?: unknown }).statusCode
        if (typeof status === 'number' && permanentStatuses.has(status)) {
          throw new PermanentDeliveryError(`teams_http_${status}`, `Teams refused the digest for conversation ${destination.conversationId} (HTTP ${status}); is the bot still installed there?`, { cause: error })
        }
        throw error
      }
      if (!activityId) throw new Error('The Teams connector accepted the digest without an activity id')
      return { messageId: activityId, channelId: destination.conversationId }
    },
  }
}
