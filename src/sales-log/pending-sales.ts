/**
 * Sale drafts awaiting their rep's confirmation, in PostgreSQL (table pending_sales) so a restart or another
 * replica can confirm them. Repository functions take the db or a transaction first, so they compose.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, PendingSaleSource, PendingSaleStatus, PendingSalesTable } from '../db/schema.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SaleDraft } from './parse-sale-message.js'

type Db = Kysely<Database> | Transaction<Database>

export interface PendingSale {
  readonly id: string
  readonly threadId: string
  readonly userId: string
  readonly repId: number
  readonly draft: SaleDraft
  readonly language: Language
  readonly createdAt: Date
  readonly expiresAt: Date
  readonly status: PendingSaleStatus
  readonly orderId: number | null
  /** When it was confirmed, cancelled or expired. */
  readonly decidedAt: Date | null
  readonly source: PendingSaleSource | null
  /** Why it was cancelled when the rep did not cancel it ('replaced', 'edited'). */
  readonly reason: string | null
  readonly undoneOrderId: number | null
  readonly undoneAt: Date | null
}

/** A draft as it is first stored: the fields it starts with, the rest come with its decision. */
export type NewPendingSale = Pick<PendingSale, 'id' | 'threadId' | 'userId' | 'repId' | 'draft' | 'language' | 'createdAt' | 'expiresAt'> & {
  readonly source?: PendingSaleSource | undefined
}

/** Statuses a draft can still be confirmed, edited or cancelled from. */
export const openStatuses = ['pending', 'acknowledged'] as const satisfies readonly PendingSaleStatus[]

export async function insertPendingSale(db: Db, sale: NewPendingSale): Promise<void> {
  await db
    .insertInto('pending_sales')
    .values({
      id: sale.id,
      thread_id: sale.threadId,
      user_id: sale.userId,
      rep_id: sale.repId,
      draft: JSON.stringify(sale.draft),
      language: sale.language,
      created_at: sale.createdAt,
      expires_at: sale.expiresAt,
      source: sale.source ?? null,
    })
    .execute()
}

/** With `lock`, holds the row until the transaction ends: two confirmations of one sale run one after the other. */
export async function findPendingSale(db: Db, id: string, options: { lock?: boolean } = {}): Promise<PendingSale | undefined> {
  let query = db.selectFrom('pending_sales').selectAll().where('id', '=', id)
  if (options.lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  return row ? toPendingSale(row) : undefined
}

/** The user's open (not expired) drafts in a thread, locked: a new message there replaces them. */
export async function findOpenPendingSales(db: Db, where: { threadId: string; userId: string; now: Date }): Promise<PendingSale[]> {
  const rows = await db
    .selectFrom('pending_sales')
    .selectAll()
    .where('thread_id', '=', where.threadId)
    .where('user_id', '=', where.userId)
    .where('status', 'in', openStatuses)
    .where('expires_at', '>', where.now)
    .orderBy('created_at', 'desc')
    .forUpdate()
    .execute()
  return rows.map(toPendingSale)
}

/**
 * The user's most recently recorded sale — in a thread, or with a given order — confirmed or already undone, so
 * a second "undo" finds the undone one (and says so) instead of reaching back to an older sale.
 */
export async function findLastRecordedSale(db: Db, where: { userId: string; threadId?: string | undefined; orderId?: number | undefined }, options: { lock?: boolean } = {}): Promise<PendingSale | undefined> {
  let query = db
    .selectFrom('pending_sales')
    .selectAll()
    .where('user_id', '=', where.userId)
    .where('status', 'in', ['confirmed', 'undone'])
    .orderBy('decided_at', 'desc')
    .orderBy('created_at', 'desc')
    .limit(1)
  if (where.threadId !== undefined) query = query.where('thread_id', '=', where.threadId)
  if (where.orderId !== undefined) query = query.where((eb) => eb.or([eb('order_id', '=', where.orderId!), eb('undone_order_id', '=', where.orderId!)]))
  if (options.lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  return row ? toPendingSale(row) : undefined
}

/** Whoever logged the sale that became this order (any user), to refuse another user's undo by name. */
export async function findSaleOfOrder(db: Db, orderId: number): Promise<PendingSale | undefined> {
  const row = await db
    .selectFrom('pending_sales')
    .selectAll()
    .where((eb) => eb.or([eb('order_id', '=', orderId), eb('undone_order_id', '=', orderId)]))
    .limit(1)
    .executeTakeFirst()
  return row ? toPendingSale(row) : undefined
}

export async function settlePendingSale(db: Db, id: string, change: { status: Exclude<PendingSaleStatus, 'pending' | 'acknowledged' | 'undone'>; at: Date; orderId?: number; reason?: string }): Promise<void> {
  await db
    .updateTable('pending_sales')
    .set({
      status: change.status,
      decided_at: change.at,
      ...(change.orderId !== undefined ? { order_id: change.orderId } : {}),
      ...(change.reason !== undefined ? { reason: change.reason } : {}),
    })
    .where('id', '=', id)
    .execute()
}

/** An unusual sale whose warning was shown: the next Confirm records it. */
export async function acknowledgePendingSale(db: Db, id: string): Promise<void> {
  await db.updateTable('pending_sales').set({ status: 'acknowledged' }).where('id', '=', id).where('status', '=', 'pending').execute()
}

/** Keeps the deleted order's id (order_id itself is set null by the delete). */
export async function markPendingSaleUndone(db: Db, id: string, change: { orderId: number; at: Date }): Promise<void> {
  await db.updateTable('pending_sales').set({ status: 'undone', undone_order_id: change.orderId, undone_at: change.at, order_id: null }).where('id', '=', id).execute()
}

function toPendingSale(row: Selectable<PendingSalesTable>): PendingSale {
  return {
    id: row.id,
    threadId: row.thread_id,
    userId: row.user_id,
    repId: row.rep_id,
    draft: (typeof row.draft === 'string' ? JSON.parse(row.draft) : row.draft) as SaleDraft,
    language: row.language,
    createdAt: new Date(row.created_at),
    expiresAt: new Date(row.expires_at),
    status: row.status,
    orderId: row.order_id === null ? null : Number(row.order_id),
    decidedAt: row.decided_at === null ? null : new Date(row.decided_at),
    source: row.source,
    reason: row.reason,
    undoneOrderId: row.undone_order_id === null ? null : Number(row.undone_order_id),
    undoneAt: row.undone_at === null ? null : new Date(row.undone_at),
  }
}
