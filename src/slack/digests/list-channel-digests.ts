/** `/salesmatrix digest list`: the channel's digests with when each fires next (or that it is off). */
import { slackPhrases } from '../slack-phrases.js'
import { listChannelDigestSchedules } from './channel-digest-schedules.js'
import type { DigestCommandContext } from './digest-command-context.js'
import { describeDigestSchedule } from './describe-digest-schedule.js'

export async function listChannelDigests(ctx: DigestCommandContext): Promise<void> {
  const words = slackPhrases[ctx.language].digests
  const schedules = await listChannelDigestSchedules(ctx.db, ctx.channelId)
  if (!schedules.length) return ctx.reply(words.listEmpty)
  const now = ctx.service.now()
  await ctx.reply([words.listHeader, ...schedules.map((s) => words.listLine(describeDigestSchedule(s, ctx.language, now), s.enabled))].join('\n'))
}
