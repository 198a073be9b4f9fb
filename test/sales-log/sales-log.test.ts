/**
 * Logging a sale by message against real databases: propose → confirm records exactly one order (the confirming
 * rep's, with the draft's items and totals), whatever is retried, raced, refused or left to expire — and a refusal
 * writes nothing.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { SqlPrincipal } from '../../src/sql-guard/index.js'
import { createSalesLog, type SalesLog } from '../../src/sales-log/create-sales-log.js'
import { chatExternalRef, recordSale } from '../../src/sales-log/record-sale.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const today = '2026-11-21'

describeEachDatabase('sales logging by message', (kind) => {
  let database: TestDatabase
  let salesLog: SalesLog
  let now = new Date('2026-11-21T15:00:00Z')
  const ids = { maria: 0, joao: 0, acme: 0, globex: 0, widget: 0, gadget: 0 }
  let maria: SqlPrincipal
  let joao: SqlPrincipal
  const admin: SqlPrincipal = { userId: 'key:1', role: 'admin' }

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    const db = database.db
    const region = await db.insertInto('regions').values({ name: 'Sul' }).returning('id').executeTakeFirstOrThrow()
    const category = await db.insertInto('categories').values({ name: 'Ferramentas' }).returning('id').executeTakeFirstOrThrow()
    const [widget, gadget] = await db
      .insertInto('products')
      .values([
        { sku: 'SKU-1234', name: 'Widget Pro', category_id: category.id, brand: 'Acme', unit_price: 1250, unit_cost: 700 },
        { sku: 'SKU-5678', name: 'Gadget X', category_id: category.id, brand: 'Beta', unit_price: 99.9, unit_cost: 40 },
      ])
      .returning('id')
      .execute()
    const [acme, globex] = await db
      .insertInto('customers')
      .values([
        { name: 'Acme Ltda', segment: 'Enterprise', city: 'Porto Alegre', state: 'RS', region_id: region.id, email: null, tax_id: null },
        { name: "Globex O'Brien; drop table orders", segment: 'SMB', city: 'Curitiba', state: 'PR', region_id: region.id, email: null, tax_id: null },
      ])
      .returning('id')
      .execute()
    const [m, j] = await db
      .insertInto('sales_reps')
      .values([
        { name: 'Maria Silva', email: 'maria@example.com', region_id: region.id, hired_on: '2021-03-01' },
        { name: 'João Souza', email: 'joao@example.com', region_id: region.id, hired_on: '2022-07-15' },
      ])
      .returning('id')
      .execute()
    Object.assign(ids, { maria: m!.id, joao: j!.id, acme: acme!.id, globex: globex!.id, widget: widget!.id, gadget: gadget!.id })
    maria = { userId: 'slack:U-MARIA', role: 'rep', repId: ids.maria }
    joao = { userId: 'slack:U-JOAO', role: 'rep', repId: ids.joao }
    salesLog = createSalesLog({ db, clock: () => now })
  })
  afterAll(async () => database.close())
  beforeEach(() => {
    now = new Date('2026-11-21T15:00:00Z')
  })

  async function counts() {
    const { rows } = await database.pool.query<{ orders: number; items: number; audit: number; pending: number }>(
      `select (select count(*)::int from orders) as orders, (select count(*)::int from order_items) as items,
              (select count(*)::int from audit_log) as audit, (select count(*)::int from pending_sales) as pending`,
    )
    return rows[0]!
  }

  async function propose(text: string, principal: SqlPrincipal = maria) {
    const result = await salesLog.propose({ text, principal, threadId: 'slack:C1:1.0', today })
    if (!result.ok) throw new Error(`expected a proposal, got ${result.code}: ${result.message}`)
    return result
  }

  it('proposes the Portuguese example with its summary, and confirming records one completed chat order for the confirming rep', async () => {
    const before = await counts()
    const proposal = await propose('vendi 3 Widget Pro para a Acme por R$ 1.200 cada, 5% de desconto')
    expect(proposal.summary).toBe('3 × Widget Pro a R$ 1.200,00 (−5%) = R$ 3.420,00 para Acme Ltda em 21/11/2026. Total R$ 3.420,00. Confirmar?')
    expect(await counts()).toEqual({ ...before, pending: before.pending + 1 })

    const confirmed = await salesLog.confirm({ actionId: proposal.actionId, principal: maria })
    expect(confirmed).toMatchObject({ ok: true, created: true, language: 'pt' })
    if (!confirmed.ok) throw new Error('unreachable')
    expect(confirmed.summary).toBe(`Venda registrada: pedido #${confirmed.orderId}, total R$ 3.420,00.`)

    const order = await database.db.selectFrom('orders').selectAll().where('id', '=', confirmed.orderId).executeTakeFirstOrThrow()
    expect(order).toMatchObject({ rep_id: ids.maria, customer_id: ids.acme, order_date: today, status: 'completed', source: 'chat', external_ref: chatExternalRef(proposal.actionId) })
    const items = await database.db.selectFrom('order_items').select(['product_id', 'quantity', 'unit_price', 'unit_cost', 'discount', 'line_total']).where('order_id', '=', confirmed.orderId).execute()
    expect(items).toEqual([{ product_id: ids.widget, quantity: 3, unit_price: 1200, unit_cost: 700, discount: 0.05, line_total: 3420 }])
    const audit = await database.db.selectFrom('audit_log').select(['actor', 'action', 'entity']).where('entity_id', '=', String(confirmed.orderId)).execute()
    expect(audit).toEqual([{ actor: 'chat:slack:U-MARIA', action: 'create', entity: 'orders' }])
    expect(await counts()).toMatchObject({ orders: before.orders + 1, items: before.items + 1 })
  })

  it('records the English example with several items, yesterday, and a customer whose name holds quotes and SQL, literally', async () => {
    const proposal = await propose("sold 10 x SKU-1234 at $99 and 2 Gadget X at 89.90 to Globex O'Brien; drop table orders yesterday via pix")
    expect(proposal.draft).toMatchObject({ customerId: ids.globex, orderDate: '2026-11-20', paymentMethod: 'pix' })
    // $99 for a Widget Pro listed at R$ 1.250 is unusual: the first Confirm only says so.
    expect(await salesLog.confirm({ actionId: proposal.actionId, principal: maria })).toMatchObject({ ok: false, code: 'needs_second_confirmation' })
    const confirmed = await salesLog.confirm({ actionId: proposal.actionId, principal: maria })
    if (!confirmed.ok) throw new Error(confirmed.message)
    const order = await database.db.selectFrom('orders').select(['order_date', 'payment_method', 'channel', 'customer_id']).where('id', '=', confirmed.orderId).executeTakeFirstOrThrow()
    expect(order).toEqual({ order_date: '2026-11-20', payment_method: 'pix', channel: 'direct', customer_id: ids.globex })
    const lines = await database.db.selectFrom('order_items').select(['product_id', 'quantity', 'unit_price', 'line_total']).where('order_id', '=', confirmed.orderId).orderBy('id').execute()
    expect(lines).toEqual([
      { product_id: ids.widget, quantity: 10, unit_price: 99, line_total: 990 },
      { product_id: ids.gadget, quantity: 2, unit_price: 89.9, line_total: 179.8 },
    ])
  })

  it('confirming twice records one order and says the second time that it was already recorded', async () => {
    const proposal = await propose('vendi 1 Gadget X para a Acme')
    const first = await salesLog.confirm({ actionId: proposal.actionId, principal: maria })
    const afterFirst = await counts()
    const second = await salesLog.confirm({ actionId: proposal.actionId, principal: maria })
    expect(second).toMatchObject({ ok: true, created: false, orderId: first.ok ? first.orderId : -1 })
    expect(second.ok && second.summary).toMatch(/já estava registrada/)
    expect(await counts()).toEqual(afterFirst)
  })

  it('two confirmations at once record one order', async () => {
    const proposal = await propose('vendi 2 Gadget X para a Acme')
    const before = await counts()
    const results = await Promise.all([1, 2, 3].map(() => salesLog.confirm({ actionId: proposal.actionId, principal: maria })))
    expect(results.every((r) => r.ok)).toBe(true)
    expect(new Set(results.map((r) => (r.ok ? r.orderId : 0))).size).toBe(1)
    expect(results.filter((r) => r.ok && r.created)).toHaveLength(1)
    expect(await counts()).toMatchObject({ orders: before.orders + 1, items: before.items + 1 })
  })

  it('a retried recordSale with the same idempotency key returns the first order, and another rep cannot claim it', async () => {
    const proposal = await propose('vendi 1 Widget Pro para a Acme')
    const actor = { keyId: null, name: 'test' }
    const first = await recordSale(database.db, { draft: proposal.draft, rep: { repId: ids.maria }, actor, idempotencyKey: 'msg-42' })
    const again = await recordSale(database.db, { draft: proposal.draft, rep: { repId: ids.maria }, actor, idempotencyKey: 'msg-42' })
    expect(again).toEqual({ ...first, created: false })
    expect(first.created).toBe(true)
    const before = await counts()
    await expect(recordSale(database.db, { draft: proposal.draft, rep: { repId: ids.joao }, actor, idempotencyKey: 'msg-42' })).rejects.toMatchObject({ code: 'conflict' })
    expect(await counts()).toEqual(before)
  })

  it('another user cannot confirm or cancel a sale, and nothing is written', async () => {
    const proposal = await propose('vendi 1 Gadget X para a Acme')
    const before = await counts()
    expect(await salesLog.confirm({ actionId: proposal.actionId, principal: joao })).toMatchObject({ ok: false, code: 'not_owner', message: 'Só quem escreveu esta venda pode confirmá-la ou cancelá-la.' })
    expect(await salesLog.cancel({ actionId: proposal.actionId, principal: joao })).toMatchObject({ ok: false, code: 'not_owner' })
    // The same user id claiming another rep id is not the owner either.
    expect(await salesLog.confirm({ actionId: proposal.actionId, principal: { ...maria, repId: ids.joao } })).toMatchObject({ ok: false, code: 'not_owner' })
    expect(await counts()).toEqual(before)
    expect(await salesLog.confirm({ actionId: proposal.actionId, principal: maria })).toMatchObject({ ok: true, created: true })
  })

  it('cancel drops the sale: confirming it afterwards records nothing, cancelling again is fine, and a confirmed sale cannot be cancelled', async () => {
    const proposal = await propose('sold 1 Gadget X to Acme')
    expect(await salesLog.cancel({ actionId: proposal.actionId, principal: maria })).toEqual({ ok: true, message: 'Sale cancelled: nothing was recorded.', language: 'en' })
    const before = await counts()
    expect(await salesLog.confirm({ actionId: proposal.actionId, principal: maria })).toMatchObject({ ok: false, code: 'cancelled', language: 'en' })
    expect(await salesLog.cancel({ actionId: proposal.actionId, principal: maria })).toMatchObject({ ok: true })
    expect(await counts()).toEqual(before)

    const kept = await propose('sold 1 Gadget X to Acme')
    const confirmed = await salesLog.confirm({ actionId: kept.actionId, principal: maria })
    expect(await salesLog.cancel({ actionId: kept.actionId, principal: maria })).toMatchObject({ ok: false, code: 'already_confirmed', orderId: confirmed.ok ? confirmed.orderId : -1 })
  })

  it('a sale left past its expiry is not recorded and says so', async () => {
    const proposal = await propose('vendi 1 Gadget X para a Acme')
    now = new Date(now.getTime() + 30 * 60_000)
    const before = await counts()
    expect(await salesLog.confirm({ actionId: proposal.actionId, principal: maria })).toEqual({
      ok: false, code: 'expired', language: 'pt', message: 'Esta confirmação expirou e nada foi registrado. Escreva a venda de novo para registrá-la.',
    })
    expect(await counts()).toMatchObject({ orders: before.orders, items: before.items, audit: before.audit })
    const row = await database.db.selectFrom('pending_sales').select('status').where('id', '=', proposal.actionId).executeTakeFirstOrThrow()
    expect(row.status).toBe('expired')
  })

  it('refuses non-reps (admins are told to use the API) and unknown action ids, writing nothing', async () => {
    const before = await counts()
    expect(await salesLog.propose({ text: 'vendi 1 Gadget X para a Acme', principal: admin, threadId: 't', today })).toMatchObject({ ok: false, code: 'not_a_rep', message: expect.stringContaining('administradores não registram vendas em nome de outros') })
    expect(await salesLog.propose({ text: 'sold 1 Gadget X to Acme', principal: { userId: 'key:2', role: 'analyst' }, threadId: 't', today })).toMatchObject({ ok: false, code: 'not_a_rep', language: 'en' })
    expect(await salesLog.propose({ text: 'sold 1 Gadget X to Acme', principal: { userId: 'slack:U-X', role: 'rep' }, threadId: 't', today })).toMatchObject({ ok: false, code: 'not_a_rep' })
    expect(await salesLog.propose({ text: 'sold 1 Gadget X to Acme', principal: { userId: 'slack:U-X', role: 'rep', repId: 999_999 }, threadId: 't', today })).toMatchObject({ ok: false, code: 'not_a_rep' })
    expect(await salesLog.confirm({ actionId: '00000000-0000-4000-8000-000000000000', principal: maria })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await salesLog.confirm({ actionId: "1' or '1'='1", principal: maria })).toMatchObject({ ok: false, code: 'not_found' })
    expect(await salesLog.confirm({ actionId: '00000000-0000-4000-8000-000000000000', principal: admin })).toMatchObject({ ok: false, code: 'not_a_rep' })
    expect(await counts()).toEqual(before)
  })

  it('a message that cannot become a complete draft stores nothing and says what is missing', async () => {
    const before = await counts()
    expect(await salesLog.propose({ text: 'vendi 3 Widgte Pro para a Acme', principal: maria, threadId: 't', today })).toMatchObject({ ok: false, code: 'unknown_product', message: "Não achei o produto 'Widgte Pro' — você quis dizer Widget Pro?" })
    expect(await salesLog.propose({ text: 'vendi 3 Widget Pro', principal: maria, threadId: 't', today })).toMatchObject({ ok: false, code: 'missing_customer' })
    expect(await salesLog.propose({ text: 'vendi 2 Widget Pro e 3 para a Acme', principal: maria, threadId: 't', today })).toMatchObject({ ok: false, code: 'missing_product' })
    expect(await counts()).toEqual(before)
  })

  it('a confirmation the order service refuses (the customer is gone) rolls back: the sale stays pending, nothing is written', async () => {
    const region = await database.db.selectFrom('regions').select('id').executeTakeFirstOrThrow()
    const temp = await database.db.insertInto('customers').values({ name: 'Efêmera Comércio', region_id: region.id, email: null, tax_id: null, city: null, state: null }).returning('id').executeTakeFirstOrThrow()
    const log = createSalesLog({ db: database.db, clock: () => now })
    const proposal = await log.propose({ text: 'vendi 1 Gadget X para Efemera Comercio', principal: maria, threadId: 't', today })
    if (!proposal.ok) throw new Error(proposal.message)
    await database.db.deleteFrom('customers').where('id', '=', temp.id).execute()
    const before = await counts()
    expect(await log.confirm({ actionId: proposal.actionId, principal: maria })).toMatchObject({ ok: false, code: 'rejected' })
    expect(await counts()).toEqual(before)
    const row = await database.db.selectFrom('pending_sales').select(['status', 'order_id']).where('id', '=', proposal.actionId).executeTakeFirstOrThrow()
    expect(row).toEqual({ status: 'pending', order_id: null })
  })
})
