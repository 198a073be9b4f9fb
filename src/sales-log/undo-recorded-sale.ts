/**
 * Undo: the rep who recorded a chat sale (same user, same rep) removes it within a window, through the order
 * service's delete — audited, in one transaction with marking the draft `undone`, so totals and summaries drop
 * it exactly. After the window an admin corrects it; a second undo changes nothing and says so.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { deleteOrder } from '../domain/orders/order.service.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { joinTransaction } from './join-transaction.js'
import { findLastRecordedSale, findPendingSale, findSaleOfOrder, markPendingSaleUndone, type PendingSale } from './pending-sales.js'
import { saleDecisionMessages } from './sale-decision-messages.js'
import { saleRepOf } from './sale-rep-of.js'

export interface UndoSaleRequest {
  readonly principal: SqlPrincipal
  /** The order to undo; without it, the principal's last recorded sale in `threadId` (or anywhere, without either). */
  readonly orderId?: number
  readonly threadId?: string
  /** For messages when no sale is found (a found sale answers in its own language). */
  readonly language?: Language
}

export type UndoSaleResult =
  | { readonly ok: true; readonly orderId: number; readonly message: string; readonly language: Language }
  | {
    readonly ok: false
    readonly code: 'not_a_rep' | 'not_found' | 'not_owner' | 'already_undone' | 'undo_window_passed'
    readonly message: string
    readonly language: Language
    readonly orderId?: number
  }

export interface LastRecordedSaleRequest {
  readonly threadId: string
  readonly principal: SqlPrincipal
}

/** The principal's last recorded sale in a thread — `undone` too, so a repeated "undo" says it is already undone. */
export interface RecordedChatSale {
  readonly actionId: string
  readonly orderId: number
  readonly status: 'confirmed' | 'undone'
  readonly recordedAt: Date
  /** Until when its rep may still undo it. */
  readonly undoableUntil: Date
  readonly sale: PendingSale
}

export interface UndoDeps {
  readonly db: Kysely<Database>
  readonly clock: () => Date
  readonly undoWindowMs: number
}

export async function undoRecordedSale(deps: UndoDeps, request: UndoSaleRequest): Promise<UndoSaleResult> {
  const fallback = request.language ?? 'pt'
  const rep = saleRepOf(request.principal, fallback)
  if (!rep.ok) return { ok: false, code: 'not_a_rep', message: rep.message, language: fallback }
  const notFound = { ok: false, code: 'not_found', message: saleDecisionMessages(fallback).nothingToUndo, language: fallback } as const
  const { orderId } = request
  if (orderId !== undefined && !(Number.isSafeInteger(orderId) && orderId > 0)) return notFound
  const found = await findLastRecordedSale(deps.db, { userId: request.principal.userId, threadId: request.threadId, orderId })
  if (!found || found.repId !== rep.repId) {
    // Someone else's chat sale is refused by name; an order not logged by chat is simply not found.
    const other = orderId !== undefined ? found ?? (await findSaleOfOrder(deps.db, orderId)) : found
    if (other) return { ok: false, code: 'not_owner', message: saleDecisionMessages(other.language).notYourSale, language: other.language }
    return notFound
  }

  return deps.db.transaction().execute(async (trx): Promise<UndoSaleResult> => {
    // Locked: two undos at once run one after the other, and the second finds it undone.
    const sale = (await findPendingSale(trx, found.id, { lock: true }))!
    const { language } = sale
    const say = saleDecisionMessages(language)
    if (sale.status === 'undone') return { ok: false, code: 'already_undone', message: say.alreadyUndone(sale.undoneOrderId ?? 0), language, ...(sale.undoneOrderId !== null ? { orderId: sale.undoneOrderId } : {}) }
    if (sale.orderId === null) return { ok: false, code: 'not_found', message: say.orderGone, language }
    const now = deps.clock()
    if (now.getTime() > undoableUntil(sale, deps.undoWindowMs).getTime()) {
      return { ok: false, code: 'undo_window_passed', message: say.undoWindowPassed(sale.orderId, Math.round(deps.undoWindowMs / 60_000)), language, orderId: sale.orderId }
    }
    await deleteOrder(joinTransaction(trx), sale.orderId, { actor: { keyId: null, name: `chat:${request.principal.userId}` } })
    await markPendingSaleUndone(trx, sale.id, { orderId: sale.orderId, at: now })
    return { ok: true, orderId: sale.orderId, message: say.undone(sale.orderId), language }
  })
}

export async function findRecordedChatSale(deps: UndoDeps, request: LastRecordedSaleRequest): Promise<RecordedChatSale | undefined> {
  const rep = saleRepOf(request.principal, 'pt')
  if (!rep.ok) return undefined
  const sale = await findLastRecordedSale(deps.db, { userId: request.principal.userId, threadId: request.threadId })
  if (!sale || sale.repId !== rep.repId || (sale.status !== 'confirmed' && sale.status !== 'undone')) return undefined
  const orderId = sale.orderId ?? sale.undoneOrderId
  if (orderId === null || sale.decidedAt === null) return undefined
  return { actionId: sale.id, orderId, status: sale.status, recordedAt: sale.decidedAt, undoableUntil: undoableUntil(sale, deps.undoWindowMs), sale }
}

/** The window runs from the confirmation that recorded the sale. */
function undoableUntil(sale: PendingSale, windowMs: number): Date {
  return new Date((sale.decidedAt ?? sale.createdAt).getTime() + windowMs)
}
