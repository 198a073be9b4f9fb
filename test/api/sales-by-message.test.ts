/**
 * The whole sales-logging promise through the chat API with the real agent: a rep writes a sale, sees it back,
 * confirms it; the order is in the admin API (as that rep's, once, even when Confirm is pressed twice) and in the
 * very next answer about revenue. A director cannot log a sale from chat, and nothing is written before Confirm.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AgentReply, AnalystAgent } from '../../agents/agent-contract.js'
import { openConversationMemory } from '../../agents/conversation-memory.js'
import { createAnalystAgent } from '../../agents/create-analyst-agent.js'
import { loadConfig } from '../../src/config/config.js'
import { createSqlRunner } from '../../src/main.js'
import { createEntityResolver } from '../../src/planner/entity-resolver.js'
import { planTurn } from '../../src/planner/plan-turn.js'
import { createSalesLog } from '../../src/sales-log/index.js'
import { loadSqlParser } from '../../src/sql-guard/index.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

const today = '2026-11-20'
const clock = () => new Date(`${today}T15:00:00Z`)

describeEachDatabase('sales logged by message', (kind) => {
  let t: TestApp
  let real: AnalystAgent

  beforeAll(async () => {
    t = await createTestApp(kind, { agent: { respond: (request) => real.respond({ ...request, today }) } })
    await loadSqlParser()
    real = createAnalystAgent({
      db: t.database.db,
      runner: createSqlRunner(loadConfig({ LOG_LEVEL: 'silent' }), { ...t.database, kind }),
      resolver: createEntityResolver(t.database.db),
      clock,
      timeZone: 'America/Sao_Paulo',
      currency: 'BRL',
      checkpointer: await openConversationMemory(t.database.pool),
      planner: planTurn,
      salesLog: createSalesLog({ db: t.database.db, clock, currency: 'BRL' }),
    })
  })
  afterAll(async () => t?.close())

  const chat = async (key: string, payload: object): Promise<AgentReply> => {
    const response = await t.as(key, { method: 'POST', url: '/api/chat', headers: { accept: 'application/json' }, payload })
    expect(response.statusCode, response.body).toBe(200)
    return response.json<AgentReply>()
  }
  const orderCount = async () => (await t.counts()).orders!

  it('records a rep\'s sale once, after Confirm, and the next answer about revenue includes it', async () => {
    const revenueBefore = await chat(t.keys.maria, { threadId: 'revenue-before', message: 'faturamento de hoje' })
    expect(revenueBefore.ok, revenueBefore.text).toBe(true)
    const before = Number(revenueBefore.table?.rows[0]?.revenue ?? 0)
    const orders = await orderCount()

    const proposal = await chat(t.keys.maria, { threadId: 'sale', message: 'vendi 3 Widget para a Acme por R$ 100 cada, 10% de desconto' })
    expect(proposal.ok, proposal.text).toBe(true)
    expect(proposal.confirmation?.summary).toMatch(/3 × Widget/)
    expect(proposal.confirmation?.summary).toContain('Acme Ltda')
    expect(await orderCount()).toBe(orders)

    const action = { kind: 'confirm', actionId: proposal.confirmation!.actionId }
    const confirmed = await chat(t.keys.maria, { threadId: 'sale', message: 'Confirmar', action })
    expect(confirmed.ok, confirmed.text).toBe(true)
    const orderId = Number(/#(\d+)/.exec(confirmed.text)?.[1])
    // A double click: the same order, nothing written again.
    const twice = await chat(t.keys.maria, { threadId: 'sale', message: 'Confirmar', action })
    expect(twice.text).toContain(`#${orderId}`)
    expect(await orderCount()).toBe(orders + 1)

    const order = await t.as(t.keys.admin, { method: 'GET', url: `/api/orders/${orderId}` })
    expect(order.statusCode).toBe(200)
    const body = order.json<{ rep_id: number; order_date: string; status: string; items: { quantity: number; line_total: number }[] }>()
    expect(body).toMatchObject({ rep_id: t.fixture.repIds.maria, order_date: today, status: 'completed' })
    expect(body.items).toEqual([expect.objectContaining({ quantity: 3, line_total: 270 })])

    const revenueAfter = await chat(t.keys.maria, { threadId: 'revenue-after', message: 'faturamento de hoje' })
    expect(Number(revenueAfter.table?.rows[0]?.revenue)).toBeCloseTo(before + 270, 2)
  })

  it('writes nothing for a cancelled sale, nor for someone who is not a rep', async () => {
    const orders = await orderCount()
    const proposal = await chat(t.keys.maria, { threadId: 'cancelled-sale', message: 'vendi 1 Gadget para a Beta por R$ 250' })
    expect(proposal.confirmation).toBeDefined()
    const cancelled = await chat(t.keys.maria, { threadId: 'cancelled-sale', message: 'não' })
    expect(cancelled.text).toMatch(/cancelada/)
    const director = await chat(t.keys.admin, { threadId: 'admin-sale', message: 'vendi 1 Gadget para a Beta por R$ 250' })
    expect(director.ok).toBe(false)
    expect(director.confirmation).toBeUndefined()
    // João cannot confirm Maria's sale with her button's id.
    const again = await chat(t.keys.maria, { threadId: 'other-sale', message: 'vendi 2 Gadget para a Beta por R$ 250 cada' })
    const stolen = await chat(t.keys.joao, { threadId: 'other-sale', message: 'Confirmar', action: { kind: 'confirm', actionId: again.confirmation!.actionId } })
    expect(stolen.ok).toBe(false)
    expect(await orderCount()).toBe(orders)
  })
})
