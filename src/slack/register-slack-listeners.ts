/**
 * Everything the Slack app listens to, on any Bolt App (HTTP or Socket Mode): event deduplication first, then the
 * listeners, and Bolt's error hook for what escapes a listener (run-slack-turn is the boundary for turns).
 */
import type { App } from '@slack/bolt'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import type { Database } from '../db/schema.js'
import type { ChatIdentityResolver } from '../identity/chat-identity.js'
import type { Logger } from '../logging/logger.js'
import { createAnsweredThreads } from './answered-threads.js'
import { createEventDeduplicator } from '../chat-events/event-deduplicator.js'
import { listenToActions } from './listeners/listen-actions.js'
import { listenToAppHome } from './listeners/listen-app-home.js'
import { listenToCommand } from './listeners/listen-command.js'
import { listenToMessages } from './listeners/listen-messages.js'
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
}

export function registerSlackListeners(app: App, deps: SlackSurfaceDeps): void {
  const log = deps.logger.child({ component: 'slack' })
  const dedup = createEventDeduplicator({ platform: 'slack', db: deps.db, clock: deps.clock })
  const threads = createAnsweredThreads(deps.db)
  const sqlStore = createTurnSqlStore(deps.db)
  const languageOf = createUserLanguageLookup()
  const runTurn = createSlackTurnRunner({ ...deps, threads, sqlStore, languageOf })

  // Events are acknowledged before middleware runs, so a retry skipped here is still answered 200 to Slack.
  app.use(async ({ body, next }) => {
    const eventId = (body as { event_id?: unknown }).event_id
    if (typeof eventId === 'string' && !(await dedup.firstDelivery(eventId))) {
      log.info({ eventId }, 'a Slack event was delivered again; it was already handled')
      return
    }
    await next()
  })
  listenToMessages(app, { runTurn, threads })
  listenToCommand(app, { runTurn, languageOf })
  listenToActions(app, { runTurn, identities: deps.identities, db: deps.db, sqlStore, languageOf })
  listenToAppHome(app, { languageOf })
  app.error(async (error) => {
    log.error({ err: error, code: error.code }, 'a Slack listener failed')
  })
}
