/**
 * The buttons on answers. Show SQL (an ephemeral code block in the thread), 👍 / 👎 (feedback for the presser's
 * own turn), a follow-up suggestion (a new turn in the same thread) and Confirm / Cancel (a turn with the action;
 * the agent honours it only for the user it asked). The presser is the verified user of the signed payload.
 */
import type { App, BlockAction, ButtonAction } from '@slack/bolt'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { recordFeedback } from '../../evals/feedback.repository.js'
import { isAppError } from '../../errors/app-error.js'
import type { ChatIdentityResolver } from '../../identity/chat-identity.js'
import { escapeMrkdwn } from '../escape-mrkdwn.js'
import type { SlackTurn, SlackTurnRunner } from '../run-slack-turn.js'
import { slackActionIds, suggestionActionPattern } from '../slack-action-ids.js'
import { slackPhrases } from '../slack-phrases.js'
import type { SlackWebApi } from '../slack-web-api.js'
import type { TurnSqlStore } from '../turn-sql-store.js'
import type { UserLanguageLookup } from '../user-language.js'

export interface ActionDeps {
  readonly runTurn: SlackTurnRunner
  readonly identities: ChatIdentityResolver
  readonly db: Kysely<Database>
  readonly sqlStore: TurnSqlStore
  readonly languageOf: UserLanguageLookup
}

interface Pressed {
  readonly teamId: string
  readonly channelId: string
  readonly threadTs: string
  readonly userId: string
  readonly value: string
}

function pressed(body: BlockAction<ButtonAction>, contextTeamId: string | undefined): Pressed | undefined {
  const action = body.actions[0]
  const channelId = body.channel?.id
  const message = body.message as { ts: string; thread_ts?: string } | undefined
  const teamId = body.team?.id ?? contextTeamId
  if (!action || !channelId || !message || !teamId || typeof action.value !== 'string') return undefined
  return { teamId, channelId, threadTs: message.thread_ts ?? message.ts, userId: body.user.id, value: action.value }
}

export function listenToActions(app: App, deps: ActionDeps): void {
  const ephemeral = (client: SlackWebApi, p: Pressed, text: string) => client.chat.postEphemeral({ channel: p.channelId, user: p.userId, thread_ts: p.threadTs, text })
  const turnFrom = (p: Pressed, text: string, extra: Partial<SlackTurn> = {}): SlackTurn => ({ teamId: p.teamId, channelId: p.channelId, threadTs: p.threadTs, userId: p.userId, text, ...extra })

  app.action<BlockAction<ButtonAction>>(slackActionIds.showSql, async ({ ack, body, client, context }) => {
    await ack()
    const p = pressed(body, context.teamId)
    if (!p) return
    const phrases = slackPhrases[await deps.languageOf(client, p.userId)]
    const identity = await deps.identities.resolve({ platform: 'slack', userId: p.userId, workspaceId: p.teamId })
    if (!identity.ok) return void (await ephemeral(client, p, phrases.noAccess(p.userId)))
    const sql = await deps.sqlStore.find(p.value)
    await ephemeral(client, p, sql ? `\`\`\`\n${escapeMrkdwn(sql.trim())}\n\`\`\`` : phrases.noSql)
  })

  for (const [actionId, rating] of [[slackActionIds.feedbackUp, 'up'], [slackActionIds.feedbackDown, 'down']] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, context }) => {
      await ack()
      const p = pressed(body, context.teamId)
      if (!p) return
      const phrases = slackPhrases[await deps.languageOf(client, p.userId)]
      const identity = await deps.identities.resolve({ platform: 'slack', userId: p.userId, workspaceId: p.teamId })
      if (!identity.ok) return void (await ephemeral(client, p, phrases.noAccess(p.userId)))
      try {
        await recordFeedback(deps.db, { turnId: p.value, userId: identity.principal.userId, rating }, { keyId: null, name: identity.principal.userId })
      } catch (error) {
        if (isAppError(error) && error.code === 'not_found') return void (await ephemeral(client, p, phrases.notYourTurn))
        throw error
      }
      await ephemeral(client, p, phrases.thanks)
    })
  }

  app.action<BlockAction<ButtonAction>>(suggestionActionPattern, async ({ ack, body, client, context }) => {
    await ack()
    const p = pressed(body, context.teamId)
    if (p) await deps.runTurn(client, turnFrom(p, p.value))
  })

  for (const [actionId, kind] of [[slackActionIds.confirm, 'confirm'], [slackActionIds.cancel, 'cancel']] as const) {
    app.action<BlockAction<ButtonAction>>(actionId, async ({ ack, body, client, context }) => {
      await ack()
      const p = pressed(body, context.teamId)
      const label = body.actions[0]?.text.text ?? kind
      if (p) await deps.runTurn(client, turnFrom(p, label, { action: { kind, actionId: p.value } }))
    })
  }
}
