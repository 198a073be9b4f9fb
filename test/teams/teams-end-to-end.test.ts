/**
 * Teams end to end: the real analyst agent on seeded demo data, the real identity resolver (an admin mapped the
 * director's AAD object id), the real CloudAdapter over HTTP, and a stand-in connector recording what Teams would
 * show. Unauthenticated mode, as in teams-bot.test.ts (no Microsoft OpenID keys here).
 */
import type { FastifyInstance } from 'fastify'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { openConversationMemory } from '../../agents/conversation-memory.js'
import { createAnalystAgent } from '../../agents/create-analyst-agent.js'
import { loadConfig } from '../../src/config/config.js'
import { createHttpServer } from '../../src/http/create-http-server.js'
import { createChatIdentity } from '../../src/identity/chat-identity.repository.js'
import { createChatIdentityResolver } from '../../src/identity/create-chat-identity-resolver.js'
import { createLogger } from '../../src/logging/logger.js'
import { createSqlRunner } from '../../src/main.js'
import { createEntityResolver } from '../../src/planner/entity-resolver.js'
import { planTurn } from '../../src/planner/plan-turn.js'
import { createSalesLog } from '../../src/sales-log/index.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { loadSqlParser } from '../../src/sql-guard/index.js'
import { createTeamsMount } from '../../src/teams/create-teams-mount.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { startBotConnectorStandIn, type BotConnectorStandIn } from './support/bot-connector-stand-in.js'
import { adaptiveCardOf, nodesOfType, textsOf } from './support/card-reading.js'
import { cardSubmit, channelMention, personalMessage } from './support/teams-activities.js'

const today = '2026-06-30'
const dana = { aadObjectId: 'aad-director-dana', name: 'Dana Director' }
const stranger = { aadObjectId: 'aad-stranger', name: 'Stranger' }

describeEachDatabase('Teams with the real analyst', (kind) => {
  let database: TestDatabase
  let app: FastifyInstance
  let connector: BotConnectorStandIn
  const post = (activity: object) => app.inject({ method: 'POST', url: '/api/messages', payload: activity })

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    await seedDemoData({ ...database, kind }, { orders: 3000, seed: 42, endDate: today })
    await loadSqlParser()
    await createChatIdentity(database.db, { platform: 'teams', platformUserId: dana.aadObjectId, role: 'director', displayName: dana.name }, { keyId: null, name: 'test:admin' })
    connector = await startBotConnectorStandIn()
    const config = loadConfig({ LOG_LEVEL: 'silent' })
    const agent = createAnalystAgent({
      db: database.db,
      runner: createSqlRunner(config, { ...database, kind }),
      resolver: createEntityResolver(database.db),
      clock: () => new Date(`${today}T15:00:00Z`),
      timeZone: 'America/Sao_Paulo',
      currency: 'BRL',
      checkpointer: await openConversationMemory(database.pool),
      planner: planTurn,
      salesLog: createSalesLog({ db: database.db, clock: () => new Date(`${today}T15:00:00Z`), currency: 'BRL' }),
    })
    const logger = createLogger({ level: 'silent' })
    app = await createHttpServer({
      db: database.db,
      databaseKind: kind,
      logger,
      readiness: { pending: () => undefined },
      limits: { bodyLimitBytes: 256 * 1024, importLimitBytes: 1024 * 1024 },
      chatPlatforms: [
        createTeamsMount({
          config: { teams: { appId: undefined, appPassword: undefined, tenantId: undefined, allowUnauthenticated: true } },
          agent,
          identities: createChatIdentityResolver(database.db),
          db: database.db,
          logger,
        }),
      ],
    })
    await app.ready()
  })
  afterAll(async () => {
    await app?.close()
    await connector?.close()
    await database?.close()
  })

  it('answers a director in a personal chat, continues the conversation, and records their 👍', async () => {
    await post(personalMessage({ serviceUrl: connector.url, from: dana, text: 'revenue by region last month' }))
    const first = connector.take()
    expect(first[0]!.activity.type).toBe('typing')
    const card = adaptiveCardOf(first.at(-1))
    expect(textsOf(card)[0]).toMatch(/^Revenue by region — May 1, 2026 – May 31, 2026/)
    const table = nodesOfType(card, 'Table')[0]!
    expect(textsOf(table).slice(0, 2)).toEqual(['Region', 'Revenue'])
    expect((table.rows as unknown[]).length).toBeGreaterThan(2)
    expect(nodesOfType(card, 'Image')[0]!.url).toMatch(/^data:image\/png;base64,iVBOR/)
    const showSql = nodesOfType(card, 'Action.ShowCard')[0]!
    expect(textsOf(showSql)[0]).toMatch(/select/i)

    await post(personalMessage({ serviceUrl: connector.url, from: dana, text: 'and the month before?' }))
    const followUp = adaptiveCardOf(connector.take().at(-1))
    expect(textsOf(followUp)[0]).toMatch(/^Revenue by region — Apr 1, 2026 – Apr 30, 2026/)

    const thumbsUp = nodesOfType(card, 'Action.Submit').find((a) => a.title === '👍')!
    await post(cardSubmit({ serviceUrl: connector.url, from: dana, value: thumbsUp.data as Record<string, unknown> }))
    expect(connector.take().map((s) => s.activity.text)).toEqual(['Thanks — your 👍 was recorded.'])
    const turnId = (thumbsUp.data as { turnId: string }).turnId
    const feedback = await database.db.selectFrom('feedback').select(['turn_id', 'user_id', 'rating']).execute()
    expect(feedback).toEqual([{ turn_id: turnId, user_id: 'teams:aad-director-dana', rating: 'up' }])
    const turns = await database.db.selectFrom('agent_turns').select(['thread_id', 'surface', 'message']).where('user_id', '=', 'teams:aad-director-dana').orderBy('at').execute()
    expect(turns.map((t) => t.message)).toEqual(['revenue by region last month', 'and the month before?'])
    expect(new Set(turns.map((t) => t.thread_id))).toEqual(new Set(['teams:tenant-1:a:personal-aad-director-dana']))
    expect(turns.every((t) => t.surface === 'teams')).toBe(true)
  })

  it('refuses an unknown user politely and records no turn for them', async () => {
    await post(personalMessage({ serviceUrl: connector.url, from: stranger, text: 'revenue by region last month' }))
    expect(connector.take().map((s) => s.activity.text)).toEqual([expect.stringMatching(/^Hi! I don't know your Teams account yet/)])
    const turns = await database.db.selectFrom('agent_turns').select('id').where('user_id', 'like', '%stranger%').execute()
    expect(turns).toHaveLength(0)
  })

  it('answers a channel mention in its thread with "<at>SalesMatrix</at>" removed from the question', async () => {
    await post(channelMention({ serviceUrl: connector.url, from: dana, text: 'revenue by region last month', threadRootId: '1717000000000' }))
    const answer = connector.take().at(-1)!
    expect(answer.conversationId).toBe('19:sales-channel@thread.tacv2;messageid=1717000000000')
    expect(textsOf(adaptiveCardOf(answer))[0]).toMatch(/^Revenue by region — May 1, 2026 – May 31, 2026/)
    const turn = await database.db.selectFrom('agent_turns').select(['message', 'thread_id']).where('thread_id', 'like', '%messageid=1717000000000').executeTakeFirstOrThrow()
    expect(turn.message).toBe('revenue by region last month')
  })

  it('logs a rep\'s sale from a personal chat: the card\'s Confirm records one order from Teams, a second Confirm changes nothing, Cancel on another draft writes nothing', async () => {
    const rep = await database.db.selectFrom('sales_reps').select('id').where('active', '=', true).orderBy('id').executeTakeFirstOrThrow()
    const riley = { aadObjectId: 'aad-rep-riley', name: 'Riley Rep' }
    await database.db.updateTable('sales_reps').set({ teams_user_id: riley.aadObjectId }).where('id', '=', rep.id).execute()
    const product = await database.db.selectFrom('products').select(['sku', 'unit_price']).where('active', '=', true).orderBy('id').executeTakeFirstOrThrow()
    const customer = await database.db.selectFrom('customers').select('name').orderBy('id').executeTakeFirstOrThrow()
    const count = async () => Number((await database.pool.query<{ n: number }>('select count(*)::int as n from orders where rep_id = $1', [rep.id])).rows[0]!.n)
    const before = await count()
    const price = Number(product.unit_price).toFixed(2).replace('.', ',')

    await post(personalMessage({ serviceUrl: connector.url, from: riley, text: `vendi 2 ${product.sku} para ${customer.name} por R$ ${price} cada` }))
    const card = adaptiveCardOf(connector.take().at(-1))
    const confirm = nodesOfType(card, 'Action.Submit').find((a) => (a.data as { kind?: string }).kind === 'confirm')!
    expect(confirm, JSON.stringify(card)).toBeDefined()
    expect(await count()).toBe(before)

    await post(cardSubmit({ serviceUrl: connector.url, from: riley, value: confirm.data as Record<string, unknown> }))
    expect(JSON.stringify(connector.take())).toMatch(/Venda registrada: pedido #\d+/)
    await post(cardSubmit({ serviceUrl: connector.url, from: riley, value: confirm.data as Record<string, unknown> }))
    connector.take()
    expect(await count()).toBe(before + 1)
    const order = await database.db.selectFrom('orders').select(['source', 'rep_id']).where('rep_id', '=', rep.id).orderBy('id', 'desc').executeTakeFirstOrThrow()
    expect(order).toEqual({ source: 'teams', rep_id: rep.id })

    await post(personalMessage({ serviceUrl: connector.url, from: riley, text: `vendi 1 ${product.sku} para ${customer.name} por R$ ${price}` }))
    const second = adaptiveCardOf(connector.take().at(-1))
    const cancel = nodesOfType(second, 'Action.Submit').find((a) => (a.data as { kind?: string }).kind === 'cancel')!
    await post(cardSubmit({ serviceUrl: connector.url, from: riley, value: cancel.data as Record<string, unknown> }))
    expect(JSON.stringify(connector.take())).toMatch(/cancelada/)
    expect(await count()).toBe(before + 1)
  })
})
