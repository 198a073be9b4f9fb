import { randomUUID } from 'node:crypto'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createScriptedAgent } from '../evals/support/scripted-agent.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

const turnSql = "SELECT count(*) AS orders FROM orders WHERE status = 'completed'"

describeEachDatabase('feedback API and review queue', (kind) => {
  let t: TestApp
  let userIds: Record<'admin' | 'maria' | 'joao', string>
  const turns: Record<string, string> = {}

  /** A turn as the chat API records it (the agent's job; inserted directly here). */
  const insertTurn = async (userId: string, overrides: Record<string, unknown> = {}) => {
    const id = randomUUID()
    await t.database.db
      .insertInto('agent_turns')
      .values({
        id,
        thread_id: `web:${userId}:${randomUUID()}`,
        user_id: userId,
        principal_role: 'rep',
        rep_id: null,
        surface: 'web',
        message: 'How many orders did we complete?',
        intent: 'analytics',
        ok: true,
        code: null,
        language: 'en',
        answer: '42 orders.',
        plan: JSON.stringify({ metrics: ['orders'], dimensions: [] }),
        sql: turnSql,
        row_count: 1,
        prompt_name: 'analyst-system',
        prompt_version: 1,
        model: 'offline',
        total_ms: 12,
        ...overrides,
      })
      .execute()
    // 23:30 on 29 June in São Paulo (agent_turns.at is typed for reading only).
    await t.database.pool.query('update agent_turns set at = $1 where id = $2', ['2026-06-30T02:30:00Z', id])
    return id
  }

  beforeAll(async () => {
    t = await createTestApp(kind, { agent: createScriptedAgent(() => ({ refuse: 'out_of_scope' })) })
    const keys = await t.database.db.selectFrom('api_keys').select(['id', 'name']).execute()
    const idOf = (name: string) => `key:${keys.find((k) => k.name === name)!.id}`
    userIds = { admin: idOf('admin'), maria: idOf('maria'), joao: idOf('joao') }
    turns.mariaUp = await insertTurn(userIds.maria)
    turns.mariaDown = await insertTurn(userIds.maria, { message: 'Quantos pedidos concluímos?', language: 'pt' })
    turns.mariaRefused = await insertTurn(userIds.maria, { message: 'Will it rain?', intent: 'out_of_scope', ok: false, code: 'out_of_scope', sql: null, plan: null })
    turns.joao = await insertTurn(userIds.joao)
    turns.race = await insertTurn(userIds.joao)
  })
  afterAll(async () => t?.close())

  const rate = (key: string, turnId: string, payload: object) => t.as(key, { method: 'POST', url: `/api/turns/${turnId}/feedback`, payload })
  const admin = (method: 'GET' | 'POST', url: string, payload?: object) => t.as(t.keys.admin, { method, url, ...(payload ? { payload } : {}) })
  const caseCount = async () => (await t.database.pool.query<{ n: number }>('select count(*)::int as n from eval_cases')).rows[0]!.n

  it('let a user rate their own turn 👍 and change it to 👎 with a comment, one feedback per turn', async () => {
    const first = await rate(t.keys.maria, turns.mariaUp!, { rating: 'up' })
    expect(first.statusCode, first.body).toBe(201)
    expect(first.json()).toMatchObject({ turnId: turns.mariaUp, userId: userIds.maria, rating: 'up', comment: null, status: 'pending' })
    const changed = await rate(t.keys.maria, turns.mariaUp!, { rating: 'down', comment: 'wrong period' })
    expect(changed.statusCode, changed.body).toBe(200)
    expect(changed.json()).toMatchObject({ id: first.json().id, rating: 'down', comment: 'wrong period' })
    const back = await rate(t.keys.maria, turns.mariaUp!, { rating: 'up' })
    expect(back.json()).toMatchObject({ id: first.json().id, rating: 'up', comment: null })
    const { rows } = await t.database.pool.query('select count(*)::int as n from feedback where turn_id = $1', [turns.mariaUp])
    expect(rows[0].n).toBe(1)
    expect((await rate(t.keys.maria, turns.mariaDown!, { rating: 'down', comment: 'should count cancelled too' })).statusCode).toBe(201)
    expect((await rate(t.keys.maria, turns.mariaRefused!, { rating: 'up' })).statusCode).toBe(201)
  })

  it("answer 404 for someone else's turn exactly as for a turn that does not exist", async () => {
    const others = await rate(t.keys.joao, turns.mariaUp!, { rating: 'down' })
    const missing = await rate(t.keys.joao, randomUUID(), { rating: 'down' })
    const malformed = await rate(t.keys.joao, 'not-a-uuid', { rating: 'down' })
    for (const response of [others, missing, malformed]) {
      expect(response.statusCode, response.body).toBe(404)
      expect(response.json().detail).toMatch(/^Turn .+ does not exist\.$/)
    }
    // Even an admin cannot rate a turn that is not theirs.
    expect((await rate(t.keys.admin, turns.joao!, { rating: 'up' })).statusCode).toBe(404)
    const { rows } = await t.database.pool.query('select count(*)::int as n from feedback where user_id = $1', [userIds.joao])
    expect(rows[0].n).toBe(0)
  })

  it('validate the rating and cap the comment at 1000 characters', async () => {
    expect((await rate(t.keys.joao, turns.joao!, { rating: 'meh' })).statusCode).toBe(400)
    expect((await rate(t.keys.joao, turns.joao!, { rating: 'up', comment: 'x'.repeat(1001) })).statusCode).toBe(400)
    expect((await t.as(undefined, { method: 'POST', url: `/api/turns/${turns.joao}/feedback`, payload: { rating: 'up' } })).statusCode).toBe(401)
  })

  it('never promote anything by itself: feedback only waits in the queue', async () => {
    expect(await caseCount()).toBe(0)
    const { rows } = await t.database.pool.query(`select distinct status from feedback`)
    expect(rows).toEqual([{ status: 'pending' }])
  })

  it('show admins the queue with the question, plan, SQL, answer and rating of each turn', async () => {
    const response = await admin('GET', '/api/feedback?status=pending')
    expect(response.statusCode, response.body).toBe(200)
    const items = response.json().data
    expect(items).toHaveLength(3)
    const up = items.find((i: { turnId: string }) => i.turnId === turns.mariaUp)
    expect(up).toMatchObject({
      rating: 'up',
      status: 'pending',
      turn: { question: 'How many orders did we complete?', plan: { metrics: ['orders'] }, sql: turnSql, answer: '42 orders.', promptName: 'analyst-system', promptVersion: 1, model: 'offline' },
    })
    const page = (await admin('GET', '/api/feedback?status=pending&limit=2')).json()
    expect(page.data).toHaveLength(2)
    expect((await admin('GET', `/api/feedback?status=pending&limit=2&cursor=${page.next_cursor}`)).json().data).toHaveLength(1)
    expect((await admin('GET', '/api/feedback?rating=down')).json().data.map((i: { turnId: string }) => i.turnId)).toEqual([turns.mariaDown])
    for (const key of [t.keys.analyst, t.keys.maria]) expect((await t.as(key, { method: 'GET', url: '/api/feedback' })).statusCode).toBe(403)
  })

  const feedbackIdOf = async (turnId: string) => (await t.database.pool.query<{ id: number }>('select id::int as id from feedback where turn_id = $1', [turnId])).rows[0]!.id

  it('promote 👍 feedback to an active eval case from the turn, once, with the feedback marked promoted', async () => {
    const id = await feedbackIdOf(turns.mariaUp!)
    const response = await admin('POST', `/api/feedback/${id}/promote`, {})
    expect(response.statusCode, response.body).toBe(201)
    const { evalCase, feedback } = response.json()
    expect(evalCase).toMatchObject({
      id: `fb-${id}-how-many-orders-did-we-complete`,
      question: 'How many orders did we complete?',
      lang: 'en',
      today: '2026-06-29',
      expect: 'answer',
      goldSql: turnSql,
      tags: ['feedback'],
      status: 'active',
      source: 'feedback',
    })
    expect(feedback).toMatchObject({ id, status: 'promoted', promotedCaseId: evalCase.id, reviewedBy: 'admin:admin' })
    const again = await admin('POST', `/api/feedback/${id}/promote`, {})
    expect(again.statusCode, again.body).toBe(409)
    expect(await caseCount()).toBe(1)
    const { rows } = await t.database.pool.query(`select entity, action from audit_log where entity in ('eval_cases', 'feedback') and (entity_id = $1 or entity_id = $2) and actor = 'admin:admin' order by id`, [evalCase.id, String(id)])
    expect(rows).toEqual([{ entity: 'eval_cases', action: 'create' }, { entity: 'feedback', action: 'update' }])
  })

  it('require a corrected gold SQL to promote 👎 feedback; a refused gold SQL or taken id leaves it pending', async () => {
    const id = await feedbackIdOf(turns.mariaDown!)
    const withoutGold = await admin('POST', `/api/feedback/${id}/promote`, {})
    expect(withoutGold.statusCode, withoutGold.body).toBe(400)
    const badGold = await admin('POST', `/api/feedback/${id}/promote`, { goldSql: 'delete from orders' })
    expect(badGold.statusCode, badGold.body).toBe(422)
    const takenId = await admin('POST', `/api/feedback/${id}/promote`, { id: `fb-${await feedbackIdOf(turns.mariaUp!)}-how-many-orders-did-we-complete`, goldSql: turnSql })
    expect(takenId.statusCode, takenId.body).toBe(409)
    expect(await caseCount()).toBe(1)
    expect((await admin('GET', '/api/feedback?status=pending')).json().data.map((i: { id: number }) => i.id)).toContain(id)

    const corrected = "SELECT count(*) AS orders FROM orders WHERE status IN ('completed', 'cancelled')"
    const response = await admin('POST', `/api/feedback/${id}/promote`, { goldSql: corrected, tags: ['feedback', 'metric:orders'] })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().evalCase).toMatchObject({ id: `fb-${id}-quantos-pedidos-concluimos`, lang: 'pt', goldSql: corrected, tags: ['feedback', 'metric:orders'] })
  })

  it('promote a turn without SQL as a refusal case', async () => {
    const id = await feedbackIdOf(turns.mariaRefused!)
    const response = await admin('POST', `/api/feedback/${id}/promote`, { id: 'will-it-rain-en' })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().evalCase).toMatchObject({ id: 'will-it-rain-en', expect: 'refuse', goldSql: null })
  })

  it('create exactly one case when two admins promote the same feedback at once', async () => {
    expect((await rate(t.keys.joao, turns.race!, { rating: 'up' })).statusCode).toBe(201)
    const id = await feedbackIdOf(turns.race!)
    const before = await caseCount()
    const responses = await Promise.all([1, 2, 3].map(() => admin('POST', `/api/feedback/${id}/promote`, {})))
    expect(responses.map((r) => r.statusCode).sort()).toEqual([201, 409, 409])
    expect(await caseCount()).toBe(before + 1)
  })

  it('dismiss feedback: it leaves the queue, cannot be promoted, and comes back when its user rates again', async () => {
    expect((await rate(t.keys.joao, turns.joao!, { rating: 'down', comment: 'no idea' })).statusCode).toBe(201)
    const id = await feedbackIdOf(turns.joao!)
    const dismissed = await admin('POST', `/api/feedback/${id}/dismiss`)
    expect(dismissed.statusCode, dismissed.body).toBe(200)
    expect(dismissed.json()).toMatchObject({ status: 'dismissed', reviewedBy: 'admin:admin' })
    expect((await admin('GET', '/api/feedback?status=pending')).json().data.map((i: { id: number }) => i.id)).not.toContain(id)
    expect((await admin('POST', `/api/feedback/${id}/promote`, { goldSql: turnSql })).statusCode).toBe(409)
    expect((await rate(t.keys.joao, turns.joao!, { rating: 'down', comment: 'still wrong: see total' })).json()).toMatchObject({ status: 'pending', reviewedBy: null })
    const promoted = await feedbackIdOf(turns.mariaUp!)
    expect((await admin('POST', `/api/feedback/${promoted}/dismiss`)).statusCode).toBe(409)
    expect((await admin('POST', '/api/feedback/999999/dismiss')).statusCode).toBe(404)
    expect((await t.as(t.keys.analyst, { method: 'POST', url: `/api/feedback/${id}/dismiss` })).statusCode).toBe(403)
  })
})
