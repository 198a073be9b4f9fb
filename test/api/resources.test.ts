import { afterAll, beforeAll, expect, it } from 'vitest'
import { describeEachDatabase } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

describeEachDatabase('dimension resources API', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
  })
  afterAll(async () => t?.close())

  // One happy path per resource: create → get → list with a filter → change → delete, each write audited.
  const cases = () => [
    { path: 'regions', create: { name: 'Norte' }, change: { name: 'Norte Amazônico' }, filter: 'q=amazon' },
    { path: 'categories', create: { name: 'Limpeza' }, change: { name: 'Limpeza Pesada' }, filter: 'q=limpeza' },
    {
      path: 'products',
      create: { sku: 'L-9', name: 'Lixa', category_id: t.fixture.categoryId, brand: 'Norton', unit_price: 12.9, unit_cost: 5 },
      change: { unit_price: 13.5 },
      filter: 'sku=L-9',
    },
    {
      path: 'customers',
      create: { name: 'Gama SA', email: 'gama@example.com', tax_id: '22.222.222/0001-22', segment: 'Mid-Market', city: 'Curitiba', state: 'PR', region_id: t.fixture.regionIds.sul },
      change: { segment: 'Enterprise' },
      filter: `region_id=${t.fixture.regionIds.sul}&q=GAMA`,
    },
    {
      path: 'reps',
      create: { name: 'Ana Lima', email: 'ana@example.com', region_id: t.fixture.regionIds.sul, hired_on: '2024-01-10' },
      change: { active: false },
      filter: 'active=false',
    },
    { path: 'targets', create: { month: '2025-01-01', region_id: t.fixture.regionIds.sul, amount: 150000 }, change: { amount: 175000.5 }, filter: 'month_from=2025-01-01&month_to=2025-01-31' },
  ]

  it('create, read, list, change and delete every dimension resource, auditing each write', async () => {
    for (const c of cases()) {
      const created = await t.as(t.keys.admin, { method: 'POST', url: `/api/${c.path}`, payload: c.create })
      expect(created.statusCode, `${c.path}: ${created.body}`).toBe(201)
      const row = created.json()
      expect(created.headers.location).toBe(`/api/${c.path}/${row.id}`)

      const fetched = await t.as(t.keys.admin, { method: 'GET', url: `/api/${c.path}/${row.id}` })
      expect(fetched.json()).toMatchObject(c.create)

      const changed = await t.as(t.keys.admin, { method: 'PATCH', url: `/api/${c.path}/${row.id}`, payload: c.change })
      expect(changed.statusCode, `${c.path}: ${changed.body}`).toBe(200)
      expect(changed.json()).toMatchObject(c.change)

      const listed = await t.as(t.keys.admin, { method: 'GET', url: `/api/${c.path}?${c.filter}` })
      expect(listed.statusCode, `${c.path}: ${listed.body}`).toBe(200)
      expect(listed.json().data.map((r: { id: number }) => r.id)).toContain(row.id)

      const deleted = await t.as(t.keys.admin, { method: 'DELETE', url: `/api/${c.path}/${row.id}` })
      expect(deleted.statusCode).toBe(204)
      expect((await t.as(t.keys.admin, { method: 'GET', url: `/api/${c.path}/${row.id}` })).statusCode).toBe(404)

      const audit = await t.as(t.keys.admin, { method: 'GET', url: `/api/audit?entity_id=${row.id}&limit=200` })
      const actions = audit.json().data.filter((a: { entity: string }) => a.entity === (c.path === 'reps' ? 'sales_reps' : c.path === 'targets' ? 'sales_targets' : c.path)).map((a: { action: string }) => a.action)
      expect(actions).toEqual(['delete', 'update', 'create'])
    }
  })

  it('show personal columns to admins only, and refuse non-admins a filter on them', async () => {
    const id = t.fixture.customerIds.acme
    expect((await t.as(t.keys.admin, { method: 'GET', url: `/api/customers/${id}` })).json()).toMatchObject({ email: 'compras@acme.com.br', tax_id: '11.111.111/0001-11' })
    for (const key of [t.keys.maria, t.keys.analyst]) {
      const one = (await t.as(key, { method: 'GET', url: `/api/customers/${id}` })).json()
      expect(one.name).toBe('Acme Ltda')
      expect(one).not.toHaveProperty('email')
      expect(one).not.toHaveProperty('tax_id')
      const list = (await t.as(key, { method: 'GET', url: '/api/customers?limit=200' })).json()
      expect(JSON.stringify(list)).not.toContain('compras@acme.com.br')
      const probe = await t.as(key, { method: 'GET', url: '/api/customers?email=compras@acme.com.br' })
      expect(probe.statusCode).toBe(403)
    }
    const reps = (await t.as(t.keys.analyst, { method: 'GET', url: '/api/reps' })).json()
    expect(reps.data[0]).not.toHaveProperty('email')
  })

  it('page through a list with cursors and no gaps or repeats', async () => {
    for (let i = 0; i < 7; i++) await t.as(t.keys.admin, { method: 'POST', url: '/api/categories', payload: { name: `Página ${i}` } })
    const seen: number[] = []
    let cursor: string | null = null
    do {
      const page: { statusCode: number; json(): { data: { id: number }[]; next_cursor: string | null } } = await t.as(t.keys.analyst, {
        method: 'GET',
        url: `/api/categories?limit=3${cursor ? `&cursor=${cursor}` : ''}`,
      })
      expect(page.statusCode).toBe(200)
      seen.push(...page.json().data.map((r) => r.id))
      cursor = page.json().next_cursor
    } while (cursor)
    const { rows } = await t.database.pool.query('select id from categories order by id')
    expect(seen).toEqual(rows.map((r) => r.id))
  })

  it('reject a duplicate SKU with 409 and write nothing', async () => {
    const before = await t.counts()
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/products', payload: { sku: 'W-1', name: 'Clone', category_id: t.fixture.categoryId, unit_price: 1, unit_cost: 1 } })
    expect(response.statusCode).toBe(409)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(response.json()).toMatchObject({ code: 'conflict', errors: [{ path: 'sku' }] })
    expect(await t.counts()).toEqual(before)
  })

  it('reject a reference to an unknown parent with field details and write nothing', async () => {
    const before = await t.counts()
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/customers', payload: { name: 'Órfão', region_id: 999999 } })
    expect(response.statusCode).toBe(400)
    expect(response.json()).toMatchObject({ code: 'validation_failed', errors: [{ path: 'region_id' }] })
    expect(await t.counts()).toEqual(before)
  })

  it('refuse to delete a region that customers still belong to', async () => {
    const before = await t.counts()
    const response = await t.as(t.keys.admin, { method: 'DELETE', url: `/api/regions/${t.fixture.regionIds.sul}` })
    expect(response.statusCode).toBe(409)
    expect(await t.counts()).toEqual(before)
  })

  it('reject a target that is not on the first day of a month', async () => {
    const response = await t.as(t.keys.admin, { method: 'POST', url: '/api/targets', payload: { month: '2025-01-15', amount: 10 } })
    expect(response.statusCode).toBe(400)
    expect(response.json().errors[0].path).toBe('month')
  })

  it('reject unknown fields, wrong types and bad filters with the field named', async () => {
    const unknownField = await t.as(t.keys.admin, { method: 'POST', url: '/api/regions', payload: { name: 'X', color: 'red' } })
    expect(unknownField.statusCode).toBe(400)
    const wrongType = await t.as(t.keys.admin, { method: 'POST', url: '/api/products', payload: { sku: 'Z', name: 'Z', category_id: 'one', unit_price: -1, unit_cost: 1 } })
    expect(wrongType.statusCode).toBe(400)
    expect(wrongType.json().errors.map((e: { path: string }) => e.path).sort()).toEqual(['category_id', 'unit_price'])
    const badFilter = await t.as(t.keys.admin, { method: 'GET', url: '/api/products?category_id=abc' })
    expect(badFilter.statusCode).toBe(400)
    expect(badFilter.json().errors[0].path).toBe('category_id')
    const badCursor = await t.as(t.keys.admin, { method: 'GET', url: '/api/products?cursor=not-a-cursor' })
    expect(badCursor.statusCode).toBe(400)
  })

  it('answer 404 for an unknown id on read, change and delete', async () => {
    for (const method of ['GET', 'PATCH', 'DELETE'] as const) {
      const response = await t.as(t.keys.admin, { method, url: '/api/products/987654', ...(method === 'PATCH' ? { payload: { name: 'x' } } : {}) })
      expect(response.statusCode, method).toBe(404)
      expect(response.json().code).toBe('not_found')
    }
  })
})
