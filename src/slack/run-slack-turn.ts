/**
 * One turn of a Slack conversation, from a verified user's message (or button press) to the answer in its thread:
 * who is asking (from the verified user id only), the channel's region scope, a placeholder edited with progress,
 * then the answer in Block Kit, the chart as a PNG and a long table as CSV. Whatever fails goes to the Slack surface's
 * one error boundary (report-slack-failure): the user gets a message with a reference id and the log gets the details.
 */
import type { Kysely } from 'kysely'
import type { AgentReply, AgentTurnRequest, AnalystAgent, TurnIntent } from '../../agents/agent-contract.js'
import type { Database } from '../db/schema.js'
import type { ChatIdentityResolver } from '../identity/chat-identity.js'
import { findChannelScope } from '../identity/chat-channel-scope.repository.js'
import type { Logger } from '../logging/logger.js'
import type { AnsweredThreads } from './answered-threads.js'
import { answerLeavesRegion } from './channel-scope-check.js'
import type { DigestStartingContext, DigestThreadLookup } from './digests/digest-threads.js'
import { escapeMrkdwn } from './escape-mrkdwn.js'
import { createProgressUpdater, type ProgressUpdater } from './progress-updater.js'
import { renderReplyBlocks, replyFallbackText, tableNeedsFile } from './render-reply-blocks.js'
import { createSlackFailureReporter } from './report-slack-failure.js'
import { slackPhrases } from './slack-phrases.js'
import type { SlackWebApi } from './slack-web-api.js'
import { tableToCsv } from './table-files.js'
import type { TurnSqlStore } from './turn-sql-store.js'
import type { UserLanguageLookup } from './user-language.js'

export interface SlackTurn {
  readonly teamId: string
  readonly channelId: string
  /** The thread's root ts: the conversation's key and where the answer goes. Absent: a new top-level message (slash command). */
  readonly threadTs?: string
  /** The verified Slack user id from the signed event — never anything from the text. */
  readonly userId: string
  readonly text: string
  readonly intentHint?: TurnIntent
  readonly action?: AgentTurnRequest['action']
  /** Where a new conversation starts from (a digest's period and scope), when the listener already looked it up. */
  readonly startingContext?: DigestStartingContext
}

export interface SlackTurnDeps {
  readonly agent: AnalystAgent
  readonly identities: ChatIdentityResolver
  readonly db: Kysely<Database>
  readonly logger: Logger
  readonly clock: () => Date
  readonly threads: AnsweredThreads
  readonly sqlStore: TurnSqlStore
  readonly languageOf: UserLanguageLookup
  readonly progressIntervalMs?: number
  /** Finds the digest a thread hangs under; absent, no thread starts from a digest. */
  readonly digestThreads?: DigestThreadLookup
}

export const slackThreadId = (teamId: string, channelId: string, threadTs: string): string => `slack:${teamId}:${channelId}:${threadTs}`

const noUnfurls = { unfurl_links: false, unfurl_media: false } as const

export type SlackTurnRunner = (client: SlackWebApi, turn: SlackTurn) => Promise<void>

export function createSlackTurnRunner(deps: SlackTurnDeps): SlackTurnRunner {
  const log = deps.logger.child({ component: 'slack' })
  const reportFailure = createSlackFailureReporter(deps)

  async function tellUser(client: SlackWebApi, turn: SlackTurn, text: string): Promise<void> {
    await client.chat.postEphemeral({ channel: turn.channelId, user: turn.userId, text, ...(turn.threadTs ? { thread_ts: turn.threadTs } : {}) })
  }

  async function deliver(client: SlackWebApi, turn: SlackTurn, placeholderTs: string, threadTs: string, reply: AgentReply, scope: { id: number; name: string } | undefined): Promise<void> {
    const tableAsFile = tableNeedsFile(reply)
    await client.chat.update({
      channel: turn.channelId,
      ts: placeholderTs,
      text: replyFallbackText(reply),
      blocks: renderReplyBlocks(reply, { tableAsFile, ...(scope ? { scope: { region: scope.name, outside: answerLeavesRegion(reply, scope.id) } } : {}) }),
    })
    if (reply.chart) {
      await client.files.uploadV2({
        channel_id: turn.channelId,
        thread_ts: threadTs,
        file: Buffer.from(reply.chart.pngBase64, 'base64'),
        filename: 'chart.png',
        title: reply.chart.alt.slice(0, 250),
        alt_text: reply.chart.alt.slice(0, 1000),
      })
    }
    if (tableAsFile && reply.table) {
      await client.files.uploadV2({ channel_id: turn.channelId, thread_ts: threadTs, content: tableToCsv(reply.table), filename: 'table.csv', title: reply.headline.slice(0, 250) })
    }
  }

  return async function runSlackTurn(client, turn) {
    let placeholderTs: string | undefined
    let progress: ProgressUpdater | undefined
    try {
      const identity = await deps.identities.resolve({ platform: 'slack', userId: turn.userId, workspaceId: turn.teamId })
      if (!identity.ok) {
        const phrases = slackPhrases[await deps.languageOf(client, turn.userId)]
        log.info({ user: turn.userId, reason: identity.reason }, 'a Slack user without access wrote to the bot')
        await tellUser(client, turn, identity.reason === 'inactive' ? phrases.inactive : phrases.noAccess(turn.userId))
        return
      }
      const scope = await findChannelScope(deps.db, 'slack', turn.channelId)
      // A mention or reply in a digest's thread starts from the digest; the agent ignores it once the thread has a context.
      const startingContext = turn.startingContext ?? (turn.threadTs && deps.digestThreads ? await deps.digestThreads(turn.channelId, turn.threadTs) : undefined)
      const placeholder = await client.chat.postMessage({ channel: turn.channelId, text: slackPhrases.en.placeholder, ...(turn.threadTs ? { thread_ts: turn.threadTs } : {}), ...noUnfurls })
      placeholderTs = placeholder.ts
      if (!placeholderTs) throw new Error('chat.postMessage returned no ts')
      const threadTs = turn.threadTs ?? placeholderTs
      const threadId = slackThreadId(turn.teamId, turn.channelId, threadTs)
      deps.threads.remember(threadId)

      const updater = createProgressUpdater({
        clock: deps.clock,
        ...(deps.progressIntervalMs !== undefined ? { minIntervalMs: deps.progressIntervalMs } : {}),
        edit: async (text) => {
          await client.chat.update({ channel: turn.channelId, ts: placeholderTs!, text: `_${escapeMrkdwn(text).replace(/_/g, ' ')}_` })
        },
        onError: (error) => log.warn({ err: error }, 'a progress update failed; the answer will still replace it'),
      })
      progress = updater
      const request: AgentTurnRequest = {
        threadId,
        message: turn.text,
        principal: identity.principal,
        surface: 'slack',
        onProgress: (event) => updater.push(event.message),
        ...(turn.intentHint ? { intentHint: turn.intentHint } : {}),
        ...(turn.action ? { action: turn.action } : {}),
        ...(scope ? { scope: { region: scope.region } } : {}),
        ...(startingContext ? { startingContext } : {}),
      }
      const reply = await deps.agent.respond(request)
      await updater.settle()
      if (reply.sql) deps.sqlStore.remember(reply.turnId, reply.sql)
      await deliver(client, turn, placeholderTs, threadTs, reply, scope?.region)
    } catch (error) {
      // A progress edit still in flight would otherwise land on top of the failure message.
      await progress?.settle()
      await reportFailure(client, { what: 'a Slack turn failed', channelId: turn.channelId, userId: turn.userId, ...(turn.threadTs ? { threadTs: turn.threadTs } : {}), ...(placeholderTs ? { placeholderTs } : {}) }, error)
    }
  }
}
