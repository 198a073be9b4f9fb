/**
 * `/salesmatrix <question>` (answered in a new message whose thread carries the conversation), `/salesmatrix help`
 * (an ephemeral help), `/salesmatrix sale …` (logging a sale: the agent is told the intent), `/salesmatrix digest …`
 * (an admin managing the channel's digests). Acknowledged first.
 */
import type { App } from '@slack/bolt'
import { isDigestCommand } from '../../digests/schedule/parse-digest-command.js'
import type { SlackDigestCommandRunner } from '../digests/run-digest-command.js'
import { slackPhrases } from '../slack-phrases.js'
import type { SlackTurnRunner } from '../run-slack-turn.js'
import type { UserLanguageLookup } from '../user-language.js'

export const slashCommand = '/salesmatrix'

export interface CommandListenerDeps {
  readonly runTurn: SlackTurnRunner
  readonly runDigestCommand: SlackDigestCommandRunner
  readonly languageOf: UserLanguageLookup
}

export function listenToCommand(app: App, deps: CommandListenerDeps): void {
  app.command(slashCommand, async ({ command, ack, client, context }) => {
    await ack()
    const text = command.text.replace(/\s+/g, ' ').trim()
    if (isDigestCommand(text)) {
      await deps.runDigestCommand(client, { teamId: context.teamId ?? command.team_id, channelId: command.channel_id, channelName: command.channel_name, userId: command.user_id, text })
      return
    }
    const [first = '', ...rest] = text.split(' ')
    const keyword = first.toLowerCase()
    if (keyword === '' || keyword === 'help' || keyword === 'ajuda') {
      const phrases = slackPhrases[await deps.languageOf(client, command.user_id)]
      await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: phrases.help })
      return
    }
    const sale = keyword === 'sale' || keyword === 'venda'
    if (sale && rest.length === 0) {
      const phrases = slackPhrases[await deps.languageOf(client, command.user_id)]
      await client.chat.postEphemeral({ channel: command.channel_id, user: command.user_id, text: phrases.emptyQuestion })
      return
    }
    await deps.runTurn(client, {
      teamId: context.teamId ?? command.team_id,
      channelId: command.channel_id,
      userId: command.user_id,
      text: sale ? rest.join(' ') : text,
      ...(sale ? { intentHint: 'sales_log' as const } : {}),
    })
  })
}
