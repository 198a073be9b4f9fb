/**
 * `/salesmatrix digest …` (or `resumo …`): managing a channel's digests from chat, for admins only (the help is for
 * everyone) — who is asking comes from the verified Slack user id, the role from their chat identity. The command is read by the pure parser;
 * a command it cannot read is answered with what is wrong and an example. Every reply is private to the admin, and
 * whatever fails goes to the surface's one error boundary.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DigestService } from '../../digests/delivery/create-digest-service.js'
import { parseDigestCommand } from '../../digests/schedule/parse-digest-command.js'
import type { ChatIdentityResolver } from '../../identity/chat-identity.js'
import type { Logger } from '../../logging/logger.js'
import { escapeMrkdwn } from '../escape-mrkdwn.js'
import type { SlackBlock } from '../render-reply-blocks.js'
import type { SlackFailureReporter } from '../report-slack-failure.js'
import { slackPhrases } from '../slack-phrases.js'
import type { SlackWebApi } from '../slack-web-api.js'
import type { UserLanguageLookup } from '../user-language.js'
import type { DigestCommandContext } from './digest-command-context.js'
import { listChannelDigests } from './list-channel-digests.js'
import { previewDigest } from './preview-digest.js'
import { scheduleDigestHere } from './schedule-digest-here.js'
import { turnOffDigest } from './turn-off-digest.js'

export interface SlackDigestCommand {
  readonly teamId: string
  readonly channelId: string
  readonly channelName?: string
  /** The verified Slack user id from the signed request. */
  readonly userId: string
  /** The command's text after `/salesmatrix`: "digest weekly monday 8:00 here". */
  readonly text: string
}

export type SlackDigestCommandRunner = (client: SlackWebApi, command: SlackDigestCommand) => Promise<void>

export interface DigestCommandDeps {
  /** Absent: this install has digests off, and says so. */
  readonly digests: DigestService | undefined
  readonly db: Kysely<Database>
  readonly identities: ChatIdentityResolver
  readonly logger: Logger
  readonly languageOf: UserLanguageLookup
  readonly reportFailure: SlackFailureReporter
}

export function createDigestCommandRunner(deps: DigestCommandDeps): SlackDigestCommandRunner {
  const log = deps.logger.child({ component: 'slack-digests' })

  return async (client, command) => {
    const reply = async (text: string, blocks?: readonly SlackBlock[]) => {
      await client.chat.postEphemeral({ channel: command.channelId, user: command.userId, text, ...(blocks ? { blocks: [...blocks] } : {}) })
    }
    try {
      const parsed = parseDigestCommand(command.text, { defaultLanguage: await deps.languageOf(client, command.userId) })
      const phrases = slackPhrases[parsed.replyLanguage]
      const service = deps.digests
      if (!service) return await reply(phrases.digests.notEnabled)
      const wanted = parsed.ok ? parsed.command : undefined
      // How digests work is no secret: anyone may read the help; everything else is for admins.
      if (wanted?.kind === 'help') return await reply(phrases.digests.help(service.timeZone))

      const identity = await deps.identities.resolve({ platform: 'slack', userId: command.userId, workspaceId: command.teamId })
      if (!identity.ok) {
        log.info({ user: command.userId, reason: identity.reason }, 'a Slack user without access tried a digest command')
        return await reply(identity.reason === 'inactive' ? phrases.inactive : phrases.noAccess(command.userId))
      }
      if (identity.principal.role !== 'admin') {
        log.info({ user: command.userId, role: identity.principal.role }, 'a digest command was refused: only admins manage digests')
        return await reply(phrases.digests.adminOnly)
      }
      if (!parsed.ok) return await reply(phrases.digests.invalid(escapeMrkdwn(parsed.message), parsed.example))

      const ctx: DigestCommandContext = {
        db: deps.db,
        service,
        log,
        channelId: command.channelId,
        channelName: command.channelName,
        language: parsed.replyLanguage,
        actor: { keyId: null, name: identity.principal.userId },
        reply,
      }
      switch (wanted?.kind) {
        case 'create':
          return await scheduleDigestHere(ctx, wanted)
        case 'preview':
          return await previewDigest(ctx, wanted.scheduleId)
        case 'list':
          return await listChannelDigests(ctx)
        case 'off':
          return await turnOffDigest(ctx, wanted.scheduleId)
      }
    } catch (error) {
      await deps.reportFailure(client, { what: 'a Slack digest command failed', channelId: command.channelId, userId: command.userId }, error)
    }
  }
}
