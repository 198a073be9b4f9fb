/**
 * Sales documents in Teams, through the real botbuilder CloudAdapter and the connector stand-in (which also serves the
 * shared files' pre-authenticated download URLs): an admin's attached file is added through the real ingestion
 * (PostgreSQL store, local embedder); anyone else's is refused without a download; a file that cannot be read gets
 * the ingestion's own message and the question with it is still answered; citations show as sources on the card.
 * Unauthenticated like teams-bot.test.ts (Microsoft's signing keys are not reachable here).
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { AgentReply, AgentTurnRequest, AnalystAgent } from '../../agents/agent-contract.js'
import { createDocumentIngestion } from '../../src/documents/create-document-ingestion.js'
import type { DocumentIngestion, DocumentStore } from '../../src/documents/document-contract.js'
import { createLocalHashedEmbedder } from '../../src/documents/embeddings/local-hashed-embedder.js'
import { createDocumentStore } from '../../src/documents/postgres-document-store.js'
import { isAppError } from '../../src/errors/app-error.js'
import { createHttpServer } from '../../src/http/create-http-server.js'
import type { ChatIdentityResolver } from '../../src/identity/chat-identity.js'
import { createLogger } from '../../src/logging/logger.js'
import { escapeCardMarkdown } from '../../src/teams/card-markdown.js'
import { createTeamsMount, type TeamsMountDeps } from '../../src/teams/create-teams-mount.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { startBotConnectorStandIn, type BotConnectorStandIn } from './support/bot-connector-stand-in.js'
import { adaptiveCardOf, nodesOfType, textsOf } from './support/card-reading.js'
import { scriptedReply } from './support/scripted-replies.js'
import { personalFileShare, personalMessage } from './support/teams-activities.js'

const ana = { aadObjectId: 'aad-admin-ana', name: 'Ana Admin' }
const rui = { aadObjectId: 'aad-rep-rui', name: 'Rui Rep' }

const identities: ChatIdentityResolver = {
  async resolve(user) {
    if (user.userId === ana.aadObjectId) return { ok: true, principal: { userId: `teams:${user.userId}`, role: 'admin' }, displayName: ana.name }
    if (user.userId === rui.aadObjectId) return { ok: true, principal: { userId: `teams:${user.userId}`, role: 'rep', repId: 7 }, displayName: rui.name }
    return { ok: false, reason: 'unknown_user' }
  },
}

const maxDocumentBytes = 1024 * 1024
const markdown = (text: string) => new TextEncoder().encode(text)
const passages = (n: number, one: string, many: string) => `${n} ${n === 1 ? one : many}`

describeEachDatabase('Teams documents', (kind) => {
  let database: TestDatabase
  let connector: BotConnectorStandIn
  let store: DocumentStore
  let documents: DocumentIngestion
  const servers: FastifyInstance[] = []
  let app: FastifyInstance
  const received: AgentTurnRequest[] = []
  let script: (request: AgentTurnRequest) => AgentReply = (request) => scriptedReply(request)
  const agent: AnalystAgent = {
    async respond(request) {
      received.push(request)
      return script(request)
    },
  }

  async function serverWith(extra: Partial<TeamsMountDeps>): Promise<FastifyInstance> {
    const logger = createLogger({ level: 'silent' })
    const teams = createTeamsMount({
      config: { teams: { appId: undefined, appPassword: undefined, tenantId: undefined, allowUnauthenticated: true } },
      agent,
      identities,
      db: database.db,
      logger,
      typingEveryMs: 1_000,
      ...extra,
    })
    const server = await createHttpServer({ db: database.db, databaseKind: kind, logger, readiness: { pending: () => undefined }, limits: { bodyLimitBytes: 256 * 1024, importLimitBytes: 1024 * 1024 }, chatPlatforms: [teams] })
    await server.ready()
    servers.push(server)
    return server
  }
  const post = (activity: object, to = app) => to.inject({ method: 'POST', url: '/api/messages', payload: activity })
  const messages = () => connector.take().filter((s) => s.activity.type === 'message')
  const share = (from: typeof ana, name: string, bytes: Uint8Array, extra: { text?: string; locale?: string } = {}) =>
    personalFileShare({ serviceUrl: connector.url, from, file: { name, downloadUrl: connector.shareFile(name, bytes) }, ...extra })

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    connector = await startBotConnectorStandIn()
    store = createDocumentStore({ db: database.db, embedder: createLocalHashedEmbedder() })
    documents = createDocumentIngestion({ store, maxBytes: maxDocumentBytes })
    app = await serverWith({ documents, maxDocumentBytes })
  })
  afterAll(async () => {
    for (const server of servers) await server.close()
    await connector?.close()
    await database?.close()
  })
  beforeEach(() => {
    received.length = 0
    connector.take()
    connector.downloads.length = 0
    script = (request) => scriptedReply(request)
  })

  it('adds an admin’s attached Markdown file and says so, without asking the agent', async () => {
    const response = await post(share(ana, 'price-list.md', markdown('# Price list 2026\n\n## Enterprise\n\nEnterprise deals above $100k get up to 12% off.\n')))
    expect(response.statusCode).toBe(200)
    expect(connector.downloads).toEqual(['/files/1/price-list.md'])
    const [document] = await store.list()
    expect(document).toMatchObject({ title: 'Price list 2026', fileName: 'price-list.md', uploadedBy: 'teams:aad-admin-ana', version: 1 })
    expect(messages().map((s) => s.activity.text)).toEqual([`Added **Price list 2026** (${passages(document!.chunkCount, 'passage', 'passages')}) — everyone can now ask about it.`])
    expect(received).toHaveLength(0)
  })

  it('adds a file once when Teams delivers the activity again', async () => {
    const activity = share(ana, 'commission-policy.md', markdown('# Commission policy\n\nReps earn 3% of completed orders.'))
    await post(activity)
    await post(activity)
    expect(connector.downloads).toHaveLength(1)
    expect((await store.list()).filter((d) => d.fileName === 'commission-policy.md')).toHaveLength(1)
    expect(messages()).toHaveLength(1)
  })

  it('refuses a rep’s file without downloading it, and still answers the rep’s question', async () => {
    const before = await store.list()
    await post(share(rui, 'my-notes.md', markdown('# My notes'), { text: 'revenue by region last month' }))
    expect(connector.downloads).toEqual([])
    expect(await store.list()).toEqual(before)
    const sent = messages()
    expect(sent[0]!.activity.text).toBe('Only admins can add documents, so I did not add this file. Ask a SalesMatrix admin to share it with me.')
    expect(received.map((r) => r.message)).toEqual(['revenue by region last month'])
    expect(adaptiveCardOf(sent.at(-1)).type).toBe('AdaptiveCard')
  })

  it('answers an .exe with the ingestion’s own message, adds nothing, and answers the question sent with it', async () => {
    const bytes = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff])
    const expected = await documents.ingestFile({ fileName: 'setup.exe', bytes, uploadedBy: 'test' }).then(
      () => undefined,
      (error: unknown) => error,
    )
    expect(isAppError(expected) && expected.code).toMatch(/^(unsupported_media_type|unprocessable)$/)
    const before = await store.list()
    // A plain attachment with a contentUrl (the Emulator and other channels send files this way).
    const activity = {
      ...personalMessage({ serviceUrl: connector.url, from: ana, text: 'revenue by region last month' }),
      attachments: [{ contentType: 'application/x-msdownload', contentUrl: connector.shareFile('setup.exe', bytes), name: 'setup.exe' }],
    }
    expect((await post(activity)).statusCode).toBe(200)
    expect(await store.list()).toEqual(before)
    const sent = messages()
    expect(sent[0]!.activity.text).toBe(`⚠️ ${escapeCardMarkdown((expected as Error).message)}`)
    expect(received.map((r) => r.message)).toEqual(['revenue by region last month'])
  })

  it('speaks Portuguese to an admin whose Teams is in Portuguese', async () => {
    await post(share(ana, 'playbook.md', markdown('# Playbook de vendas\n\nLigue para o cliente em até dois dias.'), { locale: 'pt-BR' }))
    const document = (await store.list()).find((d) => d.fileName === 'playbook.md')!
    expect(messages().map((s) => s.activity.text)).toEqual([`Adicionei **Playbook de vendas** (${passages(document.chunkCount, 'trecho', 'trechos')}) — agora todos podem perguntar sobre ele.`])
  })

  it('says adding documents is not enabled when the bot has no ingestion', async () => {
    const bare = await serverWith({})
    await post(share(ana, 'notes.md', markdown('# Notes')), bare)
    expect(connector.downloads).toEqual([])
    expect(messages().map((s) => s.activity.text)).toEqual(['Adding documents is not enabled here.'])
  })

  it('shows an answer’s citations as a "Sources" container on the card', async () => {
    script = (request) =>
      scriptedReply(request, {
        intent: 'document',
        text: 'Enterprise deals get up to 12% off [1].',
        headline: 'Enterprise deals get up to 12% off [1].',
        table: undefined,
        chart: undefined,
        sql: undefined,
        citations: [{ n: 1, documentId: 1, title: 'Price list 2026', fileName: 'price-list.md', section: 'Enterprise', excerpt: 'Enterprise deals above $100k get up to **12%** off.' }],
      })
    await post(personalMessage({ serviceUrl: connector.url, from: ana, text: 'what is the enterprise discount?' }))
    const container = nodesOfType(adaptiveCardOf(messages().at(-1)), 'Container')[0]!
    expect(textsOf(container)).toEqual(['Sources', '\\[1\\] Price list 2026 — Enterprise', 'Enterprise deals above $100k get up to \\*\\*12%\\*\\* off.'])
  })
})
