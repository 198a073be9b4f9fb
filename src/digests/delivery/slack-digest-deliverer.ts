/**
 * Posts digests to Slack channels: chat.postMessage with the digest as Block Kit, then the chart (when there is one)
 * uploaded into the message's thread. The Web API client's own retries are off — the job queue owns retries, with
 * backoff, and counts them in the delivery log. Errors that retrying cannot fix (channel gone, bot not in it, token
 * revoked) are permanent.
 */
import { webApi } from '@slack/bolt'
import type { Logger } from '../../logging/logger.js'
import { toBoltLogger } from '../../slack/bolt-logger.js'
import type { DigestDeliverer } from '../digest-contract.js'
import { PermanentDeliveryError } from './delivery-errors.js'
import { renderDigestBlocks } from './render-digest-blocks.js'

export interface SlackDigestDelivererOptions {
  readonly botToken: string
  /** Where the Web API lives (tests point it at a local stand-in); Slack's own by default. */
  readonly apiUrl?: string | undefined
  readonly logger: Logger
  /** Per request; an attempt that times out is retried by the queue. */
  readonly timeoutMs?: number
}

/** Slack error codes no retry can fix: an admin must invite the bot, fix the channel id or the token. */
const permanentErrors = new Set(['channel_not_found', 'not_in_channel', 'is_archived', 'invalid_auth', 'not_authed', 'account_inactive', 'token_revoked', 'missing_scope', 'restricted_action', 'no_permission'])

const slackErrorCode = (error: unknown): string | undefined => {
  const code = (error as { data?: { error?: unknown } } | undefined)?.data?.error
  return typeof code === 'string' ? code : undefined
}

export function createSlackDigestDeliverer(options: SlackDigestDelivererOptions): DigestDeliverer {
  const log = options.logger.child({ component: 'slack-digest' })
  const client = new webApi.WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl.endsWith('/') ? options.apiUrl : `${options.apiUrl}/` } : {}),
    retryConfig: { retries: 0 },
    rejectRateLimitedCalls: true,
    timeout: options.timeoutMs ?? 30_000,
    logger: toBoltLogger(options.logger),
  })

  return {
    kind: 'slack',
    async deliver(destination, content, meta) {
      if (destination.kind !== 'slack') throw new PermanentDeliveryError('wrong_destination', `The Slack deliverer cannot post to a ${destination.kind} destination.`)
      const { text, blocks } = renderDigestBlocks(content)
      let posted
      try {
        posted = await client.chat.postMessage({ channel: destination.channelId, text, blocks, unfurl_links: false, unfurl_media: false })
      } catch (error) {
        const code = slackErrorCode(error)
        if (code && permanentErrors.has(code)) {
          throw new PermanentDeliveryError(code, `Slack refused the digest for channel ${destination.channelId} (${code}); invite the bot to the channel or fix the schedule's channel id.`, { cause: error })
        }
        throw error
      }
      const channelId = posted.channel ?? destination.channelId
      const ts = posted.ts
      if (!ts) throw new Error('Slack accepted chat.postMessage without a message ts')
      if (content.chart) {
        // The digest is already in the channel: a chart that fails to upload is logged, never a reason to post it again.
        try {
          await client.files.uploadV2({
            channel_id: channelId,
            thread_ts: ts,
            file: Buffer.from(content.chart.pngBase64, 'base64'),
            filename: 'digest-chart.png',
            title: content.chart.alt.slice(0, 250),
            alt_text: content.chart.alt.slice(0, 1000),
          })
        } catch (error) {
          log.warn({ err: error, deliveryId: meta.deliveryId, channelId, ts }, 'the digest was posted but its chart could not be uploaded')
        }
      }
      return { messageId: ts, channelId }
    },
  }
}
