/**
 * `/salesmatrix digest preview [number]`: the channel's digest composed now, shown only to the admin — nothing posted,
 * nothing recorded in the delivery log. A channel without a schedule previews the weekly whole-company digest.
 */
import { todayIn } from '../../analyst/today-in.js'
import { digestSections, type DigestRequest } from '../../digests/digest-contract.js'
import { renderDigestBlocks } from '../../digests/delivery/render-digest-blocks.js'
import { escapeMrkdwn } from '../escape-mrkdwn.js'
import { slackPhrases } from '../slack-phrases.js'
import { listChannelDigestSchedules } from './channel-digest-schedules.js'
import type { DigestCommandContext } from './digest-command-context.js'

export async function previewDigest(ctx: DigestCommandContext, scheduleId: number | undefined): Promise<void> {
  const words = slackPhrases[ctx.language].digests
  const schedules = await listChannelDigestSchedules(ctx.db, ctx.channelId)
  const chosen = scheduleId !== undefined ? schedules.find((s) => s.id === scheduleId) : (schedules.find((s) => s.enabled) ?? schedules[0])
  if (scheduleId !== undefined && !chosen) return ctx.reply(words.notHere(scheduleId))
  const wholeCompany: DigestRequest = { scope: {}, period: 'previous_week', language: ctx.language, sections: digestSections, today: todayIn(ctx.service.timeZone, ctx.service.now()) }

  // Composing runs a dozen queries: say so first, the preview follows in a few seconds.
  await ctx.reply(words.composing)
  const content = await ctx.service.preview(chosen ? chosen.id : wholeCompany)
  const { text, blocks } = renderDigestBlocks(content)
  const note = words.previewNote({ whole: !chosen, chart: content.chart !== undefined })
  await ctx.reply(words.previewText(escapeMrkdwn(text)), [{ type: 'context', elements: [{ type: 'mrkdwn', text: note }] }, ...blocks])
}
