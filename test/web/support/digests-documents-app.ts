/**
 * The whole HTTP server (pages and API) over a fresh PGlite, with the sales documents and a running digest service,
 * listening on a local port for a browser. Digests are composed by the fixed composer (figures are the content
 * suite's business) and posted to web inboxes only; the agent is the caller's, so a test can see what the chat
 * route handed it.
 */
import type { AddressInfo } from 'node:net'
import type { AnalystAgent } from '../../../agents/agent-contract.js'
import { loadConfig } from '../../../src/config/config.js'
import { createDigestService, type DigestService } from '../../../src/digests/delivery/create-digest-service.js'
import { createWebInboxDeliverer } from '../../../src/digests/delivery/web-inbox-deliverer.js'
import type { DigestComposer } from '../../../src/digests/digest-contract.js'
import { createApiKey } from '../../../src/domain/api-keys/api-key.service.js'
import { createHttpServer } from '../../../src/http/create-http-server.js'
import { createLogger } from '../../../src/logging/logger.js'
import { createDocumentServices } from '../../../src/main.js'
import { fixedDigestContent } from '../../digests/delivery/support/fixed-digest-composer.js'
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js'

export interface DigestsDocumentsApp {
  readonly url: string
  readonly database: TestDatabase
  readonly digests: DigestService
  readonly keys: { readonly admin: string; readonly analyst: string }
  readonly regionIds: { readonly sul: number; readonly sudeste: number }
  close(): Promise<void>
}

/**
 * The fixed digest (with its 1×1 chart), whose starting context carries the schedule's region as a plan filter —
 * as the real composer's does — so a reply to it can be checked for keeping the region.
 */
const regionalDigestComposer: DigestComposer = {
  async compose(request) {
    const content = fixedDigestContent(request, { chart: true })
    const region = request.scope.region
    const filters = region ? [{ dimension: 'region' as const, values: [region.id], labels: [region.name] }] : []
    return {
      ...content,
      startingContext: { plan: { ...content.startingContext.plan, filters }, understood: `${content.startingContext.understood}${region ? ` in ${region.name}` : ''}` },
    }
  },
}

export async function startDigestsDocumentsApp(agent: AnalystAgent): Promise<DigestsDocumentsApp> {
  const logger = createLogger({ level: 'silent' })
  const database = await createTestDatabase('embedded')
  const db = database.db
  const [sul, sudeste] = await db.insertInto('regions').values([{ name: 'Sul' }, { name: 'Sudeste' }]).returning('id').execute()
  await db.insertInto('categories').values({ name: 'Ferramentas' }).execute()
  const system = { keyId: null, name: 'test:web-admin' }
  const keys = {
    admin: (await createApiKey(db, { name: 'admin', role: 'admin' }, system)).key,
    analyst: (await createApiKey(db, { name: 'analyst', role: 'analyst' }, system)).key,
  }
  const documents = await createDocumentServices(loadConfig({ LOG_LEVEL: 'silent' }), database)
  const digests = createDigestService({
    db,
    pool: database.pool,
    composer: regionalDigestComposer,
    deliverers: [createWebInboxDeliverer({ db })],
    clock: () => new Date(),
    logger,
    timeZone: 'America/Sao_Paulo',
    retry: { limit: 1, delaySeconds: 1, backoff: false },
    // Short polling so "Run now" is posted within a second; no ticking: only "Run now" posts in these tests.
    pollingIntervalSeconds: 0.5,
    tickIntervalSeconds: 0,
  })
  await digests.start()
  const app = await createHttpServer({
    db,
    databaseKind: 'embedded',
    logger,
    readiness: { pending: () => undefined },
    limits: { bodyLimitBytes: 64 * 1024, importLimitBytes: 1024 * 1024 },
    agent,
    timeZone: 'America/Sao_Paulo',
    documents,
    digests,
  })
  await app.listen({ host: '127.0.0.1', port: 0 })
  return {
    url: `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`,
    database,
    digests,
    keys,
    regionIds: { sul: sul!.id, sudeste: sudeste!.id },
    async close() {
      await digests.stop()
      await app.close()
      await database.close()
    },
  }
}
