/**
 * Sales logging by chat message: `propose` reads a rep's message into a draft and keeps it until the same rep
 * confirms; `confirm` records it as one order (one transaction marks the draft confirmed and writes the order, so
 * a retried or concurrent confirmation finds it confirmed and returns the same order); `cancel` drops it.
 * Only reps log, and only their own sales: the rep comes from the verified principal, never from the message.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { isAppError } from '../errors/app-error.js'
import { createValueFormatter } from '../answer/format-values.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { describeSaleDraft } from './describe-sale-draft.js'
import { joinTransaction } from './join-transaction.js'
import { parseSaleMessage, type SaleDraft, type SaleParseFailure } from './parse-sale-message.js'
import { findPendingSale, insertPendingSale, settlePendingSale, type PendingSale } from './pending-sales.js'
import { recordSale } from './record-sale.js'
import { createSaleCatalog, type SaleCatalog } from './sale-catalog.js'
import { saleMessages } from './sale-messages.js'
import { saleLanguage } from './sale-words.js'

export interface SalesLogDeps {
  readonly db: Kysely<Database>
  /** Default: the products and customers of `db`, reloaded every 60 s. */
  readonly catalog?: SaleCatalog
  readonly clock: () => Date
  /** The data's currency (default BRL). */
  readonly currency?: string
  /** How long a draft waits for its confirmation (default 30 minutes). */
  readonly expiresAfterMs?: number
  /** Action ids (default random UUIDs). */
  readonly newId?: () => string
}

export interface ProposeSaleRequest {
  readonly text: string
  readonly principal: SqlPrincipal
  readonly threadId: string
  /** YYYY-MM-DD in the company's time zone. */
  readonly today: string
  /** The conversation's language, for messages that do not show theirs. */
  readonly language?: Language
}

export type ProposeSaleResult =
  | { readonly ok: true; readonly actionId: string; readonly summary: string; readonly draft: SaleDraft; readonly language: Language; readonly expiresAt: Date }
  | SaleParseFailure
  | { readonly ok: false; readonly language: Language; readonly code: 'not_a_rep'; readonly message: string }

export interface SaleDecisionRequest {
  readonly actionId: string
  readonly principal: SqlPrincipal
  /** For messages about a sale that cannot be found (a found sale answers in its own language). */
  readonly language?: Language
}

export type ConfirmSaleResult =
  | { readonly ok: true; readonly orderId: number; readonly created: boolean; readonly summary: string; readonly language: Language }
  | { readonly ok: false; readonly code: 'not_found' | 'not_owner' | 'expired' | 'cancelled' | 'not_a_rep' | 'rejected'; readonly message: string; readonly language: Language }

export type CancelSaleResult =
  | { readonly ok: true; readonly message: string; readonly language: Language }
  | { readonly ok: false; readonly code: 'not_found' | 'not_owner' | 'expired' | 'already_confirmed' | 'not_a_rep'; readonly message: string; readonly language: Language; readonly orderId?: number }

export interface SalesLog {
  propose(request: ProposeSaleRequest): Promise<ProposeSaleResult>
  confirm(request: SaleDecisionRequest): Promise<ConfirmSaleResult>
  cancel(request: SaleDecisionRequest): Promise<CancelSaleResult>
}

const THIRTY_MINUTES = 30 * 60_000
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

const decisions = {
  pt: {
    recorded: (id: number, total: string) => `Venda registrada: pedido #${id}, total ${total}.`,
    alreadyRecorded: (id: number) => `Esta venda já estava registrada: pedido #${id}. Nada foi gravado de novo.`,
    notFound: 'Não encontrei essa venda pendente. Escreva a venda de novo para registrá-la.',
    notOwner: 'Só quem escreveu esta venda pode confirmá-la ou cancelá-la.',
    expired: 'Esta confirmação expirou e nada foi registrado. Escreva a venda de novo para registrá-la.',
    cancelled: 'Esta venda foi cancelada e nada foi registrado. Escreva a venda de novo se quiser registrá-la.',
    cancelledNow: 'Venda cancelada: nada foi registrado.',
    confirmedBeforeCancel: (id: number) => `Esta venda já foi registrada (pedido #${id}); cancelar aqui não a desfaz.`,
    orderGone: 'O pedido desta venda não existe mais.',
  },
  en: {
    recorded: (id: number, total: string) => `Sale recorded: order #${id}, total ${total}.`,
    alreadyRecorded: (id: number) => `This sale was already recorded: order #${id}. Nothing was written again.`,
    notFound: 'I could not find that pending sale. Write the sale again to log it.',
    notOwner: 'Only the person who wrote this sale can confirm or cancel it.',
    expired: 'This confirmation has expired and nothing was recorded. Write the sale again to log it.',
    cancelled: 'This sale was cancelled and nothing was recorded. Write it again if you want to log it.',
    cancelledNow: 'Sale cancelled: nothing was recorded.',
    confirmedBeforeCancel: (id: number) => `This sale was already recorded (order #${id}); cancelling here does not undo it.`,
    orderGone: 'The order of this sale no longer exists.',
  },
} as const

export function createSalesLog(deps: SalesLogDeps): SalesLog {
  const { db, clock } = deps
  const catalog = deps.catalog ?? createSaleCatalog(db)
  const currency = deps.currency ?? 'BRL'
  const expiresAfterMs = deps.expiresAfterMs ?? THIRTY_MINUTES
  const newId = deps.newId ?? randomUUID

  /** The rep id a principal may log for, or why it may not log at all. */
  const repOf = (principal: SqlPrincipal, language: Language): { ok: true; repId: number } | { ok: false; message: string } => {
    if (principal.role === 'rep' && Number.isSafeInteger(principal.repId) && principal.repId! > 0 && principal.userId.trim() !== '') return { ok: true, repId: principal.repId! }
    const say = saleMessages(language)
    return { ok: false, message: principal.role === 'rep' ? say.notARep : principal.role === 'admin' || principal.role === 'director' ? say.adminCannotLog : say.notARep }
  }

  return {
    async propose(request) {
      const language = saleLanguage(request.text, request.language ?? 'pt')
      const rep = repOf(request.principal, language)
      if (!rep.ok) return { ok: false, language, code: 'not_a_rep', message: rep.message }
      const known = await db.selectFrom('sales_reps').select('id').where('id', '=', rep.repId).executeTakeFirst()
      if (!known) return { ok: false, language, code: 'not_a_rep', message: saleMessages(language).notARep }

      const parsed = await parseSaleMessage(request.text, { today: request.today, catalog, currency, language })
      if (!parsed.ok) return parsed
      const createdAt = clock()
      const expiresAt = new Date(createdAt.getTime() + expiresAfterMs)
      const actionId = newId()
      await insertPendingSale(db, {
        id: actionId,
        threadId: request.threadId,
        userId: request.principal.userId,
        repId: rep.repId,
        draft: parsed.draft,
        language: parsed.language,
        createdAt,
        expiresAt,
      })
      return { ok: true, actionId, summary: describeSaleDraft(parsed.draft, parsed.language, { currency }), draft: parsed.draft, language: parsed.language, expiresAt }
    },

    async confirm(request) {
      const fallback = request.language ?? 'pt'
      const rep = repOf(request.principal, fallback)
      if (!rep.ok) return { ok: false, code: 'not_a_rep', message: rep.message, language: fallback }
      if (!uuidPattern.test(request.actionId)) return { ok: false, code: 'not_found', message: decisions[fallback].notFound, language: fallback }
      try {
        return await db.transaction().execute(async (trx): Promise<ConfirmSaleResult> => {
          // Locked: a second confirmation of the same sale waits here, then finds it confirmed.
          const sale = await findPendingSale(trx, request.actionId, { lock: true })
          const refusal = refuseDecision(sale, request.principal, rep.repId, fallback)
          if (refusal) return refusal
          const { language } = sale!
          const say = decisions[language]
          if (sale!.status === 'confirmed') {
            if (sale!.orderId === null) return { ok: false, code: 'not_found', message: say.orderGone, language }
            return { ok: true, orderId: sale!.orderId, created: false, summary: say.alreadyRecorded(sale!.orderId), language }
          }
          if (sale!.status === 'cancelled') return { ok: false, code: 'cancelled', message: say.cancelled, language }
          const now = clock()
          if (sale!.status === 'expired' || now >= sale!.expiresAt) {
            if (sale!.status === 'pending') await settlePendingSale(trx, sale!.id, { status: 'expired', at: now })
            return { ok: false, code: 'expired', message: say.expired, language }
          }
          const recorded = await recordSale(joinTransaction(trx), {
            draft: sale!.draft,
            rep: { repId: rep.repId },
            actor: { keyId: null, name: `chat:${request.principal.userId}` },
            idempotencyKey: sale!.id,
          })
          await settlePendingSale(trx, sale!.id, { status: 'confirmed', at: now, orderId: recorded.orderId })
          const summary = recorded.created ? say.recorded(recorded.orderId, createValueFormatter(language, currency).money(recorded.total)) : say.alreadyRecorded(recorded.orderId)
          return { ok: true, orderId: recorded.orderId, created: recorded.created, summary, language }
        })
      } catch (error) {
        // The order service refused (a customer or product removed since the draft): nothing was written.
        if (isAppError(error) && error.code !== 'internal') return { ok: false, code: 'rejected', message: error.message, language: fallback }
        throw error
      }
    },

    async cancel(request) {
      const fallback = request.language ?? 'pt'
      const rep = repOf(request.principal, fallback)
      if (!rep.ok) return { ok: false, code: 'not_a_rep', message: rep.message, language: fallback }
      if (!uuidPattern.test(request.actionId)) return { ok: false, code: 'not_found', message: decisions[fallback].notFound, language: fallback }
      return db.transaction().execute(async (trx): Promise<CancelSaleResult> => {
        const sale = await findPendingSale(trx, request.actionId, { lock: true })
        const refusal = refuseDecision(sale, request.principal, rep.repId, fallback)
        if (refusal) return refusal
        const { language } = sale!
        const say = decisions[language]
        if (sale!.status === 'confirmed') {
          return { ok: false, code: 'already_confirmed', message: say.confirmedBeforeCancel(sale!.orderId ?? 0), language, ...(sale!.orderId !== null ? { orderId: sale!.orderId } : {}) }
        }
        if (sale!.status === 'cancelled') return { ok: true, message: say.cancelledNow, language }
        const now = clock()
        if (sale!.status === 'expired' || now >= sale!.expiresAt) {
          if (sale!.status === 'pending') await settlePendingSale(trx, sale!.id, { status: 'expired', at: now })
          return { ok: false, code: 'expired', message: say.expired, language }
        }
        await settlePendingSale(trx, sale!.id, { status: 'cancelled', at: now })
        return { ok: true, message: say.cancelledNow, language }
      })
    },
  }
}

/** No such sale, or another person's: only the principal who proposed a sale (as the same rep) may decide it. */
function refuseDecision(sale: PendingSale | undefined, principal: SqlPrincipal, repId: number, fallback: Language): { ok: false; code: 'not_found' | 'not_owner'; message: string; language: Language } | undefined {
  if (!sale) return { ok: false, code: 'not_found', message: decisions[fallback].notFound, language: fallback }
  if (sale.userId !== principal.userId || sale.repId !== repId) return { ok: false, code: 'not_owner', message: decisions[sale.language].notOwner, language: sale.language }
  return undefined
}
