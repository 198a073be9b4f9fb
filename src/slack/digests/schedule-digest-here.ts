/**
 * `/salesmatrix digest weekly monday 8:00 here [for Sul] [in portuguese]`: a schedule for the channel the command was
 * typed in, in the business time zone, through the same validation and audited repository as the admin API; the admin
 * is told what was scheduled and when it fires next.
 */
import type { CreateDigestCommand } from '../../digests/schedule/parse-digest-command.js'
import { createDigestSchedule } from '../../digests/schedule/digest-schedule.repository.js'
import { validateSchedule } from '../../digests/schedule/validate-schedule.js'
import { escapeMrkdwn } from '../escape-mrkdwn.js'
import { slackPhrases } from '../slack-phrases.js'
import type { DigestCommandContext } from './digest-command-context.js'
import { describeDigestSchedule } from './describe-digest-schedule.js'
import { resolveDigestScope } from './resolve-digest-scope.js'

/** Slack's names for conversations that have none worth showing. */
const unnamedChannels = new Set(['directmessage', 'privategroup', 'mpdm'])

export async function scheduleDigestHere(ctx: DigestCommandContext, command: CreateDigestCommand): Promise<void> {
  const words = slackPhrases[ctx.language].digests
  // This server posts digests to Slack only with a bot token; a schedule it cannot post would fail at every fire time.
  if (!ctx.service.destinationKinds.includes('slack')) return ctx.reply(words.notEnabled)

  const resolved = await resolveDigestScope(ctx.db, command.scope)
  if (!resolved.ok) {
    const list = (names: readonly string[]) => names.map(escapeMrkdwn).join(', ')
    return ctx.reply(
      resolved.problem === 'unknown'
        ? words.unknownScope(escapeMrkdwn(resolved.name), resolved.kind, list(resolved.regions), list(resolved.categories))
        : words.scopeTwice(escapeMrkdwn(resolved.names[0]), escapeMrkdwn(resolved.names[1])),
    )
  }
  const { region, category } = resolved.scope
  const channel = ctx.channelName && !unnamedChannels.has(ctx.channelName) ? `#${ctx.channelName}` : undefined
  // Named in the digest's language: the name is what the channel and the admin page show.
  const name = [slackPhrases[command.language].digests.name(command.frequency), region?.name, category?.name, channel].filter((part) => part !== undefined).join(' · ')
  const schedule = validateSchedule(
    {
      name: name.slice(0, 200),
      destination: { kind: 'slack', channelId: ctx.channelId },
      cron: command.cron,
      timeZone: ctx.service.timeZone,
      language: command.language,
      regionId: region?.id ?? null,
      categoryId: category?.id ?? null,
      period: command.period,
    },
    { defaultTimeZone: ctx.service.timeZone },
  )
  const created = await createDigestSchedule(ctx.db, schedule, ctx.actor, ctx.service.now())
  ctx.log.info({ scheduleId: created.id, channel: ctx.channelId, cron: created.cron, actor: ctx.actor.name }, 'a digest was scheduled from Slack')
  await ctx.reply(words.scheduled(describeDigestSchedule(created, ctx.language, ctx.service.now())))
}
