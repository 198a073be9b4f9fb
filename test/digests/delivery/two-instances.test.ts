/**
 * Two app instances — two pools, two queue workers — on one PostgreSQL database, ticking at the same fire times over
 * and over, concurrently: every schedule posts exactly once per fire time. (PostgreSQL only: PGlite is one process.)
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openDatabase, type DatabaseHandle } from '../../../src/db/open-database.js'
import { createDigestDeliveryWorker } from '../../../src/digests/delivery/deliver-digest.js'
import { insertDigestDelivery } from '../../../src/digests/delivery/digest-delivery.repository.js'
import { DeliveryInFlightError } from '../../../src/digests/delivery/delivery-errors.js'
import { createSlackDigestDeliverer } from '../../../src/digests/delivery/slack-digest-deliverer.js'
import { createTestDatabase, serverUrl, type TestDatabase } from '../../support/test-database.js'
import { digestBotToken, startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.js'
import { createFixedDigestComposer } from './support/fixed-digest-composer.js'
import { createDigestInstance, createManualClock, deliveriesOf, scheduleDigest, silentLogger, type DigestInstance } from './support/digest-harness.js'

describe.skipIf(!serverUrl)('digests with two app instances on one PostgreSQL database', () => {
  let database: TestDatabase
  let secondHandle: DatabaseHandle
  let slack: SlackApiStandIn
  let first: DigestInstance
  let second: DigestInstance
  const clock = createManualClock('2026-03-01T15:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase('server')
    secondHandle = await openDatabase({ kind: 'server', url: database.connectionString, poolSize: 4 })
    slack = await startSlackApiStandIn()
    first = createDigestInstance(database, { clock, slackApiUrl: slack.url })
    second = createDigestInstance(secondHandle, { clock, slackApiUrl: slack.url })
    await Promise.all([first.service.start(), second.service.start()])
  })
  afterAll(async () => {
    await Promise.all([first?.service.stop(), second?.service.stop()])
    await secondHandle?.close()
    await slack?.close()
    await database?.close()
  })

  /** Both instances tick, several times each, all at once. */
  const tickEverywhere = () => Promise.all([first.service.tick(), second.service.tick(), first.service.tick(), second.service.tick(), second.service.tick(), first.service.tick()])
  const postsTo = (channel: string) => slack.callsTo('chat.postMessage', { okOnly: true }).filter((c) => c.args.channel === channel)
  const jobCount = async () => (await database.pool.query<{ n: number }>(`select count(*)::int as n from pgboss.job where name = 'digest-deliver'`)).rows[0]!.n

  it('posts each digest once per schedule and fire time', async () => {
    const daily = await scheduleDigest(database.db, { name: 'daily SP', cron: '0 8 * * *', destination: { kind: 'slack', channelId: 'C0TWIN001' } }, clock())
    const weekly = await scheduleDigest(database.db, { name: 'weekly NY', cron: '0 9 * * 1', timeZone: 'America/New_York', destination: { kind: 'slack', channelId: 'C0TWIN002' } }, clock())
    const inbox = await scheduleDigest(database.db, { name: 'daily inbox', cron: '0 8 * * *', destination: { kind: 'web', inbox: 'twins' } }, clock())

    for (const instant of ['2026-03-02T11:00:05Z', '2026-03-02T11:00:40Z', '2026-03-02T14:00:05Z', '2026-03-02T14:02:00Z', '2026-03-03T11:00:05Z']) {
      clock.set(instant)
      await tickEverywhere()
      await tickEverywhere()
    }

    await expect.poll(async () => [...(await deliveriesOf(database.db, daily.id)), ...(await deliveriesOf(database.db, weekly.id)), ...(await deliveriesOf(database.db, inbox.id))].map((d) => d.status)).toEqual(['sent', 'sent', 'sent', 'sent', 'sent'])
    expect((await deliveriesOf(database.db, daily.id)).map((d) => d.fire_at.toISOString())).toEqual(['2026-03-02T11:00:00.000Z', '2026-03-03T11:00:00.000Z'])
    expect((await deliveriesOf(database.db, weekly.id)).map((d) => d.fire_at.toISOString())).toEqual(['2026-03-02T14:00:00.000Z'])

    // Give both workers a few more polls, and tick again: nothing more may arrive.
    await tickEverywhere()
    await new Promise((resolve) => setTimeout(resolve, 1500))
    expect(postsTo('C0TWIN001')).toHaveLength(2)
    expect(postsTo('C0TWIN002')).toHaveLength(1)
    const inboxRows = await database.db.selectFrom('digest_inbox_messages').select(['id', 'delivery_id']).where('inbox', '=', 'twins').execute()
    expect(inboxRows).toHaveLength(2)
    expect(await jobCount()).toBe(5)

    // The log holds the Slack message ts of each post, and each ts is the one Slack answered.
    const dailyLog = await deliveriesOf(database.db, daily.id)
    expect(dailyLog.every((d) => d.attempts === 1 && d.channel_id === 'C0TWIN001')).toBe(true)
    expect(new Set(dailyLog.map((d) => d.message_id)).size).toBe(2)
    expect((await deliveriesOf(database.db, inbox.id)).map((d) => d.message_id).sort()).toEqual(inboxRows.map((r) => `web:${r.id}`).sort())
  })

  it('lets only one of two workers post a delivery both pick up at the same moment', async () => {
    const schedule = await scheduleDigest(database.db, { name: 'race', cron: '0 8 * * *', destination: { kind: 'slack', channelId: 'C0RACE001' } }, clock())
    const deliveryId = await database.db.transaction().execute((trx) => insertDigestDelivery(trx, { scheduleId: schedule.id, fireAt: new Date('2026-03-04T11:00:00Z'), status: 'pending', late: false, trigger: 'manual', now: clock() }))
    const workerOn = (db: typeof database.db) =>
      createDigestDeliveryWorker({
        db,
        composer: createFixedDigestComposer(),
        deliverers: [createSlackDigestDeliverer({ botToken: digestBotToken, apiUrl: slack.url, logger: silentLogger })],
        clock,
        logger: silentLogger,
        claimTimeoutSeconds: 600,
      })
    const outcomes = await Promise.allSettled([workerOn(database.db)(deliveryId!), workerOn(secondHandle.db)(deliveryId!)])

    const sent = outcomes.filter((o) => o.status === 'fulfilled' && o.value === 'sent')
    const others = outcomes.filter((o) => !(o.status === 'fulfilled' && o.value === 'sent'))
    expect(sent).toHaveLength(1)
    // The other found it taken (still being posted) or already sent.
    expect(others.every((o) => (o.status === 'rejected' && o.reason instanceof DeliveryInFlightError) || (o.status === 'fulfilled' && o.value === 'already_done'))).toBe(true)
    expect(postsTo('C0RACE001')).toHaveLength(1)
  })
})
