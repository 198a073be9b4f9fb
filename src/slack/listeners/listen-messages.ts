/**
 * Messages that start or continue a conversation: a mention in a channel (app_mention), a direct message
 * (message.im), and a reply without a mention in a thread the bot answered in. A reply that mentions the bot comes
 * as app_mention too, so the message listener leaves it to that one; every message answers once.
 */
import type { App } from '@slack/bolt'
import type { AnsweredThreads } from '../answered-threads.js'
import { slackThreadId, type SlackTurnRunner } from '../run-slack-turn.js'
import { isPlainUserMessage, questionFromText } from './message-text.js'

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
}

export function listenToMessages(app: App, deps: { runTurn: SlackTurnRunner; threads: AnsweredThreads }): void {
  app.event('app_mention', async ({ event, context, client, body }) => {
    const message = event as unknown as MessageSlice
    if (!isPlainUserMessage(message)) return
    const text = questionFromText(message.text, context.botUserId)
    if (!text) return
    await deps.runTurn(client, { teamId: context.teamId ?? body.team_id, channelId: message.channel, threadTs: message.thread_ts ?? message.ts, userId: message.user, text })
  })

  app.event('message', async ({ event, context, client, body }) => {
    const message = event as unknown as MessageSlice
    if (!isPlainUserMessage(message)) return
    const mentionsBot = !!context.botUserId && (message.text ?? '').includes(`<@${context.botUserId}>`)
    const teamId = context.teamId ?? body.team_id
    const threadTs = message.thread_ts ?? message.ts
    if (message.channel_type === 'im') {
      const text = questionFromText(message.text, context.botUserId)
      if (text) await deps.runTurn(client, { teamId, channelId: message.channel, threadTs, userId: message.user, text })
      return
    }
    if (mentionsBot || !message.thread_ts) return
    if (!(await deps.threads.has(slackThreadId(teamId, message.channel, message.thread_ts)))) return
    const text = questionFromText(message.text, context.botUserId)
    if (text) await deps.runTurn(client, { teamId, channelId: message.channel, threadTs, userId: message.user, text })
  })
}
