import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

describeEachDatabase('HTTP boundary', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { bodyLimitBytes: 16 * 1024 })
  })
  afterAll(async () => t?.close())

  it('answer /healthz and /readyz without a key', async () => {
    expect((await t.as(undefined, { method: 'GET', url: '/healthz' })).json()).toEqual({ status: 'ok' })
    expect((await t.as(undefined, { method: 'GET', url: '/readyz' })).json()).toMatchObject({ status: 'ready' })
  })

  it('serve an OpenAPI document generated from the route schemas, and a docs page', async () => {
    const spec = (await t.as(undefined, { method: 'GET', url: '/openapi.json' })).json()
    expect(spec.openapi).toBe('3.1.0')
    expect(Object.keys(spec.paths)).toEqual(expect.arrayContaining(['/api/orders', '/api/orders/{id}', '/api/products', '/api/imports/sales', '/api/api-keys']))
    expect(spec.paths['/api/orders'].post.requestBody.content['application/json'].schema.required).toEqual(expect.arrayContaining(['customer_id', 'order_date', 'items']))
    const docs = await t.as(undefined, { method: 'GET', url: '/docs/' })
    expect(docs.statusCode).toBe(200)
    expect(docs.headers['content-type']).toContain('text/html')
  })

  it('refuse a missing, malformed, unknown or revoked key with 401 problem+json', async () => {
    const missing = await t.as(undefined, { method: 'GET', url: '/api/orders' })
    expect(missing.statusCode).toBe(401)
    expect(missing.headers['content-type']).toContain('application/problem+json')
    expect(missing.headers['www-authenticate']).toContain('Bearer')
    expect((await t.as('not-a-key', { method: 'GET', url: '/api/orders' })).statusCode).toBe(401)
    const forged = t.keys.admin.slice(0, -4) + 'AAAA'
    expect((await t.as(forged, { method: 'GET', url: '/api/orders' })).statusCode).toBe(401)
    const created = (await t.as(t.keys.admin, { method: 'POST', url: '/api/api-keys', payload: { name: 'temp', role: 'analyst' } })).json()
    expect((await t.as(created.key, { method: 'GET', url: '/api/orders' })).statusCode).toBe(200)
    expect((await t.as(t.keys.admin, { method: 'DELETE', url: `/api/api-keys/${created.id}` })).statusCode).toBe(204)
    expect((await t.as(created.key, { method: 'GET', url: '/api/orders' })).statusCode).toBe(401)
  })

  it('accept the key in X-API-Key too', async () => {
    const response = await t.app.inject({ method: 'GET', url: '/api/regions', headers: { 'x-api-key': t.keys.analyst } })
    expect(response.statusCode).toBe(200)
  })

  it('forbid a rep or analyst key from admin routes and write nothing', async () => {
    const before = await t.counts()
    for (const key of [t.keys.maria, t.keys.analyst]) {
      for (const [method, url, payload] of [
        ['POST', '/api/products', { sku: 'X', name: 'X', category_id: t.fixture.categoryId, unit_price: 1, unit_cost: 1 }],
        ['DELETE', `/api/customers/${t.fixture.customerIds.acme}`, undefined],
        ['POST', '/api/api-keys', { name: 'escalate', role: 'admin' }],
        ['GET', '/api/audit', undefined],
        ['GET', '/api/api-keys', undefined],
      ] as const) {
        const response = await t.as(key, { method, url, ...(payload ? { payload } : {}) })
        expect(response.statusCode, `${method} ${url}`).toBe(403)
        expect(response.json().code).toBe('forbidden')
      }
    }
    expect((await t.as(t.keys.maria, { method: 'GET', url: '/api/reps' })).statusCode).toBe(403)
    expect(await t.counts()).toEqual(before)
  })

  it('answer malformed JSON with 400 and write nothing', async () => {
    const before = await t.counts()
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/regions', payload: '{"name": "Norte",', headers: { 'content-type': 'application/json' } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'bad_request', status: 400, request_id: expect.any(String) })
    expect(await t.counts()).toEqual(before)
  })

  it('answer an oversize body with 413 and write nothing', async () => {
    const before = await t.counts()
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/regions', payload: { name: 'x'.repeat(20 * 1024) } })
    expect(response.statusCode).toBe(413)
    expect(response.json().code).toBe('payload_too_large')
    expect(await t.counts()).toEqual(before)
  })

  it('answer an unsupported content type with 415', async () => {
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/regions', payload: '<name>x</name>', headers: { 'content-type': 'application/xml' } })
    expect(response.statusCode).toBe(415)
  })

  it('answer an unknown route with a 404 problem', async () => {
    const response = await t.as(t.keys.admin, { method: 'GET', url: '/api/nothing-here' })
    expect(response.statusCode).toBe(404)
    expect(response.json().code).toBe('not_found')
  })

  it('echo a safe X-Request-Id and quote it in problems', async () => {
    const response = await t.as(undefined, { method: 'GET', url: '/api/orders', headers: { 'x-request-id': 'trace-123' } })
    expect(response.headers['x-request-id']).toBe('trace-123')
    expect(response.json().request_id).toBe('trace-123')
  })

  it('never store the plain key, only its hash', async () => {
    const { rows } = await t.database.pool.query('select key_hash, key_prefix from api_keys')
    for (const key of Object.values(t.keys)) {
      expect(rows.some((r) => r.key_hash.includes(key) || key === r.key_hash)).toBe(false)
    }
  })
})
