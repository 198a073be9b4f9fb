/**
 * The one HTTP server: admin API, health, OpenAPI and its docs page. Later surfaces (Slack, Teams,
 * web chat) mount on the same instance. Builds the app without listening, so tests use `app.inject`.
 */
import { randomUUID } from 'node:crypto'
import Fastify, { type FastifyBaseLogger, type FastifyInstance } from 'fastify'
import fastifySwagger from '@fastify/swagger'
import fastifySwaggerUi from '@fastify/swagger-ui'
import { jsonSchemaTransform, serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import type { Database } from '../db/schema.js'
import type { PromptLibrary } from '../prompts/prompt-library.js'
import type { ChatPlatformMount } from './routes/chat-platforms.js'
import { AppError } from '../errors/app-error.js'
import type { Logger } from '../logging/logger.js'
import { resourceDefinitions } from '../domain/resources/resource-definitions.js'
import { createAuthenticator } from './authenticate.js'
import { registerProblemHandler } from './problem-details.js'
import { registerApiKeyRoutes } from './routes/api-keys.routes.js'
import { registerAuditRoutes } from './routes/audit.routes.js'
import { registerHealthRoutes, type Readiness } from './routes/health.routes.js'
import { registerImportRoutes } from './routes/import.routes.js'
import { registerOrderRoutes } from './routes/orders.routes.js'
import { registerResourceRoutes } from './routes/resource.routes.js'
import { registerAdminPage } from './routes/admin-page.routes.js'
import { registerChatRoutes } from './routes/chat.routes.js'
import { registerCurationRoutes } from './routes/curation.routes.js'
import { registerForecastRoutes } from './routes/forecasts.routes.js'
import { registerWebChatPage } from './routes/web-chat-page.routes.js'
import { registerChatIdentityRoutes } from './routes/chat-identities.routes.js'
import { registerDocumentRoutes } from './routes/documents.routes.js'
import { registerDigestRoutes } from './routes/digests.routes.js'
import type { DigestService } from '../digests/delivery/create-digest-service.js'
import type { DocumentIngestion, DocumentStore } from '../documents/document-contract.js'

export interface HttpServerDeps {
  db: Kysely<Database>
  databaseKind: string
  logger: Logger
  readiness: Readiness
  limits: { bodyLimitBytes: number; importLimitBytes: number }
  version?: string
  /** The analyst agent behind the chat API and prompt previews; without it those routes are not mounted. */
  agent?: AnalystAgent
  /** Prompt versions for the curation API (a library over `db` and prompts/ when absent). */
  prompts?: PromptLibrary
  /** The business time zone (curation: the "today" of a promoted eval case). */
  timeZone?: string
  /** Slack, Teams: plugins that mount their own routes (/slack/events, /api/messages) on this server. */
  chatPlatforms?: readonly ChatPlatformMount[]
  /** The sales documents (upload, list, search, delete); without them /api/documents is not mounted. */
  documents?: { store: DocumentStore; ingestion: DocumentIngestion; maxBytes: number }
  /** Scheduled digests (schedules, previews, the delivery log, the web inbox); without them /api/digest-* is not mounted. */
  digests?: DigestService
}

const safeRequestId = /^[A-Za-z0-9._:-]{1,64}$/

export async function createHttpServer(deps: HttpServerDeps): Promise<FastifyInstance> {
  const app = Fastify({
    loggerInstance: deps.logger as FastifyBaseLogger,
    bodyLimit: deps.limits.bodyLimitBytes,
    requestIdHeader: 'x-request-id',
    genReqId: (request) => {
      const incoming = request.headers['x-request-id']
      return typeof incoming === 'string' && safeRequestId.test(incoming) ? incoming : randomUUID()
    },
  })
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerProblemHandler(app)
  app.addHook('onSend', async (request, reply) => {
    void reply.header('x-request-id', request.id)
  })

  await app.register(fastifySwagger, {
    openapi: {
      openapi: '3.1.0',
      info: { title: 'SalesMatrix admin API', version: deps.version ?? '0.1.0', description: 'Sales records, imports and API keys. Errors are application/problem+json.' },
      components: { securitySchemes: { bearerAuth: { type: 'http', scheme: 'bearer', description: 'An API key: smx_…' } } },
    },
    transform: jsonSchemaTransform,
  })
  await app.register(fastifySwaggerUi, { routePrefix: '/docs' })

  app.get('/openapi.json', { schema: { hide: true } }, async () => app.swagger())
  registerHealthRoutes(app, { db: deps.db, readiness: deps.readiness, databaseKind: deps.databaseKind })
  registerWebChatPage(app)
  registerAdminPage(app)
  for (const mount of deps.chatPlatforms ?? []) await app.register(mount)

  const authenticate = createAuthenticator(deps.db)
  await app.register(async (api) => {
    api.addHook('onRequest', async (request, reply) => {
      const pending = deps.readiness.pending()
      if (pending) throw new AppError('not_ready', `The service is still starting (${pending}); try again in a few seconds.`)
      await authenticate(request, reply)
    })
    for (const definition of resourceDefinitions) registerResourceRoutes(api, { db: deps.db, definition })
    registerOrderRoutes(api, { db: deps.db })
    registerImportRoutes(api, { db: deps.db, importLimitBytes: deps.limits.importLimitBytes })
    registerApiKeyRoutes(api, { db: deps.db })
    registerAuditRoutes(api, { db: deps.db })
    registerForecastRoutes(api, { db: deps.db })
    registerChatIdentityRoutes(api, { db: deps.db })
    if (deps.agent) {
      registerChatRoutes(api, { db: deps.db, agent: deps.agent })
      registerCurationRoutes(api, { db: deps.db, agent: deps.agent, ...(deps.prompts ? { prompts: deps.prompts } : {}), ...(deps.timeZone ? { timeZone: deps.timeZone } : {}) })
    }
    if (deps.documents) await registerDocumentRoutes(api, { db: deps.db, ...deps.documents })
    if (deps.digests) registerDigestRoutes(api, { db: deps.db, service: deps.digests })
  })
  return app
}
