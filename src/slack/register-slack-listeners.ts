/**
 * Everything the Slack app listens to, on any Bolt App (HTTP or Socket Mode): event deduplication first, then the
 * listeners, and Bolt's error hook for what escapes a listener (report-slack-failure is the boundary for turns,
 * shared files and digest commands).
 */
import type { App } from '@slack/bolt'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import type { Database } from '../db/schema.js'
import type { DigestService } from '../digests/delivery/create-digest-service.js'
import type { DocumentIngestion } from '../documents/document-contract.js'
import type { ChatIdentityResolver } from '../identity/chat-identity.js'
import type { Logger } from '../logging/logger.js'
import { createSharedFileAdder } from './add-shared-files.js'
import { createAnsweredThreads } from './answered-threads.js'
import { createEventDeduplicator } from '../chat-events/event-deduplicator.js'
import type { DigestThreadLookup } from './digests/digest-threads.js'
import { createDigestCommandRunner } from './digests/run-digest-command.js'
import { createSlackFileDownloader } from './download-slack-file.js'
import { listenToActions } from './listeners/listen-actions.js'
import { listenToAppHome } from './listeners/listen-app-home.js'
import { listenToCommand } from './listeners/listen-command.js'
import { listenToMessages } from './listeners/listen-messages.js'
import { createSlackFailureReporter } from './report-slack-failure.js'
import { createSlackTurnRunner } from './run-slack-turn.js'
import { createTurnSqlStore } from './turn-sql-store.js'
import { createUserLanguageLookup } from './user-language.js'

export interface SlackSurfaceDeps {
  readonly agent: AnalystAgent
  readonly identities: ChatIdentityResolver
  readonly db: Kysely<Database>
  readonly logger: Logger
  readonly clock: () => Date
  /** Minimum time between progress edits of the placeholder (default 1 s). */
  readonly progressIntervalMs?: number
  /** Adds the files an admin shares with the bot as documents; absent, a shared file is answered "not enabled". */
  readonly documents?: DocumentIngestion
  /** Largest shared file downloaded, in bytes (config.documentLimitBytes); the ingestion checks its own limit too. */
  readonly maxDocumentBytes?: number
  /** Scheduled digests, for `/salesmatrix digest …` (admins); absent, the command answers "Digests are not enabled here." */
  readonly digests?: DigestService
  /**
   * Finds the digest a thread hangs under (channel id, the digest message's ts) and the context a reply there starts
   * from — createDigestThreadLookup(db) reads the delivery log. Absent, a digest's thread is like any other.
   */
  readonly digestThreads?: DigestThreadLookup
}

/** DOCUMENT_LIMIT_BYTES' default, for when the composition root passes no limit. */
export const defaultMaxDocumentBytes = 25 * 1024 * 1024

export function registerSlackListeners(app: App, deps: SlackSurfaceDeps & { readonly config: { readonly slack: { readonly apiUrl: string | undefined } } }): void {
  const log = deps.logger.child({ component: 'slack' })
  const dedup = createEventDeduplicator({ platform: 'slack', db: deps.db, clock: deps.clock })
  const threads = createAnsweredThreads(deps.db)
  const sqlStore = createTurnSqlStore(deps.db)
  const languageOf = createUserLanguageLookup()
  const runTurn = createSlackTurnRunner({ ...deps, threads, sqlStore, languageOf })
  const reportFailure = createSlackFailureReporter({ logger: deps.logger, languageOf })
  const addFiles = createSharedFileAdder({
    identities: deps.identities,
    logger: deps.logger,
    languageOf,
    documents: deps.documents,
    download: createSlackFileDownloader({ apiUrl: deps.config.slack.apiUrl, maxBytes: deps.maxDocumentBytes ?? defaultMaxDocumentBytes }),
    reportFailure,
  })
  const runDigestCommand = createDigestCommandRunner({ digests: deps.digests, db: deps.db, identities: deps.identities, logger: deps.logger, languageOf, reportFailure })

  // Events are acknowledged before middleware runs, so a retry skipped here is still answered 200 to Slack.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id
    if (typeof eventId === 'string' && !(await dedup.firstDelivery(eventId))) {
      log.info({ eventId }, 'a Slack event was delivered again; it was already handled')
      return
    }
    await next()
  })
  // A message with files can come as app_mention and as message (two event ids): the same deduplicator takes it once.
  listenToMessages(app, { runTurn, threads, addFiles, fileMessages: dedup, ...(deps.digestThreads ? { digestThreads: deps.digestThreads } : {}) })
  listenToCommand(app, { runTurn, runDigestCommand, languageOf })
  listenToActions(app, { runTurn, identities: deps.identities, db: deps.db, sqlStore, languageOf })
  listenToAppHome(app, { languageOf })
  app.error(async (error) => {
    log.error({ err: error, code: error.code }, 'a Slack listener failed')
  })
}
