/**
 * An API instance over a fresh test database, with a small fixed catalogue and one key per role.
 * Requests go through `app.inject` — the real Fastify stack, no network.
 */
import type { FastifyInstance, InjectOptions, LightMyRequestResponse } from 'fastify'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import { createApiKey } from '../../src/domain/api-keys/api-key.service.js'
import { createHttpServer } from '../../src/http/create-http-server.js'
import { createLogger } from '../../src/logging/logger.js'
import type { DatabaseKind } from '../../src/db/open-database.js'
import { createTestDatabase, type TestDatabase } from './test-database.js'
import { loadConfig } from '../../src/config/config.js'
import { createDocumentServices, type DocumentServices } from '../../src/main.js'

export interface Fixture {
  regionIds: { sul: number; sudeste: number }
  categoryId: number
  productIds: { widget: number; gadget: number }
  customerIds: { acme: number; beta: number }
  repIds: { maria: number; joao: number }
}

export interface TestApp {
  app: FastifyInstance
  database: TestDatabase
  fixture: Fixture
  keys: { admin: string; analyst: string; maria: string; joao: string }
  /** app.inject with a key's Authorization header. */
  as(key: string | undefined, options: InjectOptions): Promise<LightMyRequestResponse>
  /** The sales documents behind /api/documents, when the app was created with `documents`. */
  documents?: DocumentServices
  /** Row counts of every business table, to prove a failed request wrote nothing. */
  counts(): Promise<Record<string, number>>
  close(): Promise<void>
}

const system = { keyId: null, name: 'test:fixture' }

export async function createTestApp(
  kind: DatabaseKind,
  options: { bodyLimitBytes?: number; importLimitBytes?: number; agent?: AnalystAgent; documents?: { maxBytes?: number } } = {},
): Promise<TestApp> {
  const database = await createTestDatabase(kind)
  const db = database.db
  const [sul, sudeste] = await db.insertInto('regions').values([{ name: 'Sul' }, { name: 'Sudeste' }]).returning('id').execute()
  const category = await db.insertInto('categories').values({ name: 'Ferramentas' }).returning('id').executeTakeFirstOrThrow()
  const [widget, gadget] = await db
    .insertInto('products')
    .values([
      { sku: 'W-1', name: 'Widget', category_id: category.id, brand: 'Acme', unit_price: 100, unit_cost: 60 },
      { sku: 'G-1', name: 'Gadget', category_id: category.id, brand: 'Beta', unit_price: 250.5, unit_cost: 120 },
    ])
    .returning('id')
    .execute()
  const [acme, beta] = await db
    .insertInto('customers')
    .values([
      { name: 'Acme Ltda', email: 'compras@acme.com.br', tax_id: '11.111.111/0001-11', segment: 'Enterprise', city: 'Porto Alegre', state: 'RS', region_id: sul!.id },
      { name: 'Beta Comércio', email: null, tax_id: null, segment: 'SMB', city: 'São Paulo', state: 'SP', region_id: sudeste!.id },
    ])
    .returning('id')
    .execute()
  const [maria, joao] = await db
    .insertInto('sales_reps')
    .values([
      { name: 'Maria Silva', email: 'maria@example.com', region_id: sul!.id, hired_on: '2021-03-01' },
      { name: 'João Souza', email: 'joao@example.com', region_id: sudeste!.id, hired_on: '2022-07-15' },
    ])
    .returning('id')
    .execute()
  const keys = {
    admin: (await createApiKey(db, { name: 'admin', role: 'admin' }, system)).key,
    analyst: (await createApiKey(db, { name: 'analyst', role: 'analyst' }, system)).key,
    maria: (await createApiKey(db, { name: 'maria', role: 'rep', repId: maria!.id }, system)).key,
    joao: (await createApiKey(db, { name: 'joao', role: 'rep', repId: joao!.id }, system)).key,
  }
  const documents = options.documents
    ? await createDocumentServices(loadConfig({ LOG_LEVEL: 'silent', ...(options.documents.maxBytes ? { DOCUMENT_LIMIT_BYTES: String(options.documents.maxBytes) } : {}) }), database)
    : undefined
  const app = await createHttpServer({
    db,
    databaseKind: kind,
    logger: createLogger({ level: 'silent' }),
    readiness: { pending: () => undefined },
    limits: { bodyLimitBytes: options.bodyLimitBytes ?? 64 * 1024, importLimitBytes: options.importLimitBytes ?? 1024 * 1024 },
    ...(options.agent ? { agent: options.agent } : {}),
    ...(documents ? { documents } : {}),
  })
  await app.ready()
  return {
    app,
    database,
    ...(documents ? { documents } : {}),
    fixture: {
      regionIds: { sul: sul!.id, sudeste: sudeste!.id },
      categoryId: category.id,
      productIds: { widget: widget!.id, gadget: gadget!.id },
      customerIds: { acme: acme!.id, beta: beta!.id },
      repIds: { maria: maria!.id, joao: joao!.id },
    },
    keys,
    as(key, injectOptions) {
      const headers = { ...(injectOptions.headers ?? {}), ...(key ? { authorization: `Bearer ${key}` } : {}) }
      return app.inject({ ...injectOptions, headers })
    },
    async counts() {
      const tables = ['regions', 'categories', 'products', 'customers', 'sales_reps', 'orders', 'order_items', 'sales_targets', 'audit_log', 'idempotency_keys', 'api_keys'] as const
      const result: Record<string, number> = {}
      for (const table of tables) {
        const { rows } = await database.pool.query<{ n: number }>(`select count(*)::int as n from ${table}`)
        result[table] = rows[0]!.n
      }
      return result
    },
    async close() {
      await app.close()
      await database.close()
    },
  }
}
