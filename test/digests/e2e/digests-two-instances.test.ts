/**
 * Scheduled digests end to end: two full app instances (startService, as deployed) on one PostgreSQL database with
 * demo data, one clock the test moves, and Slack's Web API played by the local stand-in. Schedules are made through
 * the admin API; both instances tick at once, over and over, and each digest is posted once per fire time — with its
 * chart in its thread and the delivery log saying so. A Slack failure is retried into exactly one post; a reply in the
 * Sul digest's thread is answered from the digest's region and period; a web-inbox schedule fills the inbox.
 * (PostgreSQL only: PGlite is one process, so "two instances" means nothing there.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../../src/config/config.js'
import { createApiKey } from '../../../src/domain/api-keys/api-key.service.js'
import { createLogger } from '../../../src/logging/logger.js'
import { startService, type RunningService } from '../../../src/main.js'
import { seedDemoData } from '../../../src/seed/seed-demo-data.js'
import type { QueryPlan } from '../../../src/semantic/query-plan.js'
import { createManualClock } from '../delivery/support/digest-harness.js'
import { botToken, startSlackApiStandIn, type RecordedCall, type SlackApiStandIn } from '../../slack/support/slack-api-stand-in.js'
import { signingSecret, slackSignature, teamId } from '../../slack/support/slack-harness.js'
import { createTestDatabase, serverUrl, type TestDatabase } from '../../support/test-database.js'

/** The demo data's last day with sales: the Monday the first digests fire on. */
const lastSalesDay = '2026-03-09'
/** Sunday noon in São Paulo: the schedules are made before their first fire time. */
const startedAt = '2026-03-08T15:00:00Z'
/** Monday 08:00:20 and Tuesday 08:00:20 in São Paulo (UTC−3). */
const mondayEight = '2026-03-09T11:00:20Z'
const tuesdayEight = '2026-03-10T11:00:20Z'

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms))

describe.skipIf(!serverUrl)('scheduled digests end to end, two app instances on one PostgreSQL database', () => {
  const clock = createManualClock(startedAt)
  let database: TestDatabase
  let slack: SlackApiStandIn
  let first: RunningService
  let second: RunningService
  let adminKey: string
  let sul: { id: number; name: string }
  const scheduleIds = { weekly: 0, sul: 0, inbox: 0 }

  const start = () =>
    startService({
      config: loadConfig({
        DATABASE_URL: database.connectionString,
        DATABASE_POOL_SIZE: '6',
        PORT: '0',
        SEED_ON_EMPTY: 'false',
        DIGEST_TICK_SECONDS: '0',
        DIGEST_RETRY_DELAY_SECONDS: '1',
        SLACK_SIGNING_SECRET: signingSecret,
        SLACK_BOT_TOKEN: botToken,
        SLACK_API_URL: slack.url,
        LOG_LEVEL: 'silent',
      }),
      logger: createLogger({ level: 'silent' }),
      clock,
      announce: () => {},
    })

  beforeAll(async () => {
    database = await createTestDatabase('server')
    await seedDemoData({ ...database, kind: 'server' }, { orders: 20_000, seed: 42, endDate: lastSalesDay })
    sul = await database.db.selectFrom('regions').select(['id', 'name']).where('name', '=', 'Sul').executeTakeFirstOrThrow()
    adminKey = (await createApiKey(database.db, { name: 'digest-admin', role: 'admin' }, { keyId: null, name: 'test:e2e' })).key
    await database.db.insertInto('chat_identities').values({ platform: 'slack', platform_user_id: 'UDIRECTOR', role: 'director', display_name: 'Diana', created_by: 'test' }).execute()
    slack = await startSlackApiStandIn()
    // One after the other: both would otherwise sync the prompt files into the same table at the same moment.
    first = await start()
    second = await start()
  })
  afterAll(async () => {
    await Promise.all([first?.stop(), second?.stop()])
    await slack?.close()
    await database?.close()
  })

  const api = async (instance: RunningService, method: 'GET' | 'POST', path: string, body?: unknown) => {
    const response = await fetch(`${instance.url}${path}`, {
      method,
      headers: { authorization: `Bearer ${adminKey}`, ...(body ? { 'content-type': 'application/json' } : {}) },
      ...(body ? { body: JSON.stringify(body) } : {}),
    })
    return { status: response.status, json: (await response.json()) as Record<string, unknown> & { data?: Record<string, unknown>[] } }
  }
  const digestsOf = (instance: RunningService) => {
    if (!instance.digests) throw new Error('the instance runs no digest service (DIGESTS_ENABLED?)')
    return instance.digests
  }
  /** Both instances tick, several times each, all at once. */
  const tickEverywhere = () => Promise.all([digestsOf(first).tick(), digestsOf(second).tick(), digestsOf(first).tick(), digestsOf(second).tick(), digestsOf(second).tick(), digestsOf(first).tick()])
  const postsTo = (channel: string): RecordedCall[] => slack.callsTo('chat.postMessage').filter((c) => c.args.channel === channel && c.response?.ok === true)
  const deliveriesOf = async (scheduleId: number) => (await api(first, 'GET', `/api/digest-deliveries?schedule_id=${scheduleId}`)).json.data!
  const blocksOf = (call: RecordedCall) => JSON.stringify(call.args.blocks)

  it('posts each schedule’s digest once per fire time, from two instances ticking at once, with its chart in its thread', async () => {
    const created = await Promise.all([
      api(first, 'POST', '/api/digest-schedules', { name: 'Weekly digest', destination: { kind: 'slack', channel_id: 'C0LEADERS' }, cron: '0 8 * * 1', language: 'en' }),
      api(second, 'POST', '/api/digest-schedules', { name: 'Resumo diário Sul', destination: { kind: 'slack', channel_id: 'C0SUL' }, cron: '0 8 * * *', language: 'pt', region_id: sul.id }),
      api(first, 'POST', '/api/digest-schedules', { name: 'Leadership inbox', destination: { kind: 'web', inbox: 'leadership' }, cron: '0 8 * * 1', language: 'en' }),
    ])
    for (const { status, json } of created) expect(status, JSON.stringify(json)).toBe(201)
    const [weeklyId, sulId, inboxId] = created.map((c) => Number(c.json.id))
    Object.assign(scheduleIds, { weekly: weeklyId, sul: sulId, inbox: inboxId })
    expect(created[0]!.json.next_fire_times).toEqual(['2026-03-09T11:00:00.000Z', '2026-03-16T11:00:00.000Z', '2026-03-23T11:00:00.000Z'])

    clock.set(mondayEight)
    await tickEverywhere()
    await tickEverywhere()
    await expect.poll(() => [postsTo('C0LEADERS').length, postsTo('C0SUL').length], { timeout: 90_000, interval: 250 }).toEqual([1, 1])
    await expect.poll(async () => (await deliveriesOf(scheduleIds.inbox)).map((d) => d.status), { timeout: 60_000, interval: 250 }).toEqual(['sent'])

    // More ticks and a few more polls of both workers: nothing more may arrive.
    await tickEverywhere()
    await sleep(2500)
    expect([postsTo('C0LEADERS').length, postsTo('C0SUL').length]).toEqual([1, 1])

    const [weekly] = postsTo('C0LEADERS')
    expect(String(weekly!.args.text)).toMatch(/^Weekly digest/)
    expect(blocksOf(weekly!)).toMatch(/R\$\s?[\d,]+\.\d{2}/)
    expect(blocksOf(weekly!)).toContain('vs previous')
    expect(blocksOf(weekly!)).toContain('2026-03-02 – 2026-03-08')
    const [daily] = postsTo('C0SUL')
    expect(String(daily!.args.text)).toMatch(/^Resumo diário/)
    expect(blocksOf(daily!)).toMatch(/R\$\s?[\d.]+,\d{2}/)
    expect(blocksOf(daily!)).toContain('vs período anterior')
    expect(blocksOf(daily!)).toContain('Sul')

    // Each chart went into its own digest's thread.
    for (const post of [weekly!, daily!]) {
      const uploads = slack.callsTo('files.completeUploadExternal').filter((c) => c.args.channel_id === post.args.channel)
      expect(uploads.map((u) => u.args.thread_ts)).toEqual([post.response!.ts])
    }
    expect([...slack.uploads.values()].every((png) => png.subarray(1, 4).toString() === 'PNG')).toBe(true)

    // The log: sent once, with the ts Slack gave the message.
    expect(await deliveriesOf(scheduleIds.weekly)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, fire_at: '2026-03-09T11:00:00.000Z', channel_id: 'C0LEADERS', message_id: weekly!.response!.ts })])
    expect(await deliveriesOf(scheduleIds.sul)).toEqual([expect.objectContaining({ status: 'sent', attempts: 1, channel_id: 'C0SUL', message_id: daily!.response!.ts })])
  })

  it('fills the web inbox with the digest, chart included', async () => {
    const inbox = (await api(second, 'GET', '/api/digest-inbox/leadership')).json.data!
    expect(inbox).toHaveLength(1)
    expect(inbox[0]).toMatchObject({ title: expect.stringMatching(/^Weekly digest/) })
    expect(String(inbox[0]!.text)).toMatch(/R\$\s?[\d,]+\.\d{2}/)
    expect((inbox[0]!.chart as { png_base64: string } | null)?.png_base64).toMatch(/^iVBOR/)
  })

  it('retries a Slack failure into exactly one post', async () => {
    slack.failNext('chat.postMessage', 'internal_error')
    clock.set(tuesdayEight)
    await tickEverywhere()
    await expect.poll(() => postsTo('C0SUL').length, { timeout: 60_000, interval: 250 }).toBe(2)
    await tickEverywhere()
    await sleep(2500)

    const tuesday = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0SUL').slice(1)
    expect(tuesday.map((c) => c.response!.ok)).toEqual([false, true])
    // Tuesday's digest is about Monday, a working day with sales in the region.
    expect(String(tuesday[1]!.args.text)).toMatch(/^Resumo diário — Sul — 9 mar\. 2026/)
    expect(blocksOf(tuesday[1]!)).toMatch(/\*Faturamento\*\\nR\$ [1-9][\d.]*,\d{2}/)
    expect(postsTo('C0LEADERS')).toHaveLength(1)
    const log = await deliveriesOf(scheduleIds.sul)
    expect(log[0]).toMatchObject({ fire_at: '2026-03-10T11:00:00.000Z', status: 'sent', attempts: 2, last_error: null, message_id: tuesday[1]!.response!.ts })
  })

  it('answers a reply in the Sul digest’s thread from the digest’s region and period', async () => {
    const digestTs = String(postsTo('C0SUL').at(-1)!.response!.ts)
    const event = { type: 'message', channel_type: 'channel', user: 'UDIRECTOR', text: 'por categoria', ts: '1773144000.000100', thread_ts: digestTs, channel: 'C0SUL', event_ts: '1773144000.000100' }
    const body = JSON.stringify({ token: 'legacy', team_id: teamId, api_app_id: 'A1', event, type: 'event_callback', event_id: 'EvDIGESTREPLY1', event_time: Math.floor(clock().getTime() / 1000), authorizations: [{ team_id: teamId, user_id: 'UBOT', is_bot: true }] })
    const timestamp = Math.floor(clock().getTime() / 1000)
    const response = await fetch(`${second.url}/slack/events`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-slack-request-timestamp': String(timestamp), 'x-slack-signature': slackSignature(signingSecret, timestamp, body) },
      body,
    })
    expect(response.status).toBe(200)

    const threadId = `slack:${teamId}:C0SUL:${digestTs}`
    const findTurn = () => database.db.selectFrom('agent_turns').select(['ok', 'answer', 'plan']).where('thread_id', '=', threadId).executeTakeFirst()
    await expect.poll(findTurn, { timeout: 30_000, interval: 250, message: 'no agent turn in the digest’s thread: does the composition root give the Slack surface digestThreads?' }).toBeDefined()
    const turn = (await findTurn())!
    const plan = turn.plan as QueryPlan
    expect(turn.ok, turn.answer).toBe(true)
    expect(plan.dimensions).toEqual(['category'])
    expect(plan.filters).toEqual([expect.objectContaining({ dimension: 'region', values: [sul.id] })])
    // The Tuesday digest covers Monday.
    expect(plan.timeRange).toMatchObject({ start: '2026-03-09', end: '2026-03-09' })

    // The answer replaced the placeholder posted in the digest's thread.
    const placeholder = slack.callsTo('chat.postMessage').find((c) => c.args.channel === 'C0SUL' && c.args.thread_ts === digestTs)
    expect(placeholder).toBeDefined()
    await expect.poll(() => slack.callsTo('chat.update').some((c) => c.args.ts === placeholder!.response!.ts && JSON.stringify(c.args.blocks ?? []).includes('Sul')), { timeout: 30_000, interval: 250 }).toBe(true)
  })
})
