/**
 * Files an admin shares with the bot in Teams become sales documents everyone can ask about: each is downloaded from
 * its pre-authenticated URL and goes through the one ingestion path, and the chat is told what became of each. Anyone
 * else is told that only admins add documents, and nothing is downloaded. A file the ingestion cannot take gets its
 * own message while the other files go on; anything unexpected is thrown to the adapter's turn-error boundary.
 */
import { ActivityTypes, MessageFactory, type TurnContext } from 'botbuilder'
import type { DocumentIngestion, IngestResult } from '../documents/document-contract.js'
import { isAppError } from '../errors/app-error.js'
import type { Logger } from '../logging/logger.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { escapeCardMarkdown } from './card-markdown.js'
import { downloadTeamsFile } from './download-teams-file.js'
import { keepTyping } from './keep-typing.js'
import type { TeamsSharedFile } from './teams-shared-files.js'
import type { TeamsWords } from './teams-words.js'

export interface TeamsFileDeps {
  /** Absent: this install does not add documents from chat, and says so. */
  readonly documents: DocumentIngestion | undefined
  /** Largest file downloaded, in bytes; the ingestion checks its own limit too. */
  readonly maxBytes: number
  readonly logger: Logger
  readonly typingEveryMs: number
}

function outcome(result: IngestResult, words: TeamsWords): string {
  const { title, chunkCount, version } = result.document
  const shown = escapeCardMarkdown(title)
  if (result.status === 'created') return words.documentAdded(shown, chunkCount)
  if (result.status === 'replaced') return words.documentReplaced(shown, version, chunkCount)
  return words.documentUnchanged(shown, version)
}

export async function addTeamsFiles(context: TurnContext, share: { files: readonly TeamsSharedFile[]; principal: SqlPrincipal; words: TeamsWords }, deps: TeamsFileDeps): Promise<void> {
  const { files, principal, words } = share
  const documents = deps.documents
  if (!documents) return void (await context.sendActivity(words.documentsNotEnabled))
  if (principal.role !== 'admin') {
    deps.logger.info({ surface: 'teams', user: principal.userId, role: principal.role, files: files.length }, 'a shared file was not added: only admins add documents')
    return void (await context.sendActivity(words.documentsAdminOnly))
  }
  const typing = keepTyping({
    send: () => context.sendActivity({ type: ActivityTypes.Typing }),
    everyMs: deps.typingEveryMs,
    onError: (error) => deps.logger.warn({ err: error, surface: 'teams' }, 'could not send a typing indicator to Teams'),
  })
  const lines: string[] = []
  try {
    for (const file of files) {
      try {
        const bytes = await downloadTeamsFile(file, deps.maxBytes)
        const result = await documents.ingestFile({ fileName: file.name, bytes, ...(file.contentType ? { contentType: file.contentType } : {}), uploadedBy: principal.userId })
        deps.logger.info({ surface: 'teams', user: principal.userId, documentId: result.document.id, status: result.status, version: result.document.version, passages: result.document.chunkCount }, 'a file shared in Teams was added as a document')
        lines.push(outcome(result, words))
      } catch (error) {
        // A file the ingestion cannot take (format, size, unreadable) is the admin's to fix; the other files go on.
        if (!isAppError(error) || error.code === 'internal') throw error
        deps.logger.warn({ err: error, code: error.code, surface: 'teams', user: principal.userId, file: file.name }, 'a file shared in Teams was not added')
        lines.push(`⚠️ ${escapeCardMarkdown(error.message)}`)
      }
    }
  } finally {
    await typing.stop()
  }
  // Teams reads a message's text as Markdown: a blank line keeps each file's outcome on its own line.
  await context.sendActivity(MessageFactory.text(lines.join('\n\n')))
}
