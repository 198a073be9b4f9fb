/**
 * Sale drafts awaiting their rep's confirmation, in PostgreSQL (table pending_sales) so a restart or another
 * replica can confirm them. Repository functions take the db or a transaction first, so they compose.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database, PendingSaleStatus } from '../db/schema.js'
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
}

export interface NewPendingSale {
  readonly id: string
  readonly threadId: string
  readonly userId: string
  readonly repId: number
  readonly draft: SaleDraft
  readonly language: Language
  readonly createdAt: Date
  readonly expiresAt: Date
}

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
    })
    .execute()
}

/** With `lock`, holds the row until the transaction ends: two confirmations of one sale run one after the other. */
export async function findPendingSale(db: Db, id: string, options: { lock?: boolean } = {}): Promise<PendingSale | undefined> {
  let query = db.selectFrom('pending_sales').selectAll().where('id', '=', id)
  if (options.lock) query = query.forUpdate()
  const row = await query.executeTakeFirst()
  if (!row) return undefined
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
    orderId: row.order_id,
  }
}

export async function settlePendingSale(db: Db, id: string, change: { status: Exclude<PendingSaleStatus, 'pending'>; at: Date; orderId?: number }): Promise<void> {
  await db
    .updateTable('pending_sales')
    .set({ status: change.status, decided_at: change.at, ...(change.orderId !== undefined ? { order_id: change.orderId } : {}) })
    .where('id', '=', id)
    .execute()
}
