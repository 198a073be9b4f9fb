/**
 * The digest routes on a Fastify app of their own, with the real authenticator and problem+json handler (the shared
 * server registers them once the lead wires them in). Requests go through `app.inject`.
 */
import Fastify, { type FastifyInstance, type InjectOptions, type LightMyRequestResponse } from 'fastify'
import { serializerCompiler, validatorCompiler } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../../../src/db/schema.js'
import { createApiKey } from '../../../../src/domain/api-keys/api-key.service.js'
import type { DigestService } from '../../../../src/digests/delivery/create-digest-service.js'
import { createAuthenticator } from '../../../../src/http/authenticate.js'
import { registerProblemHandler } from '../../../../src/http/problem-details.js'
import { registerDigestRoutes } from '../../../../src/http/routes/digests.routes.js'

export interface DigestApi {
  readonly app: FastifyInstance
  readonly keys: { admin: string; analyst: string; rep: string }
  as(key: string, options: InjectOptions): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

export async function createDigestApi(db: Kysely<Database>, service: DigestService): Promise<DigestApi> {
  const system = { keyId: null, name: 'test:digest-api' }
  const region = await db.selectFrom('regions').select('id').executeTakeFirst()
  const rep = region
    ? await db.insertInto('sales_reps').values({ name: 'Rep Digest', email: 'rep.digest@example.com', region_id: region.id, hired_on: '2024-01-01' }).returning('id').executeTakeFirstOrThrow()
    : undefined
  const keys = {
    admin: (await createApiKey(db, { name: 'admin', role: 'admin' }, system)).key,
    analyst: (await createApiKey(db, { name: 'analyst', role: 'analyst' }, system)).key,
    rep: (await createApiKey(db, { name: 'rep', role: 'rep', repId: rep?.id ?? null }, system)).key,
  }
  const app = Fastify()
  app.setValidatorCompiler(validatorCompiler)
  app.setSerializerCompiler(serializerCompiler)
  registerProblemHandler(app)
  const authenticate = createAuthenticator(db)
  await app.register(async (api) => {
    api.addHook('onRequest', authenticate)
    registerDigestRoutes(api, { db, service })
  })
  await app.ready()
  return {
    app,
    keys,
    as: (key, options) => app.inject({ ...options, headers: { ...(options.headers ?? {}), authorization: `Bearer ${key}` } }),
    close: () => app.close(),
  }
}
