/**
 * After downtime the tick finds many missed fire times: 'post_late' posts the most recent one (once, marked late) and
 * records the older ones as skipped; 'skip' posts none. Nothing is ever posted twice for one fire time.
 */
import { afterAll, afterEach, beforeAll, expect, it } from 'vitest'
import { updateDigestSchedule } from '../../../src/digests/schedule/digest-schedule.repository.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { startSlackApiStandIn, type SlackApiStandIn } from '../support/slack-api-stand-in.js'
import { createDigestInstance, createManualClock, deliveriesOf, scheduleDigest, testActor, type DigestInstance } from './support/digest-harness.js'

describeEachDatabase('digests after downtime', (kind) => {
  let database: TestDatabase
  let slack: SlackApiStandIn
  let instance: DigestInstance
  const clock = createManualClock('2026-03-01T15:00:00Z')

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    slack = await startSlackApiStandIn()
    instance = createDigestInstance(database, { clock, slackApiUrl: slack.url })
    await instance.service.start()
  })
  afterAll(async () => {
    await instance?.service.stop()
    await slack?.close()
    await database?.close()
  })

  // Each test's tick reports count only its own schedule.
  afterEach(async () => {
    await database.db.deleteFrom('digest_schedules').execute()
  })

  const postsTo = (channel: string) => slack.callsTo('chat.postMessage', { okOnly: true }).filter((c) => c.args.channel === channel)

  it("posts one late digest for three weeks of missed days under 'post_late', and records the rest as skipped", async () => {
    clock.set('2026-03-01T15:00:00Z')
    const schedule = await scheduleDigest(database.db, { name: 'catch up', cron: '0 8 * * *', latePolicy: 'post_late', destination: { kind: 'slack', channelId: 'C0LATE001' } }, clock())
    clock.set('2026-03-22T15:00:00Z') // three weeks later, four hours after that day's 08:00

    expect(await instance.service.tick()).toEqual({ enqueued: 1, skipped: 20 })
    await expect.poll(async () => (await deliveriesOf(database.db, schedule.id)).filter((d) => d.status === 'sent').length).toBe(1)

    const log = await deliveriesOf(database.db, schedule.id)
    expect(log).toHaveLength(21)
    expect(log.slice(0, 20).every((d) => d.status === 'skipped' && d.message_id === null)).toBe(true)
    expect(log[20]).toMatchObject({ status: 'sent', late: true, fire_at: new Date('2026-03-22T11:00:00Z') })
    expect(postsTo('C0LATE001')).toHaveLength(1)
    expect(postsTo('C0LATE001')[0]!.args.text).toMatch(/^Daily sales digest \(late\)/)
    expect(instance.composer.requests.at(-1)!.today).toBe('2026-03-22')

    // Ticking again — or from a watermark that went back — finds the fire times already recorded.
    await database.db.updateTable('digest_schedules').set({ last_evaluated_at: new Date('2026-03-01T15:00:00Z') }).where('id', '=', schedule.id).execute()
    expect(await instance.service.tick()).toEqual({ enqueued: 0, skipped: 0 })
    expect(await deliveriesOf(database.db, schedule.id)).toHaveLength(21)
  })

  it("posts nothing for missed fire times under 'skip'", async () => {
    clock.set('2026-03-01T15:00:00Z')
    const schedule = await scheduleDigest(database.db, { name: 'no catch up', cron: '0 8 * * *', latePolicy: 'skip', destination: { kind: 'slack', channelId: 'C0SKIP001' } }, clock())
    clock.set('2026-03-22T15:00:00Z')

    expect(await instance.service.tick()).toEqual({ enqueued: 0, skipped: 21 })
    expect((await deliveriesOf(database.db, schedule.id)).every((d) => d.status === 'skipped')).toBe(true)
    // Tomorrow's fire time is on time again and is posted.
    clock.set('2026-03-23T11:00:30Z')
    expect(await instance.service.tick()).toEqual({ enqueued: 1, skipped: 0 })
    await expect.poll(() => postsTo('C0SKIP001').length).toBe(1)
  })

  it('does not back-fill the time a schedule was disabled', async () => {
    clock.set('2026-03-01T15:00:00Z')
    const schedule = await scheduleDigest(database.db, { name: 'paused', cron: '0 8 * * *', destination: { kind: 'slack', channelId: 'C0PAUSE01' } }, clock())
    await updateDigestSchedule(database.db, schedule.id, { enabled: false }, testActor, { now: clock(), defaultTimeZone: 'America/Sao_Paulo' })
    clock.set('2026-03-10T15:00:00Z')
    expect(await instance.service.tick()).toEqual({ enqueued: 0, skipped: 0 })

    await updateDigestSchedule(database.db, schedule.id, { enabled: true }, testActor, { now: clock(), defaultTimeZone: 'America/Sao_Paulo' })
    expect(await instance.service.tick()).toEqual({ enqueued: 0, skipped: 0 })
    clock.set('2026-03-11T11:00:10Z')
    expect(await instance.service.tick()).toEqual({ enqueued: 1, skipped: 0 })
    expect((await deliveriesOf(database.db, schedule.id)).map((d) => d.fire_at.toISOString())).toEqual(['2026-03-11T11:00:00.000Z'])
  })
})
