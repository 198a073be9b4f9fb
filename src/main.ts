/**
 * The composition root: the only place that wires configuration, database, domain and HTTP together.
 * Adapters (CLI, web chat, Slack, Teams) call in here; nothing below imports this file.
 */
import type { Config } from './config/config.js'
import { migrate } from './db/migrate.js'
import { openDatabase, type DatabaseHandle } from './db/open-database.js'
import { countActiveApiKeys, createApiKey } from './domain/api-keys/api-key.service.js'
import { createHttpServer } from './http/create-http-server.js'
import type { Logger } from './logging/logger.js'
import { isDatabaseEmpty, seedDemoData } from './seed/seed-demo-data.js'
import { createQuestionAnswerer, type QuestionAnswerer } from './analyst/answer-question.js'
import { createEntityResolver } from './planner/entity-resolver.js'
import { planTurn } from './planner/plan-turn.js'
import { createPromptLibrary, type PromptLibrary } from './prompts/prompt-library.js'
import { defaultPromptsDirectory } from './prompts/prompt-files.js'
import { createForecaster } from './forecast/create-forecaster.js'
import { createRfmSegmenter } from './segments/index.js'
import { createModelSaleExtractor, createSalesLog } from './sales-log/index.js'
import { createGuardedSqlRunner, guardPolicyForPrincipal, loadSqlParser, type GuardedSqlRunner } from './sql-guard/index.js'
import type { AnalystAgent } from '../agents/agent-contract.js'
import { openConversationMemory } from '../agents/conversation-memory.js'
import { createAnalystAgent } from '../agents/create-analyst-agent.js'
import { createChatModel } from '../agents/models/create-chat-model.js'
import type { ChatPlatformMount } from './http/routes/chat-platforms.js'
import { createChatIdentityResolver } from './identity/create-chat-identity-resolver.js'
import { createTeamsMount } from './teams/create-teams-mount.js'
import { createSlackSurface } from './slack/create-slack-surface.js'
import { createDigestThreadLookup } from './slack/digests/digest-threads.js'
import type { DocumentIngestion, DocumentStore } from './documents/document-contract.js'
import { createDocumentIngestion } from './documents/create-document-ingestion.js'
import { createEmbedder } from './documents/embeddings/create-embedder.js'
import { createDocumentStore } from './documents/postgres-document-store.js'
import { seedDemoDocuments } from './seed/seed-demo-documents.js'
import { createDigestComposer } from './digests/content/create-digest-composer.js'
import { createModelSummarizer } from './digests/content/model-summarizer.js'
import { createDigestService, type DigestService } from './digests/delivery/create-digest-service.js'
import { createSlackDigestDeliverer } from './digests/delivery/slack-digest-deliverer.js'
import { createTeamsDigestDeliverer } from './digests/delivery/teams-digest-deliverer.js'
import { createWebInboxDeliverer } from './digests/delivery/web-inbox-deliverer.js'
import { createTeamsAdapter } from './teams/create-teams-adapter.js'

export interface RunningService {
  url: string
  database: DatabaseHandle
  /** Resolves when start-up work (migrations, demo data) is finished. */
  ready: Promise<void>
  /** Scheduled digests (absent when DIGESTS_ENABLED=false): tests tick them by hand with a controlled clock. */
  digests?: DigestService
  stop(): Promise<void>
}

export async function openConfiguredDatabase(config: Config, logger: Logger): Promise<DatabaseHandle> {
  // Only the message and code: pg attaches the whole client (with its connection settings) to these errors.
  const onIdleClientError = (error: Error) =>
    logger.warn({ error: error.message, code: (error as { code?: string }).code }, 'an idle database connection failed; the pool will replace it')
  return config.databaseUrl
    ? openDatabase({ kind: 'server', url: config.databaseUrl, poolSize: config.databasePoolSize, onIdleClientError })
    : openDatabase({ kind: 'embedded', dataDir: config.embeddedDataDir, port: config.embeddedDbPort, onIdleClientError })
}

/**
 * PGlite ignores statement_timeout and runs on the main thread, so there a planner-cost ceiling is the only
 * bound on a query's run time; on a server the timeout does that job and the ceiling stays off unless set.
 */
const embeddedMaxPlanCost = 300_000

export function createSqlRunner(config: Config, database: DatabaseHandle): GuardedSqlRunner {
  return createGuardedSqlRunner({
    pool: database.pool,
    policy: guardPolicyForPrincipal,
    limits: {
      maxRows: config.query.maxRows,
      statementTimeoutMs: config.query.timeoutMs,
      lockTimeoutMs: 2_000,
      maxPlanCost: config.query.maxPlanCost ?? (database.kind === 'embedded' ? embeddedMaxPlanCost : undefined),
    },
  })
}

export interface DocumentServices {
  readonly store: DocumentStore
  readonly ingestion: DocumentIngestion
  readonly maxBytes: number
}

/**
 * The sales documents with the configured embedder. The stored vectors are made to match it first: a changed
 * embedding model re-embeds every passage here rather than mixing two models' vectors.
 */
export async function createDocumentServices(config: Config, database: DatabaseHandle, clock: () => Date = () => new Date(), logger?: Logger): Promise<DocumentServices> {
  const embedder = await createEmbedder(config.embeddings)
  const store = createDocumentStore({ db: database.db, embedder, clock })
  const space = await store.ensureEmbeddings()
  if (space.reembedded > 0) logger?.info({ model: space.model, dimension: space.dimension, passages: space.reembedded }, 'the embedding model changed: document passages re-embedded')
  return { store, ingestion: createDocumentIngestion({ store, maxBytes: config.documentLimitBytes }), maxBytes: config.documentLimitBytes }
}

export interface Analyst {
  runner: GuardedSqlRunner
  /** The configured chat model, if any (digest summaries may be rephrased by it). */
  model?: Awaited<ReturnType<typeof createChatModel>>
  /** The single-question path (CLI `ask`, evals of the planner). */
  answerQuestion: QuestionAnswerer
  /** The conversational agent every chat surface talks to. */
  agent: AnalystAgent
  /** Prompt versions (files in prompts/ and admin-curated versions in the database). */
  prompts: PromptLibrary
  /** The sales documents the agent searches (search_documents). */
  documents: DocumentServices
}

export interface AnalystOptions {
  /** Conversation memory in the database (default true); evals ask one-off questions and keep no threads. */
  memory?: boolean
}

/**
 * The question path and the agent with everything they need: the SQL parser (WASM) is loaded, the conversation
 * memory's tables are created, and the configured model (if any) is built — here, once, not at import.
 */
export async function createAnalyst(config: Config, database: DatabaseHandle, clock: () => Date = () => new Date(), logger?: Logger, options: AnalystOptions = {}): Promise<Analyst> {
  await loadSqlParser()
  const runner = createSqlRunner(config, database)
  const resolver = createEntityResolver(database.db)
  const answerQuestion = createQuestionAnswerer({ db: database.db, runner, resolver, clock, timeZone: config.timeZone, currency: config.currency })
  const model = await createChatModel(config.llm)
  // New prompt files become versions in the database; a file that changed under a stored version stops the start.
  const prompts = createPromptLibrary({ db: database.db, directory: defaultPromptsDirectory })
  await prompts.syncPromptFiles()
  const documents = await createDocumentServices(config, database, clock, logger)
  const agent = createAnalystAgent({
    db: database.db,
    runner,
    resolver,
    clock,
    timeZone: config.timeZone,
    currency: config.currency,
    ...(options.memory === false ? {} : { checkpointer: await openConversationMemory(database.pool) }),
    planner: planTurn,
    prompts,
    segmenter: createRfmSegmenter({ runner }),
    forecaster: createForecaster({ db: database.db, runner, clock }),
    // With a model configured it reads sale messages (structured output, validated like the rules); rules otherwise.
    salesLog: createSalesLog({
      db: database.db,
      clock,
      currency: config.currency,
      undoWindowMs: config.salesUndoMinutes * 60_000,
      ...(model ? { extractor: createModelSaleExtractor(model.chat), onExtractorFailure: (error: unknown) => logger?.warn({ err: error }, 'the model could not read a sale message; the rules did') } : {}),
    }),
    documents: documents.store,
    ...(model ? { model } : {}),
    ...(logger ? { logger } : {}),
    limits: { maxRows: config.query.maxRows },
  })
  return { runner, answerQuestion, agent, prompts, documents, ...(model ? { model } : {}) }
}

export interface ServiceOptions {
  config: Config
  logger: Logger
  clock?: () => Date
  /** Where the one-time banner (URL, admin key) goes; stdout by default. */
  announce?: (text: string) => void
}

export async function startService(options: ServiceOptions): Promise<RunningService> {
  const { config, logger } = options
  const clock = options.clock ?? (() => new Date())
  const announce = options.announce ?? ((text: string) => process.stdout.write(`${text}\n`))
  const database = await openConfiguredDatabase(config, logger)
  let pending: string | undefined = 'migrations'
  try {
    const migrated = await migrate(database.pool, { log: (m) => logger.info(m) })
    logger.info({ applied: migrated.applied.length, database: database.kind }, 'database schema is current')
    const adminKey = database.kind === 'embedded' && (await countActiveApiKeys(database.db)) === 0
      ? await createApiKey(database.db, { name: 'local-admin', role: 'admin' }, { keyId: null, name: 'system:first-start' })
      : undefined

    const analyst = await createAnalyst(config, database, clock, logger)
    // Slack and Teams mount on the same server when configured; a half-configured Teams refuses to start here.
    const chatPlatforms: ChatPlatformMount[] = []
    if (config.teams.appId || config.teams.allowUnauthenticated) {
      chatPlatforms.push(createTeamsMount({ config, agent: analyst.agent, identities: createChatIdentityResolver(database.db), db: database.db, logger, documents: analyst.documents.ingestion, maxDocumentBytes: config.documentLimitBytes }))
    }
    const digests = config.digests.enabled ? createDigests(config, database, analyst, clock, logger) : undefined
    // Slack over HTTP (signing secret) mounts on this server; Socket Mode (app token) connects once it listens.
    const slack = createSlackSurface({
      config,
      agent: analyst.agent,
      identities: createChatIdentityResolver(database.db),
      db: database.db,
      logger,
      clock,
      documents: analyst.documents.ingestion,
      maxDocumentBytes: config.documentLimitBytes,
      ...(digests ? { digests, digestThreads: createDigestThreadLookup(database.db) } : {}),
    })
    chatPlatforms.push(...slack.mounts)
    const app = await createHttpServer({
      agent: analyst.agent,
      prompts: analyst.prompts,
      timeZone: config.timeZone,
      db: database.db,
      databaseKind: database.kind,
      logger,
      readiness: { pending: () => pending },
      limits: { bodyLimitBytes: config.bodyLimitBytes, importLimitBytes: config.importLimitBytes },
      chatPlatforms,
      documents: analyst.documents,
      ...(digests ? { digests } : {}),
    })
    await app.listen({ host: config.host, port: config.port })
    await slack.start().catch(async (error: unknown) => {
      await app.close()
      throw error
    })
    await digests?.start().catch(async (error: unknown) => {
      await slack.stop()
      await app.close()
      throw error
    })
    const address = app.server.address()
    const port = typeof address === 'object' && address ? address.port : config.port
    const url = `http://${config.host === '0.0.0.0' ? 'localhost' : config.host}:${port}`
    announce(banner({ url, database, adminKey: adminKey?.key }))

    // Demo data loads after the server is up: /healthz answers at once, /readyz and /api wait for it.
    pending = config.seedOnEmpty ? 'demo data' : undefined
    const ready = (async () => {
      if (config.seedOnEmpty && (await isDatabaseEmpty(database.db))) {
        logger.info({ orders: config.seedOrders }, 'empty database: loading demo data')
        const summary = await seedDemoData(database, { orders: config.seedOrders, now: clock, log: (m) => logger.info(m) })
        logger.info({ summary }, 'demo data loaded')
      }
      // The demo documents come with the demo: added once, while no document exists (SEED_ON_EMPTY=false skips them).
      if (config.seedOnEmpty && (await analyst.documents.store.list()).length === 0) {
        const added = await seedDemoDocuments(analyst.documents.ingestion)
        logger.info({ documents: added.length, passages: added.reduce((n, r) => n + r.document.chunkCount, 0) }, 'demo documents loaded')
      }
      pending = undefined
      logger.info({ url }, 'SalesMatrix is ready')
    })().catch((error: unknown) => {
      pending = 'demo data failed (see log)'
      logger.error({ err: error }, 'loading demo data failed; the API stays unavailable until restart')
    })

    return {
      url,
      database,
      ready,
      ...(digests ? { digests } : {}),
      async stop() {
        await digests?.stop()
        await slack.stop()
        await app.close()
        await ready
        await database.close()
      },
    }
  } catch (error) {
    await database.close()
    throw error
  }
}

/**
 * The digest service of this instance: content from the semantic layer (rephrased by the model only when its numbers
 * match), posted to the destinations this instance can reach. Every replica may run it: posts are exactly once.
 */
function createDigests(config: Config, database: DatabaseHandle, analyst: Analyst, clock: () => Date, logger: Logger): DigestService {
  const composer = createDigestComposer({
    runner: analyst.runner,
    currency: config.currency,
    forecaster: createForecaster({ db: database.db, runner: analyst.runner, clock }),
    ...(analyst.model ? { summarizer: createModelSummarizer(analyst.model) } : {}),
    onChartError: (error) => logger.warn({ err: error }, 'drawing a digest chart failed; the digest goes without it'),
    onSummaryFallback: (reason) => logger.info({ reason: reason.kind }, 'the model’s digest summary was not used; the template summary stays'),
  })
  return createDigestService({
    db: database.db,
    pool: database.pool,
    composer,
    clock,
    logger,
    timeZone: config.timeZone,
    retry: { limit: config.digests.retryLimit, delaySeconds: config.digests.retryDelaySeconds, backoff: true },
    tickIntervalSeconds: config.digests.tickSeconds,
    graceSeconds: config.digests.graceMinutes * 60,
    deliverers: [
      createWebInboxDeliverer({ db: database.db }),
      ...(config.slack.botToken ? [createSlackDigestDeliverer({ botToken: config.slack.botToken, ...(config.slack.apiUrl ? { apiUrl: config.slack.apiUrl } : {}), logger })] : []),
      ...(config.teams.appId || config.teams.allowUnauthenticated ? [createTeamsDigestDeliverer({ adapter: createTeamsAdapter({ teams: config.teams, logger }), appId: config.teams.appId })] : []),
    ],
  })
}

function banner(input: { url: string; database: DatabaseHandle; adminKey: string | undefined }): string {
  const lines = [
    '',
    `  SalesMatrix is listening on ${input.url}`,
    `  Web chat: ${input.url}/   Admin page: ${input.url}/admin`,
    `  API docs: ${input.url}/docs   OpenAPI: ${input.url}/openapi.json`,
    input.database.kind === 'embedded' ? `  Embedded PostgreSQL (PGlite): psql '${input.database.connectionString}'` : '  Database: PostgreSQL server (DATABASE_URL)',
  ]
  if (input.adminKey) {
    lines.push(
      '',
      '  First start: a local admin API key was created. It is shown only this once:',
      `    ${input.adminKey}`,
      `  Try: curl -H 'Authorization: Bearer ${input.adminKey}' '${input.url}/api/orders?limit=5'`,
    )
  }
  return lines.join('\n') + '\n'
}
