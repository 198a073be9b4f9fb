import { afterAll, beforeAll, expect, it } from 'vitest'
import { createChatIdentityResolver } from '../../src/identity/create-chat-identity-resolver.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

describeEachDatabase('chat identities and channel scopes', (kind) => {
  let t: TestApp
  beforeAll(async () => {
    t = await createTestApp(kind)
    await t.database.db.updateTable('sales_reps').set({ slack_user_id: 'UMARIA', teams_user_id: '29:maria' }).where('id', '=', t.fixture.repIds.maria).execute()
    await t.database.db.updateTable('sales_reps').set({ slack_user_id: 'UJOAO', active: false }).where('id', '=', t.fixture.repIds.joao).execute()
  })
  afterAll(async () => t?.close())

  const admin = (method: 'GET' | 'POST' | 'PUT' | 'DELETE', url: string, payload?: object) => t.as(t.keys.admin, { method, url, ...(payload ? { payload } : {}) })

  it('resolve a rep through sales_reps.slack_user_id and teams_user_id, as a rep principal prefixed by the platform', async () => {
    const resolver = createChatIdentityResolver(t.database.db)
    expect(await resolver.resolve({ platform: 'slack', userId: 'UMARIA', workspaceId: 'T1' })).toEqual({
      ok: true,
      principal: { userId: 'slack:UMARIA', role: 'rep', repId: t.fixture.repIds.maria },
      displayName: 'Maria Silva',
    })
    expect(await resolver.resolve({ platform: 'teams', userId: '29:maria' })).toMatchObject({ ok: true, principal: { userId: 'teams:29:maria', role: 'rep' } })
  })

  it('refuse an inactive rep and an unknown user, and never match a Slack id against the Teams column', async () => {
    const resolver = createChatIdentityResolver(t.database.db)
    expect(await resolver.resolve({ platform: 'slack', userId: 'UJOAO' })).toEqual({ ok: false, reason: 'inactive' })
    expect(await resolver.resolve({ platform: 'slack', userId: 'UNOBODY' })).toEqual({ ok: false, reason: 'unknown_user' })
    expect(await resolver.resolve({ platform: 'teams', userId: 'UMARIA' })).toEqual({ ok: false, reason: 'unknown_user' })
    expect(await resolver.resolve({ platform: 'slack', userId: '' })).toEqual({ ok: false, reason: 'unknown_user' })
  })

  it('let an admin map a director through the API, who then resolves as a director; removing the mapping removes access', async () => {
    const created = await admin('POST', '/api/chat-identities', { platform: 'slack', platform_user_id: 'UDIRECTOR', role: 'director', display_name: 'Diana Diretora' })
    expect(created.statusCode, created.body).toBe(201)
    expect(created.json()).toMatchObject({ platform: 'slack', platform_user_id: 'UDIRECTOR', role: 'director', display_name: 'Diana Diretora', created_by: 'admin:admin' })
    const resolver = createChatIdentityResolver(t.database.db)
    expect(await resolver.resolve({ platform: 'slack', userId: 'UDIRECTOR' })).toEqual({ ok: true, principal: { userId: 'slack:UDIRECTOR', role: 'director' }, displayName: 'Diana Diretora' })
    expect((await admin('POST', '/api/chat-identities', { platform: 'slack', platform_user_id: 'UDIRECTOR', role: 'admin', display_name: 'Again' })).statusCode).toBe(409)
    expect((await admin('GET', '/api/chat-identities?platform=slack')).json().data).toHaveLength(1)
    expect((await admin('GET', '/api/chat-identities?platform=teams')).json().data).toHaveLength(0)
    expect((await admin('DELETE', `/api/chat-identities/${created.json().id}`)).statusCode).toBe(204)
    expect(await resolver.resolve({ platform: 'slack', userId: 'UDIRECTOR' })).toEqual({ ok: false, reason: 'unknown_user' })
    const audit = await t.database.db.selectFrom('audit_log').select('action').where('entity', '=', 'chat_identities').orderBy('id').execute()
    expect(audit.map((a) => a.action)).toEqual(['create', 'delete'])
  })

  it('let an admin mapping outrank a rep mapping for the same user', async () => {
    const created = await admin('POST', '/api/chat-identities', { platform: 'slack', platform_user_id: 'UMARIA', role: 'director', display_name: 'Maria (diretora)' })
    expect(created.statusCode).toBe(201)
    expect(await createChatIdentityResolver(t.database.db).resolve({ platform: 'slack', userId: 'UMARIA' })).toMatchObject({ ok: true, principal: { role: 'director' } })
    await admin('DELETE', `/api/chat-identities/${created.json().id}`)
  })

  it('reject roles other than admin, director and analyst, and non-admin keys', async () => {
    expect((await admin('POST', '/api/chat-identities', { platform: 'slack', platform_user_id: 'UX', role: 'rep', display_name: 'X' })).statusCode).toBe(400)
    expect((await t.as(t.keys.analyst, { method: 'GET', url: '/api/chat-identities' })).statusCode).toBe(403)
    expect((await t.as(t.keys.maria, { method: 'POST', url: '/api/chat-identities', payload: { platform: 'slack', platform_user_id: 'UMARIA', role: 'admin', display_name: 'me' } })).statusCode).toBe(403)
  })

  it('set, move and remove a channel’s region scope', async () => {
    const set = await admin('PUT', '/api/chat-channel-scopes/slack/CSUL', { region_id: t.fixture.regionIds.sul })
    expect(set.statusCode, set.body).toBe(200)
    expect(set.json()).toMatchObject({ platform: 'slack', channel_id: 'CSUL', region: { id: t.fixture.regionIds.sul, name: 'Sul' } })
    const moved = await admin('PUT', '/api/chat-channel-scopes/slack/CSUL', { region_id: t.fixture.regionIds.sudeste })
    expect(moved.json().region).toEqual({ id: t.fixture.regionIds.sudeste, name: 'Sudeste' })
    expect((await admin('GET', '/api/chat-channel-scopes')).json().data).toHaveLength(1)
    expect((await admin('PUT', '/api/chat-channel-scopes/slack/CX', { region_id: 999_999 })).statusCode).toBe(400)
    expect((await admin('DELETE', '/api/chat-channel-scopes/slack/CSUL')).statusCode).toBe(204)
    expect((await admin('DELETE', '/api/chat-channel-scopes/slack/CSUL')).statusCode).toBe(404)
  })
})
