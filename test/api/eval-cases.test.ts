import { afterAll, beforeAll, expect, it } from 'vitest'
import { createScriptedAgent } from '../evals/support/scripted-agent.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

const revenueCase = {
  id: 'rev-by-region-en',
  question: 'Revenue by region last month',
  lang: 'en',
  today: '2026-06-30',
  expect: 'answer',
  goldSql: "SELECT r.name, SUM(oi.line_total) AS revenue FROM orders o JOIN order_items oi ON oi.order_id = o.id JOIN customers c ON c.id = o.customer_id JOIN regions r ON r.id = c.region_id WHERE o.status = 'completed' GROUP BY r.name",
  tags: ['metric:revenue', 'dim:region'],
}

describeEachDatabase('eval cases API', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind, { agent: createScriptedAgent(() => ({ refuse: 'out_of_scope' })) })
  })
  afterAll(async () => t?.close())

  const admin = (method: 'GET' | 'POST' | 'PATCH', url: string, payload?: object) => t.as(t.keys.admin, { method, url, ...(payload ? { payload } : {}) })

  it('create a case with gold SQL the guard accepts, audited, active and from an admin', async () => {
    const response = await admin('POST', '/api/eval-cases', revenueCase)
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ ...revenueCase, tags: ['dim:region', 'metric:revenue'], status: 'active', source: 'admin', version: 1, ordered: false, createdBy: 'admin:admin' })
    const { rows } = await t.database.pool.query(`select action from audit_log where entity = 'eval_cases' and entity_id = $1`, [revenueCase.id])
    expect(rows).toEqual([{ action: 'create' }])
    expect((await admin('GET', `/api/eval-cases/${revenueCase.id}`)).json()).toMatchObject({ id: revenueCase.id, status: 'active' })
  })

  it('create a refusal case without gold SQL', async () => {
    const response = await admin('POST', '/api/eval-cases', { id: 'weather-pt', question: 'Vai chover amanhã?', lang: 'pt', today: '2026-06-30', expect: 'refuse', tags: ['out_of_scope'] })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ goldSql: null, expect: 'refuse' })
  })

  it('refuse gold SQL that is not one read-only SELECT with 422, writing nothing', async () => {
    for (const goldSql of ['delete from orders', 'select 1; drop table orders', 'select key_hash from api_keys', 'selec nonsense']) {
      const response = await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'bad-gold', goldSql })
      expect(response.statusCode, `${goldSql}: ${response.body}`).toBe(422)
      expect(response.headers['content-type']).toContain('application/problem+json')
      expect(response.json().errors[0].path).toBe('goldSql')
    }
    expect((await admin('GET', '/api/eval-cases/bad-gold')).statusCode).toBe(404)
    const patched = await admin('PATCH', `/api/eval-cases/${revenueCase.id}`, { goldSql: 'update orders set status = 1' })
    expect(patched.statusCode).toBe(422)
  })

  it('require gold SQL for answers and none for refusals, a kebab-case id, a real date and unique ids', async () => {
    expect((await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'no-gold', goldSql: undefined })).statusCode).toBe(400)
    expect((await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'refuse-with-gold', expect: 'refuse' })).statusCode).toBe(400)
    expect((await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'Not Kebab' })).statusCode).toBe(400)
    expect((await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'bad-date', today: '2026-02-30' })).statusCode).toBe(400)
    expect((await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'bad-tag', tags: ['Has Spaces'] })).statusCode).toBe(400)
    const duplicate = await admin('POST', '/api/eval-cases', revenueCase)
    expect(duplicate.statusCode).toBe(409)
  })

  it('edit a case: fields, added and removed tags, with its version bumped and the change audited', async () => {
    const response = await admin('PATCH', `/api/eval-cases/${revenueCase.id}`, { question: 'Revenue per region last month?', addTags: ['time:last_month'], removeTags: ['dim:region'], ordered: true, version: 1 })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ question: 'Revenue per region last month?', tags: ['metric:revenue', 'time:last_month'], ordered: true, version: 2 })
    const { rows } = await t.database.pool.query(`select before->>'question' as before, after->>'question' as after from audit_log where entity = 'eval_cases' and entity_id = $1 and action = 'update'`, [revenueCase.id])
    expect(rows).toEqual([{ before: 'Revenue by region last month', after: 'Revenue per region last month?' }])
  })

  it('refuse an edit based on an old version with 409 instead of losing the other edit', async () => {
    const stale = await admin('PATCH', `/api/eval-cases/${revenueCase.id}`, { note: 'stale edit', version: 1 })
    expect(stale.statusCode, stale.body).toBe(409)
    expect((await admin('GET', `/api/eval-cases/${revenueCase.id}`)).json().note).toBeNull()
  })

  it('switching a case to a refusal drops its gold SQL', async () => {
    await admin('POST', '/api/eval-cases', { ...revenueCase, id: 'becomes-refusal' })
    const response = await admin('PATCH', '/api/eval-cases/becomes-refusal', { expect: 'refuse' })
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ expect: 'refuse', goldSql: null })
  })

  it('list cases filtered by tag, status and words; retire one and bring it back', async () => {
    const byTag = (await admin('GET', '/api/eval-cases?tag=time:last_month')).json().data.map((c: { id: string }) => c.id)
    expect(byTag).toEqual(['rev-by-region-en'])
    expect((await admin('GET', '/api/eval-cases?tag=metric:revenue')).json().data.map((c: { id: string }) => c.id)).toEqual(['becomes-refusal', 'rev-by-region-en'])
    const byWords = (await admin('GET', '/api/eval-cases?q=chover')).json().data.map((c: { id: string }) => c.id)
    expect(byWords).toEqual(['weather-pt'])

    const retired = await admin('POST', '/api/eval-cases/weather-pt/retire')
    expect(retired.statusCode, retired.body).toBe(200)
    expect(retired.json()).toMatchObject({ status: 'retired' })
    expect((await admin('GET', '/api/eval-cases?status=active')).json().data.map((c: { id: string }) => c.id)).not.toContain('weather-pt')
    expect((await admin('GET', '/api/eval-cases?status=retired')).json().data.map((c: { id: string }) => c.id)).toEqual(['weather-pt'])
    expect((await admin('POST', '/api/eval-cases/weather-pt/retire')).json()).toMatchObject({ status: 'retired' })
    expect((await admin('PATCH', '/api/eval-cases/weather-pt', { status: 'active' })).json()).toMatchObject({ status: 'active' })
    expect((await admin('POST', '/api/eval-cases/no-such-case/retire')).statusCode).toBe(404)
  })

  it('let only admins see or change eval cases', async () => {
    for (const key of [t.keys.analyst, t.keys.maria]) {
      expect((await t.as(key, { method: 'GET', url: '/api/eval-cases' })).statusCode).toBe(403)
      expect((await t.as(key, { method: 'POST', url: '/api/eval-cases', payload: { ...revenueCase, id: 'sneaky' } })).statusCode).toBe(403)
      expect((await t.as(key, { method: 'POST', url: '/api/eval-cases/weather-pt/retire' })).statusCode).toBe(403)
    }
  })
})
