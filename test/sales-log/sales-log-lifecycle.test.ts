/**
 * The life of a chat sale beyond propose → confirm, against real databases: the surface it came from, a newer
 * message or an edit replacing a draft, a second Confirm for an unusual sale, and undo by its own rep.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { SqlPrincipal } from '../../src/sql-guard/index.js'
import { createSalesLog, type EditSaleResult, type SalesLog } from '../../src/sales-log/create-sales-log.js'
import type { SaleExtractor } from '../../src/sales-log/extracted-sale.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const today = '2026-11-21'
const start = new Date('2026-11-21T15:00:00Z')

describeEachDatabase('a chat sale from draft to undo', (kind) => {
  let database: TestDatabase
  let salesLog: SalesLog
  let now = start
  let thread = 0
  const ids = { maria: 0, joao: 0, acme: 0, widget: 0, gadget: 0, cable: 0 }
  let maria: SqlPrincipal
  let joao: SqlPrincipal

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    const db = database.db
    const region = await db.insertInto('regions').values({ name: 'Sul' }).returning('id').executeTakeFirstOrThrow()
    const category = await db.insertInto('categories').values({ name: 'Ferramentas' }).returning('id').executeTakeFirstOrThrow()
    const [widget, gadget, cable] = await db
      .insertInto('products')
      .values([
        { sku: 'SKU-1234', name: 'Widget Pro', category_id: category.id, brand: 'Acme', unit_price: 1250, unit_cost: 700 },
        { sku: 'SKU-5678', name: 'Gadget X', category_id: category.id, brand: 'Beta', unit_price: 99.9, unit_cost: 40 },
        { sku: 'CAB-0001', name: 'Cabo USB', category_id: category.id, brand: 'Beta', unit_price: 10, unit_cost: 2 },
      ])
      .returning('id')
      .execute()
    const acme = await db.insertInto('customers').values({ name: 'Acme Ltda', segment: 'Enterprise', city: 'Porto Alegre', state: 'RS', region_id: region.id, email: null, tax_id: null }).returning('id').executeTakeFirstOrThrow()
    const [m, j] = await db
      .insertInto('sales_reps')
      .values([
        { name: 'Maria Silva', email: 'maria@example.com', region_id: region.id, hired_on: '2021-03-01' },
        { name: 'João Souza', email: 'joao@example.com', region_id: region.id, hired_on: '2022-07-15' },
      ])
      .returning('id')
      .execute()
    Object.assign(ids, { maria: m!.id, joao: j!.id, acme: acme.id, widget: widget!.id, gadget: gadget!.id, cable: cable!.id })
    maria = { userId: 'slack:U-MARIA', role: 'rep', repId: ids.maria }
    joao = { userId: 'slack:U-JOAO', role: 'rep', repId: ids.joao }
    salesLog = createSalesLog({ db, clock: () => now })
  })
  afterAll(async () => database.close())
  beforeEach(() => {
    now = start
    thread += 1
  })

  const threadId = () => `slack:C1:${thread}.0`

  async function propose(text: string, options: { principal?: SqlPrincipal; source?: 'web' | 'slack' | 'teams' | 'cli'; log?: SalesLog } = {}) {
    const result = await (options.log ?? salesLog).propose({ text, principal: options.principal ?? maria, threadId: threadId(), today, ...(options.source ? { source: options.source } : {}) })
    return proposal(result)
  }

  function proposal(result: EditSaleResult) {
    if (!result.ok) throw new Error(`expected a proposal, got ${result.code}: ${result.message}`)
    return result
  }

  async function recorded(actionId: string, principal: SqlPrincipal = maria) {
    const result = await salesLog.confirm({ actionId, principal })
    if (!result.ok) throw new Error(`expected a recorded sale, got ${result.code}: ${result.message}`)
    return result.orderId
  }

  async function counts() {
    const { rows } = await database.pool.query<{ orders: number; items: number; audit: number }>(
      'select (select count(*)::int from orders) as orders, (select count(*)::int from order_items) as items, (select count(*)::int from audit_log) as audit',
    )
    return rows[0]!
  }

  const statusOf = async (actionId: string) =>
    (await database.db.selectFrom('pending_sales').select(['status', 'reason']).where('id', '=', actionId).executeTakeFirstOrThrow())

  it('records the surface the sale came from as the order source, and chat when none is given', async () => {
    const fromTeams = await recorded((await propose('vendi 1 Gadget X para a Acme', { source: 'teams' })).actionId)
    thread += 1
    const fromAnywhere = await recorded((await propose('vendi 1 Gadget X para a Acme')).actionId)
    const sources = await database.db.selectFrom('orders').select(['id', 'source']).where('id', 'in', [fromTeams, fromAnywhere]).orderBy('id').execute()
    expect(sources).toEqual([{ id: fromTeams, source: 'teams' }, { id: fromAnywhere, source: 'chat' }])
  })

  it('a new sale message in the same thread replaces the open draft: the old one is cancelled with a reason and can never be confirmed', async () => {
    const first = await propose('vendi 1 Gadget X para a Acme')
    const second = await propose('vendi 2 Gadget X para a Acme')
    expect(second.replaced).toBe(first.actionId)
    expect(await statusOf(first.actionId)).toEqual({ status: 'cancelled', reason: 'replaced' })
    const before = await counts()
    expect(await salesLog.confirm({ actionId: first.actionId, principal: maria })).toMatchObject({ ok: false, code: 'cancelled', message: expect.stringContaining('substituída') })
    expect(await counts()).toEqual(before)
    const orderId = await recorded(second.actionId)
    const items = await database.db.selectFrom('order_items').select('quantity').where('order_id', '=', orderId).execute()
    expect(items).toEqual([{ quantity: 2 }])
  })

  it('a message that is not a complete sale leaves the open draft alone, and another user\'s draft in the thread is not replaced', async () => {
    const mine = await propose('vendi 1 Gadget X para a Acme')
    expect(await salesLog.propose({ text: 'vendi 3 Widgte Pro para a Acme', principal: maria, threadId: threadId(), today })).toMatchObject({ ok: false, code: 'unknown_product' })
    const joaos = await propose('vendi 1 Gadget X para a Acme', { principal: joao })
    expect(joaos.replaced).toBeUndefined()
    expect(await statusOf(mine.actionId)).toEqual({ status: 'pending', reason: null })
  })

  it('edit re-reads a draft into a new one (a new action id) that keeps the source; the edited one cannot be confirmed', async () => {
    const original = await propose('vendi 1 Gadget X para a Acme', { source: 'web' })
    const edited = proposal(await salesLog.edit({ actionId: original.actionId, principal: maria, text: 'vendi 3 Gadget X para a Acme a R$ 95 cada', today }))
    expect(edited.actionId).not.toBe(original.actionId)
    expect(edited.replaced).toBe(original.actionId)
    expect(edited.summary).toBe('3 × Gadget X a R$ 95,00 = R$ 285,00 para Acme Ltda em 21/11/2026. Total R$ 285,00. Confirmar?')
    expect(await statusOf(original.actionId)).toEqual({ status: 'cancelled', reason: 'edited' })
    expect(await salesLog.confirm({ actionId: original.actionId, principal: maria })).toMatchObject({ ok: false, code: 'cancelled' })
    const orderId = await recorded(edited.actionId)
    const order = await database.db.selectFrom('orders').select('source').where('id', '=', orderId).executeTakeFirstOrThrow()
    const lines = await database.db.selectFrom('order_items').select(['quantity', 'unit_price', 'line_total']).where('order_id', '=', orderId).execute()
    expect(order).toEqual({ source: 'web' })
    expect(lines).toEqual([{ quantity: 3, unit_price: 95, line_total: 285 }])
  })

  it('only the draft\'s own user may edit it, only while it is open, and a text that does not read keeps the draft as it was', async () => {
    const draft = await propose('vendi 1 Gadget X para a Acme')
    expect(await salesLog.edit({ actionId: draft.actionId, principal: joao, text: 'vendi 9 Gadget X para a Acme', today })).toMatchObject({ ok: false, code: 'not_owner' })
    expect(await salesLog.edit({ actionId: draft.actionId, principal: maria, text: 'vendi 9 Gadgte X para a Acme', today })).toMatchObject({ ok: false, code: 'unknown_product' })
    expect(await statusOf(draft.actionId)).toEqual({ status: 'pending', reason: null })
    const orderId = await recorded(draft.actionId)
    expect(await salesLog.edit({ actionId: draft.actionId, principal: maria, text: 'vendi 9 Gadget X para a Acme', today })).toMatchObject({ ok: false, code: 'already_confirmed', orderId })

    const late = await propose('vendi 1 Gadget X para a Acme')
    now = new Date(start.getTime() + 31 * 60_000)
    expect(await salesLog.edit({ actionId: late.actionId, principal: maria, text: 'vendi 2 Gadget X para a Acme', today })).toMatchObject({ ok: false, code: 'expired' })
  })

  it('a price more than 30% from the list price needs a second Confirm: the first says why, in the rep\'s language, and records nothing', async () => {
    const draft = await propose('sold 2 Widget Pro to Acme at $500 each')
    const before = await counts()
    expect(await salesLog.confirm({ actionId: draft.actionId, principal: maria })).toEqual({
      ok: false,
      code: 'needs_second_confirmation',
      language: 'en',
      message: 'This sale looks unusual: the price of Widget Pro (R$500.00) is 60.0% below its list price (R$1,250.00). If it is right, confirm again to record it; if not, cancel or correct it.',
    })
    expect(await counts()).toEqual(before)
    expect((await statusOf(draft.actionId)).status).toBe('acknowledged')
    expect(await salesLog.confirm({ actionId: draft.actionId, principal: maria })).toMatchObject({ ok: true, created: true })
    expect(await counts()).toMatchObject({ orders: before.orders + 1 })
  })

  it('a quantity above the limit needs a second Confirm too, and an acknowledged sale can still be cancelled', async () => {
    const draft = await propose('vendi 1500 Cabo USB para a Acme')
    expect(await salesLog.confirm({ actionId: draft.actionId, principal: maria })).toMatchObject({
      ok: false, code: 'needs_second_confirmation', language: 'pt', message: expect.stringContaining('1.500 unidades de Cabo USB passam do limite de 1.000 por venda'),
    })
    const before = await counts()
    expect(await salesLog.cancel({ actionId: draft.actionId, principal: maria })).toMatchObject({ ok: true })
    expect(await salesLog.confirm({ actionId: draft.actionId, principal: maria })).toMatchObject({ ok: false, code: 'cancelled' })
    expect(await counts()).toEqual(before)
  })

  it('a quantity far above what the product usually sells per order needs a second Confirm, with thresholds set per deployment', async () => {
    const strict = createSalesLog({ db: database.db, clock: () => now, outliers: { maxQuantity: 10_000, usualQuantityMultiple: 5 } })
    await recorded((await propose('vendi 2 Cabo USB para a Acme', { log: strict })).actionId)
    thread += 1
    const usual = await propose('vendi 10 Cabo USB para a Acme', { log: strict })
    expect(await strict.confirm({ actionId: usual.actionId, principal: maria })).toMatchObject({ ok: true })
    thread += 1
    const big = await propose('vendi 60 Cabo USB para a Acme', { log: strict })
    expect(await strict.confirm({ actionId: big.actionId, principal: maria })).toMatchObject({ ok: false, code: 'needs_second_confirmation', message: expect.stringContaining('muito mais que o normal') })
  })

  it('the rep who recorded a sale undoes it within the window: the order is deleted through the order service, audited, and the summaries are as before', async () => {
    const summaries = async () =>
      (await database.pool.query(`select coalesce(sum(revenue), 0)::float8 as revenue, coalesce(sum(units), 0)::int as units, coalesce(sum(orders), 0)::int as orders
                                  from summary_daily_reps where rep_id = $1`, [ids.maria])).rows[0]
    const before = { counts: await counts(), summaries: await summaries() }
    const orderId = await recorded((await propose('vendi 2 Gadget X para a Acme', { source: 'slack' })).actionId)
    expect(await summaries()).toEqual({ ...before.summaries, revenue: before.summaries.revenue + 199.8, units: before.summaries.units + 2, orders: before.summaries.orders + 1 })
    now = new Date(start.getTime() + 9 * 60_000)
    expect(await salesLog.lastRecordedSale({ threadId: threadId(), principal: maria })).toMatchObject({ orderId, status: 'confirmed', undoableUntil: new Date(start.getTime() + 10 * 60_000) })

    expect(await salesLog.undo({ principal: maria, threadId: threadId() })).toEqual({ ok: true, orderId, language: 'pt', message: `Venda desfeita: o pedido #${orderId} foi removido.` })
    expect(await database.db.selectFrom('orders').select('id').where('id', '=', orderId).executeTakeFirst()).toBeUndefined()
    expect(await counts()).toEqual({ ...before.counts, audit: before.counts.audit + 2 })
    expect(await summaries()).toEqual(before.summaries)
    const audit = await database.db.selectFrom('audit_log').select(['actor', 'action']).where('entity', '=', 'orders').where('entity_id', '=', String(orderId)).orderBy('id').execute()
    expect(audit).toEqual([{ actor: 'chat:slack:U-MARIA', action: 'create' }, { actor: 'chat:slack:U-MARIA', action: 'delete' }])
    expect(await salesLog.lastRecordedSale({ threadId: threadId(), principal: maria })).toMatchObject({ orderId, status: 'undone' })
  })

  it('undoing twice changes nothing the second time and says so; the undone draft cannot be confirmed again', async () => {
    const draft = await propose('sold 1 Gadget X to Acme')
    const orderId = await recorded(draft.actionId)
    expect(await salesLog.undo({ principal: maria, orderId })).toMatchObject({ ok: true, orderId, language: 'en' })
    const after = await counts()
    expect(await salesLog.undo({ principal: maria, orderId })).toEqual({ ok: false, code: 'already_undone', orderId, language: 'en', message: `This sale was already undone (order #${orderId}); nothing else changed.` })
    expect(await salesLog.undo({ principal: maria, threadId: threadId() })).toMatchObject({ ok: false, code: 'already_undone' })
    expect(await salesLog.confirm({ actionId: draft.actionId, principal: maria })).toMatchObject({ ok: false, code: 'undone' })
    expect(await counts()).toEqual(after)
  })

  it('two undos at once delete the order once: one says undone, the other that it already was', async () => {
    const orderId = await recorded((await propose('vendi 1 Gadget X para a Acme')).actionId)
    const results = await Promise.all([1, 2, 3].map(() => salesLog.undo({ principal: maria, orderId })))
    expect(results.filter((r) => r.ok)).toHaveLength(1)
    expect(results.filter((r) => !r.ok).map((r) => !r.ok && r.code)).toEqual(['already_undone', 'already_undone'])
    const deletes = await database.db.selectFrom('audit_log').select('id').where('entity', '=', 'orders').where('entity_id', '=', String(orderId)).where('action', '=', 'delete').execute()
    expect(deletes).toHaveLength(1)
  })

  it('after the window the sale stays and the rep is told to ask an admin', async () => {
    const orderId = await recorded((await propose('vendi 1 Gadget X para a Acme')).actionId)
    now = new Date(start.getTime() + 10 * 60_000 + 1)
    const before = await counts()
    expect(await salesLog.undo({ principal: maria, orderId })).toEqual({
      ok: false, code: 'undo_window_passed', orderId, language: 'pt', message: `O prazo de 10 minutos para desfazer o pedido #${orderId} já passou. Peça a um administrador para corrigi-lo.`,
    })
    expect(await counts()).toEqual(before)
  })

  it('another user cannot undo a sale, by order id or from the thread, and nothing changes', async () => {
    const orderId = await recorded((await propose('vendi 1 Gadget X para a Acme')).actionId)
    const before = await counts()
    expect(await salesLog.undo({ principal: joao, orderId })).toMatchObject({ ok: false, code: 'not_owner', message: 'Só quem registrou esta venda pode desfazê-la.' })
    expect(await salesLog.undo({ principal: joao, threadId: threadId() })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await salesLog.lastRecordedSale({ threadId: threadId(), principal: joao })).toBeUndefined()
    // The same user claiming another rep id is not the one who recorded it either.
    expect(await salesLog.undo({ principal: { ...maria, repId: ids.joao }, orderId })).toMatchObject({ ok: false, code: 'not_owner' })
    expect(await salesLog.undo({ principal: { userId: 'key:1', role: 'admin' }, orderId })).toMatchObject({ ok: false, code: 'not_a_rep' })
    expect(await counts()).toEqual(before)
  })

  it('with an extractor, the model reads the message and the same rep confirms the same way; without one the rules read it', async () => {
    const extractor: SaleExtractor = { extract: async () => ({ items: [{ product: 'Gadget X', quantity: 2, unitPrice: 90 }], customer: 'Acme' }) }
    const withModel = createSalesLog({ db: database.db, clock: () => now, extractor })
    const draft = await propose('fechei 2 gadgets com a Acme a 90', { log: withModel })
    expect(draft).toMatchObject({ extractedBy: 'model', draft: { customerId: ids.acme, items: [{ productId: ids.gadget, quantity: 2, unitPrice: 90 }] } })
    expect(await withModel.confirm({ actionId: draft.actionId, principal: maria })).toMatchObject({ ok: true, created: true })
    thread += 1
    expect(await propose('vendi 1 Gadget X para a Acme')).toMatchObject({ extractedBy: 'rules' })
  })

  it('an order that was not logged by chat is not found for undo', async () => {
    const order = await database.db
      .insertInto('orders')
      .values({ customer_id: ids.acme, rep_id: ids.maria, order_date: today, status: 'completed', channel: 'direct', payment_method: 'pix', source: 'api' })
      .returning('id')
      .executeTakeFirstOrThrow()
    expect(await salesLog.undo({ principal: maria, orderId: order.id })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await salesLog.undo({ principal: maria, orderId: -1 })).toMatchObject({ ok: false, code: 'not_found' })
  })
})
