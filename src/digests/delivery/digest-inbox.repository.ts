/** The web-chat inbox — table digest_inbox_messages, migration 014: digests addressed to an inbox, newest first. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'

type Db = Kysely<Database> | Transaction<Database>

export interface DigestInboxMessage {
  readonly id: number
  readonly inbox: string
  readonly deliveryId: number
  readonly title: string
  readonly summary: string
  readonly text: string
  readonly chart?: { readonly pngBase64: string; readonly alt: string }
  readonly createdAt: Date
}

/**
 * Stores a digest for an inbox, once per delivery: a repeated attempt for the same delivery updates the message it
 * already stored and gets the same id back, so the inbox never shows a digest twice.
 */
export async function storeDigestInboxMessage(
  db: Db,
  message: { inbox: string; deliveryId: number; title: string; summary: string; text: string; chart?: { pngBase64: string; alt: string } | undefined },
): Promise<number> {
  const values = { title: message.title, summary: message.summary, text: message.text, chart_png_base64: message.chart?.pngBase64 ?? null, chart_alt: message.chart?.alt ?? null }
  const { id } = await db
    .insertInto('digest_inbox_messages')
    .values({ inbox: message.inbox, delivery_id: message.deliveryId, ...values })
    .onConflict((oc) => oc.column('delivery_id').doUpdateSet(values))
    .returning('id')
    .executeTakeFirstOrThrow()
  return id
}

export async function listDigestInboxMessages(db: Db, inbox: string, options: { limit?: number; beforeId?: number } = {}): Promise<DigestInboxMessage[]> {
  let query = db.selectFrom('digest_inbox_messages').selectAll().where('inbox', '=', inbox)
  if (options.beforeId !== undefined) query = query.where('id', '<', options.beforeId)
  const rows = await query.orderBy('id', 'desc').limit(options.limit ?? 20).execute()
  return rows.map((r) => ({
    id: r.id,
    inbox: r.inbox,
    deliveryId: r.delivery_id,
    title: r.title,
    summary: r.summary,
    text: r.text,
    ...(r.chart_png_base64 ? { chart: { pngBase64: r.chart_png_base64, alt: r.chart_alt ?? '' } } : {}),
    createdAt: r.created_at,
  }))
}
