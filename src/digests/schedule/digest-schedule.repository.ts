/**
 * Digest schedules — table digest_schedules, migration 014. Writes are validated whole (a patch is merged first),
 * audited in the same transaction, and keep the tick's watermark honest: a schedule that is created, re-enabled or
 * re-timed starts counting fire times from that moment, so it never back-fills time it was not running under.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, DigestSchedulesTable } from '../../db/schema.js'
import { recordAudit, type Actor } from '../../domain/audit/audit.repository.js'
import { translateDatabaseError } from '../../db/translate-database-error.js'
import { AppError, notFound, type FieldProblem } from '../../errors/app-error.js'
import type { DigestDestination, DigestPeriodKind, DigestSchedule, DigestScope, DigestSection } from '../digest-contract.js'
import { defaultPeriodOf } from './cron-schedule.js'
import { validateSchedule, type DigestScheduleInput, type ValidDigestSchedule } from './validate-schedule.js'

type Db = Kysely<Database> | Transaction<Database>

type ScheduleRow = Selectable<DigestSchedulesTable> & { region_name: string | null; category_name: string | null }

/** The columns of a schedule with its region and category names (for DigestScope). */
const selectSchedules = (db: Db) =>
  db
    .selectFrom('digest_schedules as s')
    .leftJoin('regions as r', 'r.id', 's.region_id')
    .leftJoin('categories as c', 'c.id', 's.category_id')
    .selectAll('s')
    .select(['r.name as region_name', 'c.name as category_name'])

export function destinationOf(row: Pick<ScheduleRow, 'destination_kind' | 'destination_id' | 'teams_service_url' | 'teams_tenant_id'>): DigestDestination {
  switch (row.destination_kind) {
    case 'slack':
      return { kind: 'slack', channelId: row.destination_id }
    case 'teams':
      return { kind: 'teams', conversationId: row.destination_id, serviceUrl: row.teams_service_url ?? '', ...(row.teams_tenant_id ? { tenantId: row.teams_tenant_id } : {}) }
    case 'web':
      return { kind: 'web', inbox: row.destination_id }
  }
}

const scopeOf = (row: ScheduleRow): DigestScope => ({
  ...(row.region_id !== null ? { region: { id: row.region_id, name: row.region_name ?? String(row.region_id) } } : {}),
  ...(row.category_id !== null ? { category: { id: row.category_id, name: row.category_name ?? String(row.category_id) } } : {}),
})

const toSchedule = (row: ScheduleRow): DigestSchedule => ({
  id: row.id,
  name: row.name,
  destination: destinationOf(row),
  cron: row.cron,
  timeZone: row.time_zone,
  language: row.language,
  scope: scopeOf(row),
  sections: row.sections as DigestSection[],
  period: row.period as DigestPeriodKind,
  latePolicy: row.late_policy,
  enabled: row.enabled,
  createdBy: row.created_by,
  createdAt: row.created_at,
})

const columnsOf = (s: ValidDigestSchedule) => ({
  name: s.name,
  destination_kind: s.destination.kind,
  destination_id: s.destination.kind === 'slack' ? s.destination.channelId : s.destination.kind === 'teams' ? s.destination.conversationId : s.destination.inbox,
  teams_service_url: s.destination.kind === 'teams' ? s.destination.serviceUrl : null,
  teams_tenant_id: s.destination.kind === 'teams' ? (s.destination.tenantId ?? null) : null,
  cron: s.cron,
  time_zone: s.timeZone,
  language: s.language,
  region_id: s.regionId,
  category_id: s.categoryId,
  sections: [...s.sections],
  period: s.period,
  late_policy: s.latePolicy,
  enabled: s.enabled,
})

/** The schedule as an input again, so a patch can be merged over it and the whole re-validated. */
const inputOf = (s: DigestSchedule): DigestScheduleInput => ({
  name: s.name,
  destination: s.destination,
  cron: s.cron,
  timeZone: s.timeZone,
  language: s.language,
  regionId: s.scope.region?.id ?? null,
  categoryId: s.scope.category?.id ?? null,
  sections: s.sections,
  period: s.period,
  latePolicy: s.latePolicy,
  enabled: s.enabled,
})

export async function listDigestSchedules(db: Db): Promise<DigestSchedule[]> {
  return (await selectSchedules(db).orderBy('s.id').execute()).map(toSchedule)
}

export async function findDigestSchedule(db: Db, id: number): Promise<DigestSchedule | undefined> {
  const row = await selectSchedules(db).where('s.id', '=', id).executeTakeFirst()
  return row ? toSchedule(row) : undefined
}

export async function digestScheduleOrThrow(db: Db, id: number): Promise<DigestSchedule> {
  const schedule = await findDigestSchedule(db, id)
  if (!schedule) throw notFound('Digest schedule', id)
  return schedule
}

/** Unknown region or category ids, as field problems (the foreign keys would refuse them less helpfully). */
async function checkScopeIds(db: Db, s: ValidDigestSchedule): Promise<void> {
  const problems: FieldProblem[] = []
  if (s.regionId !== null && !(await db.selectFrom('regions').select('id').where('id', '=', s.regionId).executeTakeFirst())) {
    problems.push({ path: 'region_id', message: `region ${s.regionId} does not exist; GET /api/regions lists them (null = every region)` })
  }
  if (s.categoryId !== null && !(await db.selectFrom('categories').select('id').where('id', '=', s.categoryId).executeTakeFirst())) {
    problems.push({ path: 'category_id', message: `category ${s.categoryId} does not exist; GET /api/categories lists them (null = every category)` })
  }
  if (problems.length) throw new AppError('validation_failed', `The digest schedule is not valid: ${problems[0]!.path} ${problems[0]!.message}`, { fields: problems })
}

export async function createDigestSchedule(db: Kysely<Database>, schedule: ValidDigestSchedule, actor: Actor, now: Date): Promise<DigestSchedule> {
  try {
    return await db.transaction().execute(async (trx) => {
      await checkScopeIds(trx, schedule)
      const { id } = await trx
        .insertInto('digest_schedules')
        .values({ ...columnsOf(schedule), last_evaluated_at: now, created_by: actor.name, created_at: now, updated_at: now })
        .returning('id')
        .executeTakeFirstOrThrow()
      const created = await digestScheduleOrThrow(trx, id)
      await recordAudit(trx, actor, { action: 'create', entity: 'digest_schedules', entityId: id, after: created })
      return created
    })
  } catch (error) {
    throw translateDatabaseError(error) ?? error
  }
}

export async function updateDigestSchedule(
  db: Kysely<Database>,
  id: number,
  patch: Partial<DigestScheduleInput>,
  actor: Actor,
  options: { now: Date; defaultTimeZone: string },
): Promise<DigestSchedule> {
  try {
    return await db.transaction().execute(async (trx) => {
      // Locked like the tick locks it, so a concurrent tick sees either the old schedule or the new one whole.
      const locked = await trx.selectFrom('digest_schedules').select(['id', 'cron', 'time_zone', 'enabled']).where('id', '=', id).forUpdate().executeTakeFirst()
      if (!locked) throw notFound('Digest schedule', id)
      const before = await digestScheduleOrThrow(trx, id)
      const defined = Object.fromEntries(Object.entries(patch).filter(([, v]) => v !== undefined)) as Partial<DigestScheduleInput>
      // A period that was the old cron's default follows the new cron (weekly → daily: previous_week → previous_day).
      const periodFollowsCron = defined.cron !== undefined && defined.period === undefined && before.period === defaultPeriodOf(before.cron)
      const next = validateSchedule({ ...inputOf(before), ...defined, ...(periodFollowsCron ? { period: undefined } : {}) }, { defaultTimeZone: options.defaultTimeZone })
      await checkScopeIds(trx, next)
      const restarts = next.cron !== locked.cron || next.timeZone !== locked.time_zone || (next.enabled && !locked.enabled)
      await trx
        .updateTable('digest_schedules')
        .set({ ...columnsOf(next), updated_at: options.now, ...(restarts ? { last_evaluated_at: options.now } : {}) })
        .where('id', '=', id)
        .execute()
      const after = await digestScheduleOrThrow(trx, id)
      await recordAudit(trx, actor, { action: 'update', entity: 'digest_schedules', entityId: id, before, after })
      return after
    })
  } catch (error) {
    throw translateDatabaseError(error) ?? error
  }
}

/** Deletes the schedule with its delivery log and inbox messages (jobs still queued for it find nothing and end). */
export async function deleteDigestSchedule(db: Kysely<Database>, id: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findDigestSchedule(trx, id)
    if (!before) throw notFound('Digest schedule', id)
    await trx.deleteFrom('digest_schedules').where('id', '=', id).execute()
    await recordAudit(trx, actor, { action: 'delete', entity: 'digest_schedules', entityId: id, before })
  })
}
