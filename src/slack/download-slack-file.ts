/**
 * A file shared with the bot, downloaded with the bot token (Slack serves `url_private_download` only to a token with
 * files:read). The token goes only to Slack's file host, or to the configured Web API host (a stand-in in tests, a
 * proxy in some installs): a URL anywhere else is refused before any request. Slack's file size is checked before
 * the download and the bytes are counted during it, so an oversized file is never held in memory.
 */
import { AppError } from '../errors/app-error.js'
import { readLimitedBody } from '../documents/read-limited-body.js'
import type { SlackSharedFile } from './slack-shared-files.js'
import type { SlackWebApi } from './slack-web-api.js'

export interface SlackFileDownloadOptions {
  /** The configured Web API base URL (SLACK_API_URL), whose host may serve files too. */
  readonly apiUrl: string | undefined
  /** Largest file downloaded, in bytes. */
  readonly maxBytes: number
}

export type SlackFileDownloader = (client: SlackWebApi, botToken: string, file: SlackSharedFile) => Promise<Uint8Array>

const slackFileHosts = new Set(['files.slack.com', 'files.slack-gov.com'])

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

export function createSlackFileDownloader(options: SlackFileDownloadOptions): SlackFileDownloader {
  const configuredOrigin = options.apiUrl ? new URL(options.apiUrl).origin : undefined
  const mayReceiveToken = (url: URL) => (url.protocol === 'https:' && slackFileHosts.has(url.hostname)) || url.origin === configuredOrigin
  const tooLarge = (file: SlackSharedFile, size?: number) =>
    new AppError('payload_too_large', `${file.name} is ${size !== undefined ? megabytes(size) : `larger than ${megabytes(options.maxBytes)}`}; documents may be at most ${megabytes(options.maxBytes)}.`)
  const refused = (file: SlackSharedFile, status: string) =>
    new AppError('forbidden', `Slack did not let me download ${file.name} (${status}): the Slack app needs the files:read scope — add it and reinstall the app.`)

  return async (client, botToken, file) => {
    if (file.size !== undefined && file.size > options.maxBytes) throw tooLarge(file, file.size)
    // A file Slack describes only in part (file_access: check_file_info) is described in full by files.info.
    const address = file.url_private_download ?? (await client.files.info({ file: file.id })).file?.url_private_download
    if (!address) throw new AppError('unprocessable', `Slack offers no download for ${file.name} (an external or restricted file); upload the file itself.`)
    const url = new URL(address)
    if (!mayReceiveToken(url)) throw new Error(`refused to send the bot token to ${url.origin}: Slack files come from files.slack.com or the configured SLACK_API_URL`)
    const response = await fetch(url, { headers: { authorization: `Bearer ${botToken}` } })
    if (response.status === 401 || response.status === 403) {
      await response.body?.cancel()
      throw refused(file, `HTTP ${response.status}`)
    }
    if (!response.ok) {
      await response.body?.cancel()
      throw new Error(`downloading a shared Slack file answered HTTP ${response.status}`)
    }
    // Without a token that may read files, Slack answers 200 with its sign-in page instead of the file.
    if (response.headers.get('content-type')?.startsWith('text/html') && !/\.html?$/i.test(file.name) && !file.mimetype?.startsWith('text/html')) {
      await response.body?.cancel()
      throw refused(file, 'Slack answered with its sign-in page')
    }
    return readLimitedBody(response, options.maxBytes, () => tooLarge(file))
  }
}
