/**
 * The Slack surface's one error boundary, shared by conversation turns and files shared with the bot: the failure is
 * logged with a reference id, and the user is told in their language — a typed error's safe message as it is,
 * anything else as an apology quoting the reference. A message the bot already posted (the placeholder) is edited;
 * otherwise the user gets a private message.
 */
import { randomUUID } from 'node:crypto'
import { isAppError } from '../errors/app-error.js'
import type { Logger } from '../logging/logger.js'
import { escapeMrkdwn } from './escape-mrkdwn.js'
import { slackPhrases } from './slack-phrases.js'
import type { SlackWebApi } from './slack-web-api.js'
import type { UserLanguageLookup } from './user-language.js'

export interface FailedWork {
  /** What failed, for the log: "a Slack turn failed". */
  readonly what: string
  readonly channelId: string
  readonly userId: string
  readonly threadTs?: string
  /** The bot's own message in the thread, edited to say what went wrong. */
  readonly placeholderTs?: string
}

export type SlackFailureReporter = (client: SlackWebApi, work: FailedWork, error: unknown) => Promise<void>

/** Slack Web API errors carry the API's error code in data.error. */
const slackErrorCode = (error: unknown): string | undefined => (error as { data?: { error?: string } } | undefined)?.data?.error

export function createSlackFailureReporter(deps: { readonly logger: Logger; readonly languageOf: UserLanguageLookup }): SlackFailureReporter {
  const log = deps.logger.child({ component: 'slack' })
  return async (client, work, error) => {
    const reference = randomUUID()
    const code = slackErrorCode(error)
    // A typed error (a file that cannot be read, too large…) is the user's to fix: a warning, not an incident.
    const safe = isAppError(error) && error.code !== 'internal'
    log[safe ? 'warn' : 'error']({ err: error, reference, slackError: code, channel: work.channelId, user: work.userId }, work.what)
    const phrases = slackPhrases[await deps.languageOf(client, work.userId)]
    const text =
      !work.placeholderTs && (code === 'not_in_channel' || code === 'channel_not_found')
        ? phrases.notInChannel
        : safe
          ? phrases.failedSafely(escapeMrkdwn(error.message), reference)
          : phrases.failed(reference)
    try {
      if (work.placeholderTs) await client.chat.update({ channel: work.channelId, ts: work.placeholderTs, text, blocks: [] })
      else await client.chat.postEphemeral({ channel: work.channelId, user: work.userId, text, ...(work.threadTs ? { thread_ts: work.threadTs } : {}) })
    } catch (reportError) {
      log.error({ err: reportError, reference }, 'could not tell the Slack user what failed')
    }
  }
}
