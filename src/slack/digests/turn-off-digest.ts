/**
 * `/salesmatrix digest off [number]`: stops one of the channel's digests. It is disabled, not deleted, so the delivery
 * log stays and replies under digests already posted keep their context (an admin deletes through the admin API).
 */
import type { DigestSchedule } from '../../digests/digest-contract.js'
import { updateDigestSchedule } from '../../digests/schedule/digest-schedule.repository.js'
import { slackPhrases } from '../slack-phrases.js'
import { listChannelDigestSchedules } from './channel-digest-schedules.js'
import type { DigestCommandContext } from './digest-command-context.js'
import { describeDigestSchedule } from './describe-digest-schedule.js'

export async function turnOffDigest(ctx: DigestCommandContext, scheduleId: number | undefined): Promise<void> {
  const words = slackPhrases[ctx.language].digests
  const schedules = await listChannelDigestSchedules(ctx.db, ctx.channelId)
  const describe = (s: DigestSchedule) => describeDigestSchedule(s, ctx.language, ctx.service.now())

  let target: DigestSchedule | undefined
  if (scheduleId !== undefined) {
    target = schedules.find((s) => s.id === scheduleId)
    if (!target) return ctx.reply(words.notHere(scheduleId))
    if (!target.enabled) return ctx.reply(words.alreadyOff(describe(target).name, target.id))
  } else {
    const on = schedules.filter((s) => s.enabled)
    if (!on.length) return ctx.reply(words.noneOn)
    // Two digests on and no number: guessing would stop the wrong one.
    if (on.length > 1) return ctx.reply(words.whichOne(on.map((s) => words.listLine(describe(s), true)).join('\n'), on[0]!.id))
    target = on[0]!
  }
  await updateDigestSchedule(ctx.db, target.id, { enabled: false }, ctx.actor, { now: ctx.service.now(), defaultTimeZone: ctx.service.timeZone })
  ctx.log.info({ scheduleId: target.id, channel: ctx.channelId, actor: ctx.actor.name }, 'a digest was turned off from Slack')
  await ctx.reply(words.turnedOff(describe(target).name, target.id))
}
