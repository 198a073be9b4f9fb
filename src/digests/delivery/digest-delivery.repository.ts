/**
 * The delivery log — table digest_deliveries, migration 014: one row per schedule and fire time, moved along
 * pending → sending → sent | failed (or recorded as skipped). Each state change is one short statement, so no
 * transaction is ever held open while a platform is being called.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, DigestDeliveriesTable, DigestDeliveryStatus } from '../../db/schema.js'
import type { DigestContent, DigestScope } from '../digest-contract.js'

type Db = Kysely<Database> | Transaction<Database>

export interface DigestDelivery {
  readonly id: number
  readonly scheduleId: number
  readonly fireAt: Date
  readonly trigger: 'schedule' | 'manual'
  readonly status: DigestDeliveryStatus
  readonly late: boolean
  readonly attempts: number
  readonly lastError: string | null
  readonly messageId: string | null
  readonly channelId: string | null
  readonly postedAt: Date | null
  readonly createdAt: Date
  readonly updatedAt: Date
}

const toDelivery = (row: Selectable<DigestDeliveriesTable>): DigestDelivery => ({
  id: row.id,
  scheduleId: row.schedule_id,
  fireAt: row.fire_at,
  trigger: row.trigger,
  status: row.status,
  late: row.late,
  attempts: row.attempts,
  lastError: row.last_error,
  messageId: row.message_id,
  channelId: row.channel_id,
  postedAt: row.posted_at,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
})

/** Newest fire time first. */
export async function listDigestDeliveries(db: Db, filter: { scheduleId?: number; limit?: number } = {}): Promise<DigestDelivery[]> {
  let query = db.selectFrom('digest_deliveries').selectAll()
  if (filter.scheduleId !== undefined) query = query.where('schedule_id', '=', filter.scheduleId)
  return (await query.orderBy('fire_at', 'desc').orderBy('id', 'desc').limit(filter.limit ?? 100).execute()).map(toDelivery)
}

export async function findDigestDelivery(db: Db, id: number): Promise<DigestDelivery | undefined> {
  const row = await db.selectFrom('digest_deliveries').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toDelivery(row) : undefined
}

/**
 * Records a fire time; undefined when it is already recorded (unique on schedule and fire time) — then some other
 * tick, perhaps on another instance, owns it and this one must not enqueue it again.
 */
export async function insertDigestDelivery(
  trx: Transaction<Database>,
  row: { scheduleId: number; fireAt: Date; status: 'pending' | 'skipped'; late: boolean; trigger: 'schedule' | 'manual'; now: Date },
): Promise<number | undefined> {
  const inserted = await trx
    .insertInto('digest_deliveries')
    .values({ schedule_id: row.scheduleId, fire_at: row.fireAt, status: row.status, late: row.late, trigger: row.trigger, created_at: row.now, updated_at: row.now })
    .onConflict((oc) => oc.columns(['schedule_id', 'fire_at']).doNothing())
    .returning('id')
    .executeTakeFirst()
  return inserted?.id
}

export type Claim = { readonly ok: true; readonly attempt: number; readonly reclaimed: boolean } | { readonly ok: false; readonly status: DigestDeliveryStatus | undefined }

/**
 * Takes a delivery for one attempt: pending or failed rows, or a 'sending' row whose claim is older than
 * `staleBefore` (that attempt died mid-post). One UPDATE, so of two workers racing for a row exactly one wins.
 */
export async function claimDigestDelivery(db: Db, id: number, at: { now: Date; staleBefore: Date }): Promise<Claim> {
  const { rows } = await sql<{ attempts: number; previous_status: DigestDeliveryStatus }>`
    update digest_deliveries d
       set status = 'sending', attempts = d.attempts + 1, claimed_at = ${at.now}, updated_at = ${at.now}
      from (select id, status as previous_status from digest_deliveries where id = ${id} for update) p
     where d.id = p.id
       and (d.status in ('pending', 'failed') or (d.status = 'sending' and d.claimed_at < ${at.staleBefore}))
     returning d.attempts, p.previous_status`.execute(db)
  const claimed = rows[0]
  if (claimed) return { ok: true, attempt: claimed.attempts, reclaimed: claimed.previous_status === 'sending' }
  return { ok: false, status: (await findDigestDelivery(db, id))?.status }
}

/** Records the post; false when this attempt no longer holds the claim (it was declared dead and retaken). */
export async function markDigestDeliverySent(
  db: Db,
  id: number,
  attempt: number,
  result: { messageId: string; channelId: string | null; context: DigestDeliveryContext; now: Date },
): Promise<boolean> {
  const updated = await db
    .updateTable('digest_deliveries')
    .set({ status: 'sent', message_id: result.messageId, channel_id: result.channelId, context: JSON.stringify(result.context), posted_at: result.now, updated_at: result.now, last_error: null, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempt)
    .executeTakeFirst()
  return updated.numUpdatedRows > 0n
}

export async function markDigestDeliveryFailed(db: Db, id: number, attempt: number, failure: { error: string; now: Date }): Promise<boolean> {
  const updated = await db
    .updateTable('digest_deliveries')
    .set({ status: 'failed', last_error: failure.error, updated_at: failure.now, claimed_at: null })
    .where('id', '=', id)
    .where('status', '=', 'sending')
    .where('attempts', '=', attempt)
    .executeTakeFirst()
  return updated.numUpdatedRows > 0n
}

/** Stored with a sent delivery: what a reply in the digest's thread starts from. */
export interface DigestDeliveryContext {
  readonly schedule: { readonly id: number; readonly name: string }
  readonly scope: DigestScope
  readonly period: DigestContent['period']
  readonly language: DigestContent['language']
  readonly startingContext: DigestContent['startingContext']
}

export interface DigestThread {
  readonly deliveryId: number
  readonly scheduleId: number
  readonly context: DigestDeliveryContext
}

/** The digest posted as this message in this channel (Slack: channel id + ts), if it was one. */
export async function findDigestThread(db: Db, message: { channelId: string; messageId: string }): Promise<DigestThread | undefined> {
  const row = await db
    .selectFrom('digest_deliveries')
    .select(['id', 'schedule_id', 'context'])
    .where('channel_id', '=', message.channelId)
    .where('message_id', '=', message.messageId)
    .where('status', '=', 'sent')
    .executeTakeFirst()
  return row ? { deliveryId: row.id, scheduleId: row.schedule_id, context: row.context as DigestDeliveryContext } : undefined
}

/** The context a sent delivery left for replies (the web inbox's "Reply" starts a thread from it). */
export async function findDigestContext(db: Db, deliveryId: number): Promise<DigestDeliveryContext | undefined> {
  const row = await db.selectFrom('digest_deliveries').select('context').where('id', '=', deliveryId).where('status', '=', 'sent').executeTakeFirst()
  return (row?.context as DigestDeliveryContext | null | undefined) ?? undefined
}
