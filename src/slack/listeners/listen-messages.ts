/**
 * Messages that start or continue a conversation: a mention in a channel (app_mention), a direct message
 * (message.im), and a reply without a mention in a thread the bot answered in or under a digest the bot posted (that
 * conversation starts from the digest's period and scope). A reply that mentions the bot comes as app_mention too, so
 * the message listener leaves it to that one; every message answers once.
 *
 * A message with files — a direct message, or one that mentions the bot — first offers its files as documents, then
 * asks its question, if it has one, in the same thread, so the question can be about the document just added. Slack
 * does not always send app_mention for a message with files, so both listeners take such a message and the first
 * delivery wins. Files in a thread reply without a mention are not added (its words still continue the conversation).
 */
import type { App } from '@slack/bolt'
import type { EventDeduplicator } from '../../chat-events/event-deduplicator.js'
import type { FileShare, SharedFileAdder } from '../add-shared-files.js'
import type { AnsweredThreads } from '../answered-threads.js'
import type { DigestThreadLookup } from '../digests/digest-threads.js'
import { slackThreadId, type SlackTurnRunner } from '../run-slack-turn.js'
import { sharedFilesOf } from '../slack-shared-files.js'
import type { SlackWebApi } from '../slack-web-api.js'
import { isUserMessage, questionFromText } from './message-text.js'

interface MessageSlice {
  readonly subtype?: string
  readonly bot_id?: string
  readonly user?: string
  readonly text?: string
  readonly ts: string
  readonly thread_ts?: string
  readonly channel: string
  readonly channel_type?: string
  readonly team?: string
  readonly files?: unknown
}

export interface MessageListenerDeps {
  readonly runTurn: SlackTurnRunner
  readonly threads: AnsweredThreads
  readonly addFiles: SharedFileAdder
  /** Remembers messages with files already taken (by channel and ts), across replicas. */
  readonly fileMessages: EventDeduplicator
  /** Finds the digest a thread hangs under; absent, only threads the bot answered in continue without a mention. */
  readonly digestThreads?: DigestThreadLookup
}

export function listenToMessages(app: App, deps: MessageListenerDeps): void {
  async function addFilesThenAsk(client: SlackWebApi, botToken: string | undefined, share: FileShare, messageTs: string): Promise<void> {
    if (!(await deps.fileMessages.firstDelivery(`files:${share.channelId}:${messageTs}`))) return
    await deps.addFiles(client, botToken, share, share.text !== '')
    if (share.text) await deps.runTurn(client, { teamId: share.teamId, channelId: share.channelId, threadTs: share.threadTs, userId: share.userId, text: share.text })
  }

  app.event('app_mention', async ({ event, context, client, body }) => {
    const message = event as unknown as MessageSlice
    if (!isUserMessage(message)) return
    const teamId = context.teamId ?? body.team_id
    const threadTs = message.thread_ts ?? message.ts
    const text = questionFromText(message.text, context.botUserId)
    const files = sharedFilesOf(message)
    if (files.length) return addFilesThenAsk(client, context.botToken, { teamId, channelId: message.channel, threadTs, userId: message.user, files, text }, message.ts)
    if (!text) return
    await deps.runTurn(client, { teamId, channelId: message.channel, threadTs, userId: message.user, text })
  })

  app.event('message', async ({ event, context, client, body }) => {
    const message = event as unknown as MessageSlice
    if (!isUserMessage(message)) return
    const mentionsBot = !!context.botUserId && (message.text ?? '').includes(`<@${context.botUserId}>`)
    const teamId = context.teamId ?? body.team_id
    const threadTs = message.thread_ts ?? message.ts
    const files = sharedFilesOf(message)
    if (files.length && (message.channel_type === 'im' || mentionsBot)) {
      const text = questionFromText(message.text, context.botUserId)
      return addFilesThenAsk(client, context.botToken, { teamId, channelId: message.channel, threadTs, userId: message.user, files, text }, message.ts)
    }
    if (message.channel_type === 'im') {
      const text = questionFromText(message.text, context.botUserId)
      if (text) await deps.runTurn(client, { teamId, channelId: message.channel, threadTs, userId: message.user, text })
      return
    }
    if (mentionsBot || !message.thread_ts) return
    const text = questionFromText(message.text, context.botUserId)
    if (!text) return
    if (await deps.threads.has(slackThreadId(teamId, message.channel, message.thread_ts))) {
      return deps.runTurn(client, { teamId, channelId: message.channel, threadTs, userId: message.user, text })
    }
    // A digest's thread is the bot's too: the first reply there needs no mention.
    const startingContext = await deps.digestThreads?.(message.channel, message.thread_ts)
    if (startingContext) await deps.runTurn(client, { teamId, channelId: message.channel, threadTs, userId: message.user, text, startingContext })
  })
}
