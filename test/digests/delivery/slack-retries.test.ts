/**
 * When Slack fails, the queue retries with backoff and the delivery log says what happened; when it recovers, the
 * digest is posted once. Runs on PGlite too: pg-boss works on the embedded database.
 */
import { afterAll, afterEach, beforeAll, beforeEach, expect, it } from 'vitest'
import { findDigestThread } from '../../../src/digests/delivery/digest-delivery.repository.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.js'
import { createDigestInstance, createManualClock, deliveriesOf, scheduleDigest, type DigestInstance } from './support/digest-harness.js'

describeEachDatabase('digest delivery to Slack', (kind) => {
  let database: TestDatabase
  let slack: SlackApiStandIn
  let instance: DigestInstance
  // Sunday 1 March 2026, noon in São Paulo (UTC−3, no DST since 2019).
  const clock = createManualClock('2026-03-01T15:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    slack = await startSlackApiStandIn()
    // Two retries, from 1 s with backoff: three attempts in a few seconds.
    instance = createDigestInstance(database, { clock, slackApiUrl: slack.url, chart: true, retry: { limit: 2, delaySeconds: 1, backoff: true } })
    await instance.service.start()
  })
  afterAll(async () => {
    await instance?.service.stop()
    await slack?.close()
    await database?.close()
  })
  beforeEach(() => clock.set('2026-03-01T15:00:00Z'))
  afterEach(() => {
    slack.recover('chat.postMessage')
  })

  it('posts the digest at its fire time with the chart in the thread, and logs the message ts', async () => {
    const schedule = await scheduleDigest(database.db, { name: 'on time', cron: '0 8 * * *' }, clock())
    clock.set('2026-03-02T11:00:20Z') // 08:00:20 in São Paulo
    expect(await instance.service.tick()).toEqual({ enqueued: 1, skipped: 0 })

    await expect.poll(async () => (await deliveriesOf(database.db, schedule.id)).map((d) => d.status)).toEqual(['sent'])
    const [delivery] = await deliveriesOf(database.db, schedule.id)
    const posts = slack.callsTo('chat.postMessage', { okOnly: true }).filter((c) => c.args.channel === 'C0DIGEST1')
    expect(posts).toHaveLength(1)
    expect(delivery).toMatchObject({ fire_at: new Date('2026-03-02T11:00:00Z'), attempts: 1, late: false, channel_id: 'C0DIGEST1', last_error: null })
    expect(delivery!.message_id).toMatch(/^1760000000\.\d{6}$/)
    // Today is the fire time's date where the schedule lives.
    expect(instance.composer.requests.at(-1)).toMatchObject({ today: '2026-03-02', period: 'previous_day', language: 'en' })
    const blocks = posts[0]!.args.blocks as { type: string; text?: { text: string } }[]
    expect(blocks[0]).toMatchObject({ type: 'header', text: { text: 'Daily sales digest' } })
    // A reply in the digest's thread finds what the digest was about.
    expect(await findDigestThread(database.db, { channelId: 'C0DIGEST1', messageId: delivery!.message_id! })).toMatchObject({
      deliveryId: delivery!.id,
      scheduleId: schedule.id,
      context: { schedule: { id: schedule.id, name: 'on time' }, scope: {}, period: { label: 'yesterday' }, startingContext: { understood: 'revenue yesterday' } },
    })
    await expect.poll(() => slack.callsTo('files.completeUploadExternal').length).toBeGreaterThan(0)
    expect(slack.callsTo('files.completeUploadExternal').at(-1)!.args).toMatchObject({ channel_id: 'C0DIGEST1', thread_ts: delivery!.message_id })
  })

  it('retries a failing Slack with backoff and, once it recovers, posts exactly one message', async () => {
    const schedule = await scheduleDigest(database.db, { name: 'flaky', cron: '0 8 * * *', destination: { kind: 'slack', channelId: 'C0FLAKY01' } }, clock())
    slack.failNext('chat.postMessage', { http: 500 }, { error: 'ratelimited' })
    clock.set('2026-03-02T11:00:20Z')
    await instance.service.tick()

    await expect.poll(async () => (await deliveriesOf(database.db, schedule.id))[0]?.status, { timeout: 30_000 }).toBe('sent')
    const [delivery] = await deliveriesOf(database.db, schedule.id)
    expect(delivery).toMatchObject({ attempts: 3, last_error: null })
    const attempts = slack.callsTo('chat.postMessage').filter((c) => c.args.channel === 'C0FLAKY01')
    expect(attempts.map((c) => c.outcome)).toEqual(['http_500', 'ratelimited', 'ok'])
  })

  it('leaves the delivery failed with the error once the retries are used up', async () => {
    const schedule = await scheduleDigest(database.db, { name: 'down', cron: '0 8 * * *', destination: { kind: 'slack', channelId: 'C0DOWN001' } }, clock())
    slack.failAlways('chat.postMessage', { error: 'internal_error' })
    clock.set('2026-03-02T11:00:20Z')
    await instance.service.tick()

    // The first attempt and two retries.
    await expect.poll(async () => (await deliveriesOf(database.db, schedule.id))[0]?.attempts, { timeout: 30_000 }).toBe(3)
    await expect.poll(async () => (await deliveriesOf(database.db, schedule.id))[0]?.status).toBe('failed')
    const [delivery] = await deliveriesOf(database.db, schedule.id)
    expect(delivery!.last_error).toContain('internal_error')
    expect(delivery!.message_id).toBeNull()
  })

  it('does not retry what retrying cannot fix (the bot is not in the channel)', async () => {
    const schedule = await scheduleDigest(database.db, { name: 'uninvited', cron: '0 8 * * *', destination: { kind: 'slack', channelId: 'C0NOTIN01' } }, clock())
    slack.failAlways('chat.postMessage', { error: 'not_in_channel' })
    clock.set('2026-03-02T11:00:20Z')
    await instance.service.tick()

    await expect.poll(async () => (await deliveriesOf(database.db, schedule.id))[0]?.status).toBe('failed')
    const [delivery] = await deliveriesOf(database.db, schedule.id)
    expect(delivery!.last_error).toMatch(/not_in_channel.*invite the bot/)
    // The job ended: no retry is waiting for it.
    const { rows } = await database.pool.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'digest-deliver' and state in ('created', 'retry', 'active')`)
    expect(rows[0]!.n).toBe(0)
    expect(delivery!.attempts).toBe(1)
  })
})
