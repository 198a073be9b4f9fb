/**
 * Digest schedules in the database: scope names resolved, unknown region or category ids refused by field, patches
 * validated whole, the tick's watermark restarted by re-timing, every write audited. One database suffices (the server
 * when there is one: a PGlite start costs seconds); the delivery suites run on both.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { AppError } from '../../../src/errors/app-error.js'
import { createDigestSchedule, deleteDigestSchedule, findDigestSchedule, listDigestSchedules, updateDigestSchedule } from '../../../src/digests/schedule/digest-schedule.repository.js'
import { validateSchedule, type DigestScheduleInput } from '../../../src/digests/schedule/validate-schedule.js'
import { createTestDatabase, serverUrl, type TestDatabase } from '../../support/test-database.js'

const actor = { keyId: null, name: 'test:schedules' }
const options = { defaultTimeZone: 'America/Sao_Paulo' }
const created = new Date('2026-03-01T15:00:00Z')

describe('digest schedule repository', () => {
  let database: TestDatabase
  let regionId: number
  let categoryId: number

  beforeAll(async () => {
    database = await createTestDatabase(serverUrl ? 'server' : 'embedded')
    regionId = (await database.db.insertInto('regions').values({ name: 'Nordeste' }).returning('id').executeTakeFirstOrThrow()).id
    categoryId = (await database.db.insertInto('categories').values({ name: 'Bebidas' }).returning('id').executeTakeFirstOrThrow()).id
  })
  afterAll(async () => {
    await database?.close()
  })

  const create = (input: Partial<DigestScheduleInput> = {}) =>
    createDigestSchedule(database.db, validateSchedule({ name: 'Nordeste weekly', destination: { kind: 'slack', channelId: 'C0REPO001' }, cron: '0 8 * * 1', ...input }, options), actor, created)
  const watermarkOf = async (id: number) => (await database.db.selectFrom('digest_schedules').select('last_evaluated_at').where('id', '=', id).executeTakeFirstOrThrow()).last_evaluated_at
  const fieldsOf = async (promise: Promise<unknown>) => {
    const error = await promise.then(() => undefined, (e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    return (error as AppError).details.fields?.map((f) => f.path)
  }

  it('stores a schedule with its scope named, starts its watermark at creation and audits it', async () => {
    const schedule = await create({ regionId, categoryId, language: 'pt' })
    expect(schedule).toMatchObject({ scope: { region: { id: regionId, name: 'Nordeste' }, category: { id: categoryId, name: 'Bebidas' } }, language: 'pt', createdBy: 'test:schedules' })
    expect(await findDigestSchedule(database.db, schedule.id)).toEqual(schedule)
    expect((await listDigestSchedules(database.db)).map((s) => s.id)).toContain(schedule.id)
    expect(await watermarkOf(schedule.id)).toEqual(created)
    const audit = await database.db.selectFrom('audit_log').select(['action', 'entity']).where('entity', '=', 'digest_schedules').where('entity_id', '=', String(schedule.id)).execute()
    expect(audit).toEqual([{ action: 'create', entity: 'digest_schedules' }])
  })

  it('refuses region and category ids that do not exist, by field', async () => {
    expect(await fieldsOf(create({ regionId: 987_654, categoryId: 876_543 }))).toEqual(['region_id', 'category_id'])
  })

  it('validates a patch merged over the schedule, and keeps the row when it fails', async () => {
    const schedule = await create()
    expect(await fieldsOf(updateDigestSchedule(database.db, schedule.id, { cron: '0 0 8 * * 1' }, actor, { now: created, ...options }))).toEqual(['cron'])
    expect((await findDigestSchedule(database.db, schedule.id))!.cron).toBe('0 8 * * 1')
  })

  it('restarts the watermark when the schedule is re-timed, not when it is renamed', async () => {
    const schedule = await create()
    await updateDigestSchedule(database.db, schedule.id, { name: 'Renamed' }, actor, { now: new Date('2026-03-05T00:00:00Z'), ...options })
    expect(await watermarkOf(schedule.id)).toEqual(created)
    const retimed = await updateDigestSchedule(database.db, schedule.id, { timeZone: 'America/Manaus' }, actor, { now: new Date('2026-03-06T00:00:00Z'), ...options })
    expect(retimed).toMatchObject({ name: 'Renamed', timeZone: 'America/Manaus', period: 'previous_week' })
    expect(await watermarkOf(schedule.id)).toEqual(new Date('2026-03-06T00:00:00Z'))
  })

  it('keeps an explicit period when the cron changes', async () => {
    const schedule = await create({ period: 'month_to_date' })
    expect((await updateDigestSchedule(database.db, schedule.id, { cron: '0 8 * * *' }, actor, { now: created, ...options })).period).toBe('month_to_date')
  })

  it('deletes a schedule with its delivery log', async () => {
    const schedule = await create()
    await database.db.insertInto('digest_deliveries').values({ schedule_id: schedule.id, fire_at: new Date('2026-03-02T11:00:00Z'), status: 'skipped' }).execute()
    await deleteDigestSchedule(database.db, schedule.id, actor)
    expect(await findDigestSchedule(database.db, schedule.id)).toBeUndefined()
    expect(await database.db.selectFrom('digest_deliveries').select('id').where('schedule_id', '=', schedule.id).execute()).toEqual([])
    await expect(deleteDigestSchedule(database.db, schedule.id, actor)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('has the database refuse what validation would (the last line of defence)', async () => {
    const insert = (sections: string[]) =>
      database.db
        .insertInto('digest_schedules')
        .values({ name: 'x', destination_kind: 'slack', destination_id: 'C0X', cron: '0 8 * * *', time_zone: 'UTC', language: 'en', sections, period: 'previous_day', late_policy: 'skip', last_evaluated_at: created, created_by: 'test' })
        .execute()
    await expect(insert(['kpis', 'gossip'])).rejects.toMatchObject({ code: '23514' })
    await expect(insert([])).rejects.toMatchObject({ code: '23514' })
  })
})
