/**
 * Sales logging by chat message: `propose` reads a rep's message into a draft and keeps it until the same rep
 * confirms (a newer message in the same thread replaces it); `edit` re-reads one draft; `confirm` records it as
 * one order (one transaction marks the draft confirmed and writes the order, so a retried or concurrent
 * confirmation finds it confirmed and returns the same order) — an unusual sale only on the second Confirm;
 * `cancel` drops it; `undo` removes a recorded sale within a window. Only reps log, and only their own sales: the
 * rep comes from the verified principal, never from the message.
 */
import { randomUUID } from 'node:crypto'
import type { Kysely, Transaction } from 'kysely'
import { createValueFormatter } from '../answer/format-values.js'
import type { Database, PendingSaleSource } from '../db/schema.js'
import { isAppError } from '../errors/app-error.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { describeSaleDraft } from './describe-sale-draft.js'
import { extractSale, type ExtractedBy } from './extract-sale.js'
import type { SaleExtractor } from './extracted-sale.js'
import { describeSaleOutliers, findSaleOutliers, type SaleOutlierThresholds } from './find-sale-outliers.js'
import { joinTransaction } from './join-transaction.js'
import type { SaleDraft, SaleParseFailure } from './parse-sale-message.js'
import { acknowledgePendingSale, findOpenPendingSales, findPendingSale, insertPendingSale, settlePendingSale, type PendingSale } from './pending-sales.js'
import { recordSale } from './record-sale.js'
import { createSaleCatalog, type SaleCatalog } from './sale-catalog.js'
import { saleDecisionMessages } from './sale-decision-messages.js'
import { saleMessages } from './sale-messages.js'
import { saleRepOf } from './sale-rep-of.js'
import { saleLanguage } from './sale-words.js'
import { findRecordedChatSale, undoRecordedSale, type LastRecordedSaleRequest, type RecordedChatSale, type UndoSaleRequest, type UndoSaleResult } from './undo-recorded-sale.js'

export type { LastRecordedSaleRequest, RecordedChatSale, UndoSaleRequest, UndoSaleResult } from './undo-recorded-sale.js'

/** The chat surface a sale is logged from; it becomes the order's `source` (default 'chat'). */
export type SaleSource = PendingSaleSource

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
  /** How long after recording it a rep may undo their own sale (default 10 minutes). */
  readonly undoWindowMs?: number
  /** What makes a sale need a second Confirm (defaults: 30% from list price, 1,000 units, 50× the usual quantity). */
  readonly outliers?: SaleOutlierThresholds
  /** Reads messages with a model; the rule-based parser reads them when it is absent, fails or times out. */
  readonly extractor?: SaleExtractor
  /** How long the extractor may take before the rule-based parser reads the message instead (default 20 s). */
  readonly extractorTimeoutMs?: number
  /** Told every time the extractor fails or times out (e.g. to log it); the sale is read by the rules anyway. */
  readonly onExtractorFailure?: (error: unknown) => void
}

export interface ProposeSaleRequest {
  readonly text: string
  readonly principal: SqlPrincipal
  readonly threadId: string
  /** YYYY-MM-DD in the company's time zone. */
  readonly today: string
  /** The conversation's language, for messages that do not show theirs. */
  readonly language?: Language
  /** The surface the message came from, recorded as the order's source (default 'chat'). */
  readonly source?: SaleSource
}

export type ProposeSaleResult =
  | {
    readonly ok: true
    readonly actionId: string
    readonly summary: string
    readonly draft: SaleDraft
    readonly language: Language
    readonly expiresAt: Date
    /** The action id of the draft this one replaced (now cancelled, never confirmable). */
    readonly replaced?: string
    readonly extractedBy: ExtractedBy
  }
  | SaleParseFailure
  | { readonly ok: false; readonly language: Language; readonly code: 'not_a_rep'; readonly message: string }

export interface EditSaleRequest {
  readonly actionId: string
  readonly principal: SqlPrincipal
  /** The whole sale again, as the rep now wants it ("vendi 4 Widget Pro para a Acme …"). */
  readonly text: string
  /** YYYY-MM-DD in the company's time zone. */
  readonly today: string
  readonly language?: Language
}

/** A successful edit is a new proposal (a new action id; `replaced` is the edited one). */
export type EditSaleResult =
  | ProposeSaleResult
  | { readonly ok: false; readonly code: 'not_found' | 'not_owner' | 'expired' | 'cancelled' | 'already_confirmed'; readonly message: string; readonly language: Language; readonly orderId?: number }

export interface SaleDecisionRequest {
  readonly actionId: string
  readonly principal: SqlPrincipal
  /** For messages about a sale that cannot be found (a found sale answers in its own language). */
  readonly language?: Language
}

export type ConfirmSaleResult =
  | { readonly ok: true; readonly orderId: number; readonly created: boolean; readonly summary: string; readonly language: Language }
  | {
    readonly ok: false
    /** needs_second_confirmation: nothing recorded yet; the message says what is unusual, and the next confirm records it. */
    readonly code: 'not_found' | 'not_owner' | 'expired' | 'cancelled' | 'not_a_rep' | 'rejected' | 'needs_second_confirmation' | 'undone'
    readonly message: string
    readonly language: Language
  }

export type CancelSaleResult =
  | { readonly ok: true; readonly message: string; readonly language: Language }
  | { readonly ok: false; readonly code: 'not_found' | 'not_owner' | 'expired' | 'already_confirmed' | 'not_a_rep'; readonly message: string; readonly language: Language; readonly orderId?: number }

export interface SalesLog {
  propose(request: ProposeSaleRequest): Promise<ProposeSaleResult>
  edit(request: EditSaleRequest): Promise<EditSaleResult>
  confirm(request: SaleDecisionRequest): Promise<ConfirmSaleResult>
  cancel(request: SaleDecisionRequest): Promise<CancelSaleResult>
  undo(request: UndoSaleRequest): Promise<UndoSaleResult>
  lastRecordedSale(request: LastRecordedSaleRequest): Promise<RecordedChatSale | undefined>
}

const THIRTY_MINUTES = 30 * 60_000
const TEN_MINUTES = 10 * 60_000
const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i
const sources: readonly SaleSource[] = ['web', 'slack', 'teams', 'cli']

export function createSalesLog(deps: SalesLogDeps): SalesLog {
  const { db, clock } = deps
  const catalog = deps.catalog ?? createSaleCatalog(db)
  const currency = deps.currency ?? 'BRL'
  const expiresAfterMs = deps.expiresAfterMs ?? THIRTY_MINUTES
  const newId = deps.newId ?? randomUUID
  const undoDeps = { db, clock, undoWindowMs: deps.undoWindowMs ?? TEN_MINUTES }

  const read = (text: string, today: string, language: Language) =>
    extractSale(text, { today, catalog, currency, language, extractor: deps.extractor, timeoutMs: deps.extractorTimeoutMs ?? 20_000, onExtractorFailure: deps.onExtractorFailure })

  /** Stores a new draft and cancels the ones it replaces, in one transaction. */
  async function store(
    trx: Transaction<Database>,
    parsed: { draft: SaleDraft; language: Language; extractedBy: ExtractedBy },
    owner: { threadId: string; userId: string; repId: number; source: SaleSource | undefined },
    replacing: readonly { id: string; reason: 'replaced' | 'edited' }[],
  ): Promise<ProposeSaleResult> {
    const createdAt = clock()
    for (const old of replacing) await settlePendingSale(trx, old.id, { status: 'cancelled', at: createdAt, reason: old.reason })
    const expiresAt = new Date(createdAt.getTime() + expiresAfterMs)
    const actionId = newId()
    await insertPendingSale(trx, { id: actionId, ...owner, draft: parsed.draft, language: parsed.language, createdAt, expiresAt })
    return {
      ok: true,
      actionId,
      summary: describeSaleDraft(parsed.draft, parsed.language, { currency }),
      draft: parsed.draft,
      language: parsed.language,
      expiresAt,
      ...(replacing.length ? { replaced: replacing[0]!.id } : {}),
      extractedBy: parsed.extractedBy,
    }
  }

  return {
    async propose(request) {
      const language = saleLanguage(request.text, request.language ?? 'pt')
      const rep = saleRepOf(request.principal, language)
      if (!rep.ok) return { ok: false, language, code: 'not_a_rep', message: rep.message }
      const known = await db.selectFrom('sales_reps').select('id').where('id', '=', rep.repId).executeTakeFirst()
      if (!known) return { ok: false, language, code: 'not_a_rep', message: saleMessages(language).notARep }
      const source = request.source !== undefined && sources.includes(request.source) ? request.source : undefined

      // A message that is not a complete sale leaves the thread's open draft as it was.
      const parsed = await read(request.text, request.today, request.language ?? 'pt')
      if (!parsed.ok) {
        const { extractedBy: _by, ...failure } = parsed
        return failure
      }
      return db.transaction().execute(async (trx) => {
        // The rep's newest message in a thread is the sale they mean: older open drafts there can no longer be confirmed.
        const open = await findOpenPendingSales(trx, { threadId: request.threadId, userId: request.principal.userId, now: clock() })
        return store(trx, parsed, { threadId: request.threadId, userId: request.principal.userId, repId: rep.repId, source }, open.map((s) => ({ id: s.id, reason: 'replaced' as const })))
      })
    },

    async edit(request) {
      const fallback = request.language ?? 'pt'
      const rep = saleRepOf(request.principal, fallback)
      if (!rep.ok) return { ok: false, language: fallback, code: 'not_a_rep', message: rep.message }
      if (!uuidPattern.test(request.actionId)) return { ok: false, code: 'not_found', message: saleDecisionMessages(fallback).notFound, language: fallback }
      // Checked before reading the text (a model call may be slow), and again under the lock before replacing.
      const before = await findPendingSale(db, request.actionId)
      const refusal = refuseDecision(before, request.principal, rep.repId, fallback) ?? refuseClosed(before!, clock())
      if (refusal) return refusal
      const parsed = await read(request.text, request.today, request.language ?? before!.language)
      if (!parsed.ok) {
        const { extractedBy: _by, ...failure } = parsed
        return failure
      }
      return db.transaction().execute(async (trx): Promise<EditSaleResult> => {
        const sale = await findPendingSale(trx, request.actionId, { lock: true })
        const closed = refuseClosed(sale!, clock())
        if (closed) {
          if (closed.code === 'expired' && (sale!.status === 'pending' || sale!.status === 'acknowledged')) await settlePendingSale(trx, sale!.id, { status: 'expired', at: clock() })
          return closed
        }
        return store(trx, parsed, { threadId: sale!.threadId, userId: sale!.userId, repId: sale!.repId, source: sale!.source ?? undefined }, [{ id: sale!.id, reason: 'edited' }])
      })
    },

    async confirm(request) {
      const fallback = request.language ?? 'pt'
      const rep = saleRepOf(request.principal, fallback)
      if (!rep.ok) return { ok: false, code: 'not_a_rep', message: rep.message, language: fallback }
      if (!uuidPattern.test(request.actionId)) return { ok: false, code: 'not_found', message: saleDecisionMessages(fallback).notFound, language: fallback }
      try {
        return await db.transaction().execute(async (trx): Promise<ConfirmSaleResult> => {
          // Locked: a second confirmation of the same sale waits here, then finds it confirmed.
          const sale = await findPendingSale(trx, request.actionId, { lock: true })
          const refusal = refuseDecision(sale, request.principal, rep.repId, fallback)
          if (refusal) return refusal
          const { language } = sale!
          const say = saleDecisionMessages(language)
          if (sale!.status === 'confirmed') {
            if (sale!.orderId === null) return { ok: false, code: 'not_found', message: say.orderGone, language }
            return { ok: true, orderId: sale!.orderId, created: false, summary: say.alreadyRecorded(sale!.orderId), language }
          }
          if (sale!.status === 'undone') return { ok: false, code: 'undone', message: say.alreadyUndone(sale!.undoneOrderId ?? 0), language }
          if (sale!.status === 'cancelled') return { ok: false, code: 'cancelled', message: sale!.reason ? say.replaced : say.cancelled, language }
          const now = clock()
          if (sale!.status === 'expired' || now >= sale!.expiresAt) {
            if (sale!.status !== 'expired') await settlePendingSale(trx, sale!.id, { status: 'expired', at: now })
            return { ok: false, code: 'expired', message: say.expired, language }
          }
          if (sale!.status === 'pending') {
            const outliers = await findSaleOutliers(trx, sale!.draft, deps.outliers)
            if (outliers.length) {
              await acknowledgePendingSale(trx, sale!.id)
              return { ok: false, code: 'needs_second_confirmation', message: describeSaleOutliers(outliers, language, currency), language }
            }
          }
          const recorded = await recordSale(joinTransaction(trx), {
            draft: sale!.draft,
            rep: { repId: rep.repId },
            actor: { keyId: null, name: `chat:${request.principal.userId}` },
            idempotencyKey: sale!.id,
            source: sale!.source ?? 'chat',
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
      const rep = saleRepOf(request.principal, fallback)
      if (!rep.ok) return { ok: false, code: 'not_a_rep', message: rep.message, language: fallback }
      if (!uuidPattern.test(request.actionId)) return { ok: false, code: 'not_found', message: saleDecisionMessages(fallback).notFound, language: fallback }
      return db.transaction().execute(async (trx): Promise<CancelSaleResult> => {
        const sale = await findPendingSale(trx, request.actionId, { lock: true })
        const refusal = refuseDecision(sale, request.principal, rep.repId, fallback)
        if (refusal) return refusal
        const { language } = sale!
        const say = saleDecisionMessages(language)
        if (sale!.status === 'confirmed') {
          return { ok: false, code: 'already_confirmed', message: say.confirmedBeforeCancel(sale!.orderId ?? 0), language, ...(sale!.orderId !== null ? { orderId: sale!.orderId } : {}) }
        }
        // Undone or cancelled: nothing is recorded, which is what cancelling asks for.
        if (sale!.status === 'undone') return { ok: true, message: say.alreadyUndone(sale!.undoneOrderId ?? 0), language }
        if (sale!.status === 'cancelled') return { ok: true, message: say.cancelledNow, language }
        const now = clock()
        if (sale!.status === 'expired' || now >= sale!.expiresAt) {
          if (sale!.status !== 'expired') await settlePendingSale(trx, sale!.id, { status: 'expired', at: now })
          return { ok: false, code: 'expired', message: say.expired, language }
        }
        await settlePendingSale(trx, sale!.id, { status: 'cancelled', at: now })
        return { ok: true, message: say.cancelledNow, language }
      })
    },

    undo: (request) => undoRecordedSale(undoDeps, request),
    lastRecordedSale: (request) => findRecordedChatSale(undoDeps, request),
  }
}

/** No such sale, or another person's: only the principal who proposed a sale (as the same rep) may decide it. */
function refuseDecision(sale: PendingSale | undefined, principal: SqlPrincipal, repId: number, fallback: Language): { ok: false; code: 'not_found' | 'not_owner'; message: string; language: Language } | undefined {
  if (!sale) return { ok: false, code: 'not_found', message: saleDecisionMessages(fallback).notFound, language: fallback }
  if (sale.userId !== principal.userId || sale.repId !== repId) return { ok: false, code: 'not_owner', message: saleDecisionMessages(sale.language).notOwner, language: sale.language }
  return undefined
}

/** Only an open draft can be edited. */
function refuseClosed(sale: PendingSale, now: Date): { ok: false; code: 'expired' | 'cancelled' | 'already_confirmed'; message: string; language: Language; orderId?: number } | undefined {
  const { language } = sale
  const say = saleDecisionMessages(language)
  if (sale.status === 'confirmed' || sale.status === 'undone') {
    const orderId = sale.orderId ?? sale.undoneOrderId
    return { ok: false, code: 'already_confirmed', message: say.confirmedBeforeEdit(orderId ?? 0), language, ...(orderId !== null ? { orderId } : {}) }
  }
  if (sale.status === 'cancelled') return { ok: false, code: 'cancelled', message: sale.reason ? say.replaced : say.cancelled, language }
  if (sale.status === 'expired' || now >= sale.expiresAt) return { ok: false, code: 'expired', message: say.expired, language }
  return undefined
}
