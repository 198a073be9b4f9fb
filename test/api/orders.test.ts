import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

describeEachDatabase('orders API', (kind) => {
  let t: TestApp
  const order = (overrides: Record<string, unknown> = {}) => ({
    customer_id: t.fixture.customerIds.acme,
    rep_id: t.fixture.repIds.maria,
    order_date: '2025-03-14',
    channel: 'field',
    payment_method: 'pix',
    items: [
      { product_id: t.fixture.productIds.widget, quantity: 3 },
      { product_id: t.fixture.productIds.gadget, quantity: 2, unit_price: 240, discount: 0.1 },
    ],
    ...overrides,
  })
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  it('create an order with its items, filling prices and costs from the product', async () => {
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order() })
    expect(response.statusCode, response.body).toBe(201)
    const body = response.json()
    expect(body).toMatchObject({ status: 'completed', source: 'api', order_date: '2025-03-14', rep_id: t.fixture.repIds.maria })
    expect(body.items).toHaveLength(2)
    expect(body.items[0]).toMatchObject({ unit_price: 100, unit_cost: 60, discount: 0, line_total: 300 })
    // 2 × 240 × 0.9 = 432, computed by the database's generated column
    expect(body.items[1]).toMatchObject({ unit_price: 240, unit_cost: 120, line_total: 432 })
    expect(body.total).toBe(732)
    const fetched = await t.as(t.keys.analyst, { method: 'GET', url: `/api/orders/${body.id}` })
    expect(fetched.json()).toEqual(body)
  })

  it('list orders newest first with filters and cursor pagination', async () => {
    for (const date of ['2025-04-01', '2025-04-02', '2025-04-03']) {
      await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ order_date: date, customer_id: t.fixture.customerIds.beta }) })
    }
    const first = await t.as(t.keys.analyst, { method: 'GET', url: `/api/orders?limit=2&region_id=${t.fixture.regionIds.sudeste}&date_from=2025-04-01` })
    expect(first.statusCode, first.body).toBe(200)
    expect(first.json().data.map((o: { order_date: string }) => o.order_date)).toEqual(['2025-04-03', '2025-04-02'])
    const second = await t.as(t.keys.analyst, { method: 'GET', url: `/api/orders?limit=2&region_id=${t.fixture.regionIds.sudeste}&date_from=2025-04-01&cursor=${first.json().next_cursor}` })
    expect(second.json().data.map((o: { order_date: string }) => o.order_date)).toEqual(['2025-04-01'])
    expect(second.json().next_cursor).toBeNull()
  })

  it('replace items and change the header on update, auditing before and after', async () => {
    const created = (await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order() })).json()
    const response = await t.as(t.keys.admin, {
      method: 'PATCH',
      url: `/api/orders/${created.id}`,
      payload: { status: 'returned', items: [{ product_id: t.fixture.productIds.widget, quantity: 1 }] },
    })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ status: 'returned', total: 100 })
    expect(response.json().items).toHaveLength(1)
    const { rows } = await t.database.pool.query(`select before, after from audit_log where entity = 'orders' and entity_id = $1 and action = 'update'`, [String(created.id)])
    expect(rows[0].before.items).toHaveLength(2)
    expect(rows[0].after.status).toBe('returned')
  })

  it('delete an order together with its items', async () => {
    const created = (await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order() })).json()
    expect((await t.as(t.keys.admin, { method: 'DELETE', url: `/api/orders/${created.id}` })).statusCode).toBe(204)
    const { rows } = await t.database.pool.query('select count(*)::int as n from order_items where order_id = $1', [created.id])
    expect(rows[0].n).toBe(0)
  })

  it('reject a negative quantity, an unknown product and an unknown customer, writing nothing', async () => {
    const before = await t.counts()
    const negative = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ items: [{ product_id: t.fixture.productIds.widget, quantity: -2 }] }) })
    expect(negative.statusCode).toBe(400)
    expect(negative.json().errors[0].path).toBe('items.0.quantity')
    const unknownRefs = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ customer_id: 999999, items: [{ product_id: 888888, quantity: 1 }] }) })
    expect(unknownRefs.statusCode).toBe(400)
    expect(unknownRefs.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['customer_id', 'items.0.product_id'])
    const noItems = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ items: [] }) })
    expect(noItems.statusCode).toBe(400)
    const badDate = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ order_date: '2025-02-30' }) })
    expect(badDate.statusCode).toBe(400)
    const badStatus = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ status: 'shipped' }) })
    expect(badStatus.statusCode).toBe(400)
    expect(await t.counts()).toEqual(before)
  })

  it('make exactly one order from concurrent creates with one Idempotency-Key, replaying the first response', async () => {
    const before = await t.counts()
    const headers = { 'idempotency-key': 'checkout-7f3a' }
    const responses = await Promise.all(Array.from({ length: 6 }, () => t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order(), headers })))
    const ids = new Set(responses.map((r) => r.json().id))
    expect(ids.size).toBe(1)
    expect(responses.every((r) => r.statusCode === 201)).toBe(true)
    expect(responses.filter((r) => r.headers['idempotent-replayed'] === 'true')).toHaveLength(5)
    const after = await t.counts()
    expect(after.orders).toBe(before.orders! + 1)
    expect(after.order_items).toBe(before.order_items! + 2)
  })

  it('refuse to reuse an Idempotency-Key for a different body', async () => {
    const headers = { 'idempotency-key': 'reuse-me' }
    expect((await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order(), headers })).statusCode).toBe(201)
    const before = await t.counts()
    const reused = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ order_date: '2025-05-05' }), headers })
    expect(reused.statusCode).toBe(422)
    expect(await t.counts()).toEqual(before)
  })

  it('make exactly one order from concurrent creates with one external_ref', async () => {
    const before = await t.counts()
    const payload = order({ external_ref: 'ERP-1001' })
    const responses = await Promise.all(Array.from({ length: 5 }, () => t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload })))
    expect(new Set(responses.map((r) => r.json().id)).size).toBe(1)
    expect(responses.map((r) => r.statusCode).sort()).toEqual([200, 200, 200, 200, 201])
    expect((await t.counts()).orders).toBe(before.orders! + 1)
  })

  it('answer 409 when an external_ref is reused with different content', async () => {
    await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ external_ref: 'ERP-2002' }) })
    const before = await t.counts()
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ external_ref: 'ERP-2002', order_date: '2025-01-01' }) })
    expect(response.statusCode).toBe(409)
    expect(response.json().existing_order_id).toEqual(expect.any(Number))
    expect(await t.counts()).toEqual(before)
  })

  it('let a rep record and see only their own sales', async () => {
    const mine = await t.as(t.keys.maria, { method: 'POST', url: '/api/orders', payload: order({ rep_id: undefined }) })
    expect(mine.statusCode, mine.body).toBe(201)
    expect(mine.json().rep_id).toBe(t.fixture.repIds.maria)
    const forSomeoneElse = await t.as(t.keys.maria, { method: 'POST', url: '/api/orders', payload: order({ rep_id: t.fixture.repIds.joao }) })
    expect(forSomeoneElse.statusCode).toBe(403)
    const joaos = (await t.as(t.keys.admin, { method: 'POST', url: '/api/orders', payload: order({ rep_id: t.fixture.repIds.joao }) })).json()
    expect((await t.as(t.keys.maria, { method: 'GET', url: `/api/orders/${joaos.id}` })).statusCode).toBe(404)
    const listed = (await t.as(t.keys.maria, { method: 'GET', url: '/api/orders?limit=200' })).json().data
    expect(listed.length).toBeGreaterThan(0)
    expect(listed.every((o: { rep_id: number }) => o.rep_id === t.fixture.repIds.maria)).toBe(true)
    expect((await t.as(t.keys.maria, { method: 'GET', url: `/api/orders?rep_id=${t.fixture.repIds.joao}` })).statusCode).toBe(403)
    expect((await t.as(t.keys.maria, { method: 'DELETE', url: `/api/orders/${mine.json().id}` })).statusCode).toBe(403)
  })

  it('leave the database unchanged when a constraint fails after the order row was written', async () => {
    // A unit cost the schema accepts but the database refuses (numeric(12,2) overflow) on the second item.
    const before = await t.counts()
    const response = await t.as(t.keys.admin, {
      method: 'POST',
      url: '/api/orders',
      payload: order({ items: [{ product_id: t.fixture.productIds.widget, quantity: 1 }, { product_id: t.fixture.productIds.widget, quantity: 1_000_000, unit_price: 9_999_999_999 }] }),
    })
    expect(response.statusCode).toBe(400)
    expect(await t.counts()).toEqual(before)
  })
})
