/**
 * The Teams bot: personal chats, channel @mentions and their threads. Who asks comes only from the verified activity
 * (`from.aadObjectId`, else the Bot Framework user id), never from the message; unknown users are told how to get
 * access and the agent is not called. Files attached to a message are offered as documents first (admins only), then
 * the message's question, if any, is answered — so it can be about the document just added. Errors thrown here reach
 * the adapter's turn-error boundary.
 */
import { createHash } from 'node:crypto'
import { ActivityTypes, CardFactory, MessageFactory, TeamsActivityHandler, type TurnContext } from 'botbuilder'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import type { Database } from '../db/schema.js'
import type { DocumentIngestion } from '../documents/document-contract.js'
import { createEventDeduplicator } from '../chat-events/event-deduplicator.js'
import { isAppError } from '../errors/app-error.js'
import { recordFeedback } from '../evals/feedback.repository.js'
import { findChannelScope } from '../identity/chat-channel-scope.repository.js'
import type { ChatIdentityResolver } from '../identity/chat-identity.js'
import type { Logger } from '../logging/logger.js'
import { languageScore } from '../planner/detect-language.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { addTeamsFiles } from './add-teams-files.js'
import { buildAnswerCard, type AnswerCardOptions } from './answer-card.js'
import { keepTyping } from './keep-typing.js'
import { readTeamsMessage, type TeamsMessage } from './read-teams-message.js'
import { teamsSharedFilesOf } from './teams-shared-files.js'
import { teamsThreadId } from './teams-thread-id.js'
import { teamsWords } from './teams-words.js'

export interface TeamsBotDeps {
  readonly agent: AnalystAgent
  readonly identities: ChatIdentityResolver
  readonly db: Kysely<Database>
  readonly logger: Logger
  /** How often "typing…" is renewed while the agent works (Teams shows each for about 3 s). */
  readonly typingEveryMs?: number
  readonly card?: AnswerCardOptions
  /** Adds the files an admin shares with the bot as documents; absent, a shared file is answered "not enabled". */
  readonly documents?: DocumentIngestion
  /** Largest shared file downloaded, in bytes (default 25 MB, DOCUMENT_LIMIT_BYTES' default). */
  readonly maxDocumentBytes?: number
}

const defaultMaxDocumentBytes = 25 * 1024 * 1024

export function createTeamsBot(deps: TeamsBotDeps): TeamsActivityHandler {
  const bot = new TeamsActivityHandler()
  const dedup = createEventDeduplicator({ platform: 'teams', db: deps.db, clock: () => new Date() })
  bot.onMessage(async (context, next) => {
    // A redelivered activity (same conversation and id) is answered once, on whichever replica got it first.
    const { id, conversation } = context.activity
    // Hashed: Teams conversation ids can be long, the stored event id is short.
    const eventId = id ? createHash('sha256').update(`${conversation.id}|${id}`).digest('hex') : undefined
    if (!eventId || (await dedup.firstDelivery(eventId))) await answerMessage(context, deps)
    await next()
  })
  return bot
}

/** The verified sender's id as the identity resolver knows it: the AAD object id in Teams. */
export const teamsUserIdOf = (context: TurnContext): string => context.activity.from.aadObjectId ?? context.activity.from.id

async function answerMessage(context: TurnContext, deps: TeamsBotDeps): Promise<void> {
  const activity = context.activity
  // The bot's own messages (and other bots') are never questions.
  if (activity.from.id === activity.recipient.id || activity.from.role === 'bot') return
  const words = teamsWords(activity.locale)
  const userId = teamsUserIdOf(context)
  const threadId = teamsThreadId(activity)
  const identity = await deps.identities.resolve({ platform: 'teams', userId, ...(activity.conversation.tenantId ? { workspaceId: activity.conversation.tenantId } : {}) })
  if (!identity.ok) {
    deps.logger.info({ surface: 'teams', threadId, reason: identity.reason }, 'teams message from a user without access')
    await context.sendActivity(identity.reason === 'inactive' ? words.inactive : words.noAccess(userId))
    return
  }
  const message = readTeamsMessage(activity)
  if (message.kind === 'feedback') {
    await context.sendActivity(await recordTeamsFeedback(deps.db, identity.principal, message, words))
    return
  }
  const files = teamsSharedFilesOf(activity)
  if (files.length) {
    // The reply speaks the language the message is written in; a file alone, the language of the user's Teams.
    const score = message.kind === 'question' ? languageScore(message.text) : 0
    const shareWords = score === 0 ? words : teamsWords(score > 0 ? 'pt' : 'en')
    await addTeamsFiles(context, { files, principal: identity.principal, words: shareWords }, {
      documents: deps.documents,
      maxBytes: deps.maxDocumentBytes ?? defaultMaxDocumentBytes,
      logger: deps.logger,
      typingEveryMs: deps.typingEveryMs ?? 3_000,
    })
  }
  if (message.kind === 'question' && !message.text) {
    if (!files.length) await context.sendActivity(words.emptyQuestion)
    return
  }

  // A channel an admin scoped to a region (e.g. "Vendas Sul") asks about that region; threads share their channel's scope.
  const channelId = (activity.channelData as { teamsChannelId?: unknown } | undefined)?.teamsChannelId
  const scope = typeof channelId === 'string' ? await findChannelScope(deps.db, 'teams', channelId) : undefined

  const typing = keepTyping({
    send: () => context.sendActivity({ type: ActivityTypes.Typing }),
    everyMs: deps.typingEveryMs ?? 3_000,
    onError: (error) => deps.logger.warn({ err: error, threadId }, 'could not send a typing indicator to Teams'),
  })
  let reply
  try {
    reply = await deps.agent.respond({
      threadId,
      message: message.kind === 'question' ? message.text : message.label,
      principal: identity.principal,
      surface: 'teams',
      ...(scope ? { scope: { region: scope.region } } : {}),
      ...(message.kind === 'confirmation' ? { action: { kind: message.action, actionId: message.actionId } } : {}),
    })
  } finally {
    await typing.stop()
  }
  deps.logger.info({ surface: 'teams', threadId, turnId: reply.turnId, ok: reply.ok, code: reply.code, intent: reply.intent, totalMs: reply.totalMs }, 'teams reply')
  const answer = MessageFactory.attachment(CardFactory.adaptiveCard(buildAnswerCard(reply, deps.card)))
  answer.summary = reply.headline
  await context.sendActivity(answer)
}

async function recordTeamsFeedback(
  db: Kysely<Database>,
  principal: SqlPrincipal,
  message: Extract<TeamsMessage, { kind: 'feedback' }>,
  words: ReturnType<typeof teamsWords>,
): Promise<string> {
  try {
    await recordFeedback(db, { turnId: message.turnId, userId: principal.userId, rating: message.rating }, { keyId: null, name: principal.userId })
    return words.feedbackThanks(message.rating)
  } catch (error) {
    // Someone else's turn reads as "not found" too, so a user cannot rate (or probe) turns that are not theirs.
    if (isAppError(error) && error.code === 'not_found') return words.feedbackNotFound
    throw error
  }
}
