/**
 * The admin API for digests: schedules are created, listed, previewed, re-timed and deleted; a malformed cron or time
 * zone is a 400 that names the field and shows an example; "run now" to a web-chat inbox lands in the inbox and in
 * the delivery log. One database suffices here (the server when there is one: a PGlite start costs seconds); the
 * queue on PGlite is covered by the delivery suites.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTestDatabase, serverUrl, type TestDatabase } from '../../support/test-database.js'
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.js'
import { createDigestApi, type DigestApi } from './support/digest-api.js'
import { createDigestInstance, createManualClock, type DigestInstance } from './support/digest-harness.js'

describe('digests admin API', () => {
  let database: TestDatabase
  let slack: SlackApiStandIn
  let instance: DigestInstance
  let api: DigestApi
  let regionId: number
  // Sunday 1 March 2026, noon in São Paulo.
  const clock = createManualClock('2026-03-01T15:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl ? 'server' : 'embedded')
    regionId = (await database.db.insertInto('regions').values({ name: 'Sul' }).returning('id').executeTakeFirstOrThrow()).id
    slack = await startSlackApiStandIn()
    instance = createDigestInstance(database, { clock, slackApiUrl: slack.url })
    await instance.service.start()
    api = await createDigestApi(database.db, instance.service)
  })
  afterAll(async () => {
    await api?.close()
    await instance?.service.stop()
    await slack?.close()
    await database?.close()
  })

  const weeklySul = { name: 'Weekly Sul', destination: { kind: 'slack', channel_id: 'C0API0001' }, cron: '0 8 * * 1', time_zone: 'America/Sao_Paulo', region_id: 0 }

  it('creates, lists, previews, re-times and deletes a schedule', async () => {
    const created = await api.as(api.keys.admin, { method: 'POST', url: '/api/digest-schedules', payload: { ...weeklySul, region_id: regionId } })
    expect(created.statusCode).toBe(201)
    const schedule = created.json()
    expect(schedule).toMatchObject({
      name: 'Weekly Sul',
      destination: { kind: 'slack', channel_id: 'C0API0001' },
      language: 'en',
      region: { id: regionId, name: 'Sul' },
      category: null,
      sections: ['kpis', 'targets', 'movers', 'anomalies', 'customers', 'chart'],
      period: 'previous_week',
      late_policy: 'post_late',
      enabled: true,
      next_fire_times: ['2026-03-02T11:00:00.000Z', '2026-03-09T11:00:00.000Z', '2026-03-16T11:00:00.000Z'],
    })

    const list = await api.as(api.keys.admin, { method: 'GET', url: '/api/digest-schedules' })
    expect(list.json().data.map((s: { id: number }) => s.id)).toContain(schedule.id)

    const preview = await api.as(api.keys.admin, { method: 'POST', url: `/api/digest-schedules/${schedule.id}/preview` })
    expect(preview.statusCode).toBe(200)
    expect(preview.json()).toMatchObject({ title: 'Daily sales digest', summary: expect.stringContaining('R$1,234.50'), has_chart: false, text: expect.stringContaining('Revenue') })
    expect(instance.composer.requests.at(-1)).toMatchObject({ scope: { region: { id: regionId, name: 'Sul' } }, period: 'previous_week', today: '2026-03-01' })
    expect(slack.callsTo('chat.postMessage')).toHaveLength(0)

    const retimed = await api.as(api.keys.admin, { method: 'PATCH', url: `/api/digest-schedules/${schedule.id}`, payload: { cron: '30 7 * * *', late_policy: 'skip' } })
    expect(retimed.statusCode).toBe(200)
    // The period was the weekly default, so it follows the cron to daily.
    expect(retimed.json()).toMatchObject({ cron: '30 7 * * *', period: 'previous_day', late_policy: 'skip', next_fire_times: ['2026-03-02T10:30:00.000Z', '2026-03-03T10:30:00.000Z', '2026-03-04T10:30:00.000Z'] })

    expect((await api.as(api.keys.admin, { method: 'DELETE', url: `/api/digest-schedules/${schedule.id}` })).statusCode).toBe(204)
    expect((await api.as(api.keys.admin, { method: 'GET', url: `/api/digest-schedules/${schedule.id}` })).statusCode).toBe(404)
  })

  it.each([
    ['a cron in words', { cron: 'every monday' }, 'cron', /five fields.*'0 8 \* \* 1'/],
    ['a cron with seconds', { cron: '0 0 8 * * 1' }, 'cron', /seconds.*not supported/],
    ['a minute out of range', { cron: '61 * * * *' }, 'cron', /not a valid cron expression.*minute.*e\.g\./],
    ['a zone that does not exist', { time_zone: 'Mars/Olympus' }, 'time_zone', /'Mars\/Olympus' is not a time zone.*America\/Sao_Paulo/],
    ['an unknown section', { sections: ['kpis', 'gossip'] }, 'sections', /unknown section 'gossip'/],
    ['an unknown region', { region_id: 999_999 }, 'region_id', /region 999999 does not exist/],
    ['a Teams destination this server cannot post to', { destination: { kind: 'teams', conversation_id: '19:abc@thread.tacv2', service_url: 'https://smba.trafficmanager.net/amer/' } }, 'destination.kind', /no teams connection/],
  ])('rejects %s with a 400 that names the field', async (_label, change, field, message) => {
    const response = await api.as(api.keys.admin, { method: 'POST', url: '/api/digest-schedules', payload: { ...weeklySul, region_id: null, ...change } })
    expect(response.statusCode).toBe(400)
    const problem = response.json()
    expect(problem.code).toBe('validation_failed')
    expect(problem.errors).toEqual([{ path: field, message: expect.stringMatching(message) }])
    expect(problem.detail).toContain(field)
    expect(await database.db.selectFrom('digest_schedules').select('id').where('name', '=', 'Weekly Sul').execute()).toEqual([])
  })

  it('is for admins only', async () => {
    const response = await api.as(api.keys.analyst, { method: 'POST', url: '/api/digest-schedules', payload: { ...weeklySul, region_id: null } })
    expect(response.statusCode).toBe(403)
    expect((await api.as(api.keys.analyst, { method: 'GET', url: '/api/digest-deliveries' })).statusCode).toBe(403)
  })

  it('posts to a web-chat inbox on "run now", and the inbox and the delivery log show it', async () => {
    const created = await api.as(api.keys.admin, { method: 'POST', url: '/api/digest-schedules', payload: { name: 'Team inbox', destination: { kind: 'web', inbox: 'sales-team' }, cron: '0 8 * * *', language: 'pt' } })
    expect(created.statusCode).toBe(201)
    const scheduleId = created.json().id as number

    const run = await api.as(api.keys.admin, { method: 'POST', url: `/api/digest-schedules/${scheduleId}/run` })
    expect(run.statusCode).toBe(202)

    await expect.poll(async () => (await api.as(api.keys.analyst, { method: 'GET', url: '/api/digest-inbox/sales-team' })).json().data.length).toBe(1)
    const [message] = (await api.as(api.keys.analyst, { method: 'GET', url: '/api/digest-inbox/sales-team' })).json().data
    expect(message).toMatchObject({ delivery_id: run.json().delivery_id, title: 'Daily sales digest', summary: expect.stringContaining('R$1,234.50'), chart: null })

    const log = (await api.as(api.keys.admin, { method: 'GET', url: `/api/digest-deliveries?schedule_id=${scheduleId}` })).json().data
    expect(log).toEqual([expect.objectContaining({ id: run.json().delivery_id, trigger: 'manual', status: 'sent', attempts: 1, late: false, message_id: `web:${message.id}`, channel_id: 'sales-team', last_error: null })])
    expect((await api.as(api.keys.rep, { method: 'GET', url: '/api/digest-inbox/sales-team' })).statusCode).toBe(403)
  })
})
