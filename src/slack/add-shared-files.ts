/**
 * Files an admin shares with the bot (in a direct message, or in a message that mentions it) become sales documents
 * everyone can ask about. Who shares comes from the verified event only: an admin's files are downloaded and go
 * through the one ingestion path, and the thread is told what became of each; anyone else is told privately that only
 * admins add documents, and nothing is downloaded. A file that cannot be read gets the ingestion's own message while
 * the other files go on; anything unexpected goes to the surface's error boundary.
 */
import type { DocumentIngestion, IngestResult } from '../documents/document-contract.js'
import { isAppError } from '../errors/app-error.js'
import type { ChatIdentityResolver } from '../identity/chat-identity.js'
import type { Logger } from '../logging/logger.js'
import { languageScore } from '../planner/detect-language.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SlackFileDownloader } from './download-slack-file.js'
import { escapeMrkdwn } from './escape-mrkdwn.js'
import type { SlackFailureReporter } from './report-slack-failure.js'
import { slackPhrases } from './slack-phrases.js'
import type { SlackSharedFile } from './slack-shared-files.js'
import type { SlackWebApi } from './slack-web-api.js'
import type { UserLanguageLookup } from './user-language.js'

export interface FileShare {
  readonly teamId: string
  readonly channelId: string
  /** The thread the answer goes to: the message's thread, or the message itself, which starts one. */
  readonly threadTs: string
  /** The verified Slack user id from the signed event. */
  readonly userId: string
  readonly files: readonly SlackSharedFile[]
  /** The message's words, the bot's mention removed: the reply speaks their language (else the user's Slack locale). */
  readonly text: string
}

export interface SharedFileDeps {
  readonly identities: ChatIdentityResolver
  readonly logger: Logger
  readonly languageOf: UserLanguageLookup
  /** Absent: this install does not add documents from chat, and says so. */
  readonly documents: DocumentIngestion | undefined
  readonly download: SlackFileDownloader
  readonly reportFailure: SlackFailureReporter
}

/** `botToken` is the token Bolt authorised the event with; `answersQuestion`: the caller answers the text as a turn next. */
export type SharedFileAdder = (client: SlackWebApi, botToken: string | undefined, share: FileShare, answersQuestion: boolean) => Promise<void>

type Phrases = (typeof slackPhrases)[Language]

function outcome(result: IngestResult, phrases: Phrases): string {
  const { title, chunkCount, version } = result.document
  const shown = escapeMrkdwn(title)
  if (result.status === 'created') return phrases.documentAdded(shown, chunkCount)
  if (result.status === 'replaced') return phrases.documentReplaced(shown, version, chunkCount)
  return phrases.documentUnchanged(shown, version)
}

export function createSharedFileAdder(deps: SharedFileDeps): SharedFileAdder {
  const log = deps.logger.child({ component: 'slack' })

  async function languageFor(client: SlackWebApi, share: FileShare): Promise<Language> {
    const score = languageScore(share.text)
    return score > 0 ? 'pt' : score < 0 ? 'en' : deps.languageOf(client, share.userId)
  }

  return async (client, botToken, share, answersQuestion) => {
    let placeholderTs: string | undefined
    const tellPrivately = (text: string) => client.chat.postEphemeral({ channel: share.channelId, user: share.userId, thread_ts: share.threadTs, text })
    try {
      const phrases = slackPhrases[await languageFor(client, share)]
      const identity = await deps.identities.resolve({ platform: 'slack', userId: share.userId, workspaceId: share.teamId })
      if (!identity.ok) {
        log.info({ user: share.userId, reason: identity.reason }, 'a Slack user without access shared a file with the bot')
        // The question's turn tells them how to get access; once is enough.
        if (!answersQuestion) await tellPrivately(identity.reason === 'inactive' ? phrases.inactive : phrases.noAccess(share.userId))
        return
      }
      const documents = deps.documents
      if (!documents) return void (await tellPrivately(phrases.documentsNotEnabled))
      if (identity.principal.role !== 'admin') {
        log.info({ user: share.userId, role: identity.principal.role, files: share.files.length }, 'a shared file was not added: only admins add documents')
        return void (await tellPrivately(phrases.documentsAdminOnly))
      }
      if (!botToken) throw new Error('Bolt gave the listener no bot token, so a shared file cannot be downloaded')

      const names = share.files.map((f) => escapeMrkdwn(f.name)).join(', ')
      const placeholder = await client.chat.postMessage({ channel: share.channelId, thread_ts: share.threadTs, text: phrases.documentReading(names), unfurl_links: false, unfurl_media: false })
      placeholderTs = placeholder.ts
      const lines: string[] = []
      for (const file of share.files) {
        try {
          const bytes = await deps.download(client, botToken, file)
          const result = await documents.ingestFile({ fileName: file.name, bytes, ...(file.mimetype ? { contentType: file.mimetype } : {}), uploadedBy: identity.principal.userId })
          log.info({ user: share.userId, documentId: result.document.id, status: result.status, version: result.document.version, passages: result.document.chunkCount }, 'a file shared in Slack was added as a document')
          lines.push(outcome(result, phrases))
        } catch (error) {
          // A file the ingestion cannot take (format, size, unreadable) is the admin's to fix; the other files go on.
          if (!isAppError(error) || error.code === 'internal') throw error
          log.warn({ err: error, code: error.code, user: share.userId, file: file.name }, 'a file shared in Slack was not added')
          lines.push(`⚠️ ${escapeMrkdwn(error.message)}`)
        }
      }
      const text = lines.join('\n')
      if (placeholderTs) await client.chat.update({ channel: share.channelId, ts: placeholderTs, text })
      else await client.chat.postMessage({ channel: share.channelId, thread_ts: share.threadTs, text })
    } catch (error) {
      await deps.reportFailure(client, { what: 'a file shared with the Slack bot could not be added', channelId: share.channelId, userId: share.userId, threadTs: share.threadTs, ...(placeholderTs ? { placeholderTs } : {}) }, error)
    }
  }
}
