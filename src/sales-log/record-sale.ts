/**
 * Records a confirmed sale draft as an order through the order service — the same path as the admin API: items in
 * one transaction, audited, prices checked against the products. `external_ref = chat:<idempotencyKey>` makes a
 * retried confirmation (a platform retry, a double click) return the first order instead of writing a second.
 * The order's rep is the confirming rep, never anything the message said.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../domain/audit/audit.repository.js'
import { createOrder } from '../domain/orders/order.service.js'
import type { SaleDraft } from './parse-sale-message.js'

export interface RecordSaleInput {
  readonly draft: SaleDraft
  readonly rep: { readonly repId: number }
  readonly actor: Actor
  /** The confirmation's own id (a pending sale's action id, a platform message id): one key, one order. */
  readonly idempotencyKey: string
  /** orders.source (default 'chat'). */
  readonly source?: string
}

export interface RecordedSale {
  readonly orderId: number
  /** False when an earlier confirmation with the same key already recorded it. */
  readonly created: boolean
  readonly total: number
}

export const chatExternalRef = (idempotencyKey: string) => `chat:${idempotencyKey}`

export async function recordSale(db: Kysely<Database>, input: RecordSaleInput): Promise<RecordedSale> {
  const { draft } = input
  const result = await createOrder(
    db,
    {
      external_ref: chatExternalRef(input.idempotencyKey),
      customer_id: draft.customerId,
      rep_id: input.rep.repId,
      order_date: draft.orderDate,
      status: 'completed',
      ...(draft.channel ? { channel: draft.channel } : {}),
      ...(draft.paymentMethod ? { payment_method: draft.paymentMethod } : {}),
      items: draft.items.map((item) => ({ product_id: item.productId, quantity: item.quantity, unit_price: item.unitPrice, discount: item.discount })),
    },
    { actor: input.actor, ownRepId: input.rep.repId, source: input.source ?? 'chat' },
  )
  return { orderId: result.order.id, created: !result.replayed, total: result.order.total }
}
