/**
 * Feedback (👍/👎) on agent turns and its review queue (table feedback, migration 008). Feedback only waits for an
 * admin: nothing here changes answers, prompts or the eval set by itself. An admin's promotion turns one into a
 * verified eval case — the case and the feedback's new status in one transaction, so a case is created exactly once.
 */
import type { Kysely, Transaction } from 'kysely'
import { todayIn } from '../analyst/today-in.js'
import type { Database, FeedbackRating, FeedbackStatus } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { AppError } from '../errors/app-error.js'
import { insertEvalCase, type CuratedEvalCase } from './eval-case.repository.js'
import type { EvalLanguage } from './load-eval-cases.js'

type Db = Kysely<Database> | Transaction<Database>
const entity = 'feedback'

export interface Feedback {
  readonly id: number
  readonly turnId: string
  readonly userId: string
  readonly rating: FeedbackRating
  readonly comment: string | null
  readonly status: FeedbackStatus
  readonly createdAt: Date
  readonly updatedAt: Date
  readonly reviewedBy: string | null
  readonly reviewedAt: Date | null
  readonly promotedCaseId: string | null
}

/** A queue item: the feedback and what the turn asked, understood, ran and answered. */
export interface FeedbackReviewItem extends Feedback {
  readonly turn: {
    readonly at: Date
    readonly surface: string
    readonly question: string
    readonly language: string
    readonly intent: string
    readonly ok: boolean
    readonly code: string | null
    readonly plan: unknown
    readonly sql: string | null
    readonly answer: string
    readonly rowCount: number | null
    readonly promptName: string | null
    readonly promptVersion: number | null
    readonly model: string
  }
}

const toFeedback = (row: {
  id: number
  turn_id: string
  user_id: string
  rating: FeedbackRating
  comment: string | null
  status: FeedbackStatus
  created_at: Date
  updated_at: Date
  reviewed_by: string | null
  reviewed_at: Date | null
  promoted_case_id: string | null
}): Feedback => ({
  id: Number(row.id),
  turnId: row.turn_id,
  userId: row.user_id,
  rating: row.rating,
  comment: row.comment,
  status: row.status,
  createdAt: row.created_at,
  updatedAt: row.updated_at,
  reviewedBy: row.reviewed_by,
  reviewedAt: row.reviewed_at,
  promotedCaseId: row.promoted_case_id,
})

/** agent_turns.at is typed Generated<Timestamp>, which Kysely selects as the column type itself; pg gives a Date. */
const turnDate = (at: unknown): Date => (at instanceof Date ? at : new Date(String(at)))

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

/**
 * Records (or changes) one user's rating of one of their own turns. Someone else's turn is "not found", exactly like
 * a turn that does not exist, so nobody learns which turn ids are real. Re-rating a dismissed item puts it back in the
 * queue; a promoted one stays promoted.
 */
export async function recordFeedback(
  db: Kysely<Database>,
  input: { turnId: string; userId: string; rating: FeedbackRating; comment?: string | null },
  actor: Actor,
): Promise<{ feedback: Feedback; created: boolean }> {
  const notFound = new AppError('not_found', `Turn ${input.turnId} does not exist.`, { entity: 'turn', id: input.turnId })
  if (!uuidPattern.test(input.turnId)) throw notFound
  return db.transaction().execute(async (trx) => {
    const turn = await trx.selectFrom('agent_turns').select('id').where('id', '=', input.turnId).where('user_id', '=', input.userId).executeTakeFirst()
    if (!turn) throw notFound
    const before = await trx.selectFrom('feedback').selectAll().where('turn_id', '=', input.turnId).where('user_id', '=', input.userId).forUpdate().executeTakeFirst()
    const comment = input.comment?.trim() ? input.comment.trim() : null
    let row
    if (!before) {
      row = await trx
        .insertInto('feedback')
        .values({ turn_id: input.turnId, user_id: input.userId, rating: input.rating, comment })
        .returningAll()
        .executeTakeFirstOrThrow()
    } else {
      const reopen = before.status === 'dismissed'
      row = await trx
        .updateTable('feedback')
        .set({
          rating: input.rating,
          comment,
          updated_at: new Date(),
          ...(reopen ? { status: 'pending' as const, reviewed_by: null, reviewed_at: null } : {}),
        })
        .where('id', '=', before.id)
        .returningAll()
        .executeTakeFirstOrThrow()
    }
    const feedback = toFeedback(row)
    await recordAudit(trx, actor, {
      action: before ? 'update' : 'create',
      entity,
      entityId: feedback.id,
      ...(before ? { before: toFeedback(before) } : {}),
      after: feedback,
    })
    return { feedback, created: !before }
  })
}

export async function listFeedback(
  db: Db,
  filter: { status?: FeedbackStatus; rating?: FeedbackRating; before?: number; limit: number },
): Promise<(FeedbackReviewItem & { id: number })[]> {
  let query = db
    .selectFrom('feedback as f')
    .innerJoin('agent_turns as t', 't.id', 'f.turn_id')
    .selectAll('f')
    .select([
      't.at as turn_at',
      't.surface',
      't.message',
      't.language',
      't.intent',
      't.ok',
      't.code',
      't.plan',
      't.sql',
      't.answer',
      't.row_count',
      't.prompt_name',
      't.prompt_version',
      't.model',
    ])
  if (filter.status) query = query.where('f.status', '=', filter.status)
  if (filter.rating) query = query.where('f.rating', '=', filter.rating)
  if (filter.before !== undefined) query = query.where('f.id', '<', filter.before)
  const rows = await query.orderBy('f.id', 'desc').limit(filter.limit).execute()
  return rows.map((r) => ({
    ...toFeedback(r),
    turn: {
      at: turnDate(r.turn_at),
      surface: r.surface,
      question: r.message,
      language: r.language,
      intent: r.intent,
      ok: r.ok,
      code: r.code,
      plan: r.plan,
      sql: r.sql,
      answer: r.answer,
      rowCount: r.row_count,
      promptName: r.prompt_name,
      promptVersion: r.prompt_version,
      model: r.model,
    },
  }))
}

export interface PromotionInput {
  /** The new case's id; default `fb-<feedback id>-<first words of the question>`. */
  readonly id?: string
  readonly question?: string
  readonly lang?: EvalLanguage
  /** The date the question counts as asked on; default the turn's date in the business time zone. */
  readonly today?: string
  /** Default: 'answer' when the turn ran SQL, else 'refuse'. */
  readonly expect?: 'answer' | 'refuse'
  /** Default: the turn's SQL — required for a 👎 turn, whose SQL its user judged wrong. */
  readonly goldSql?: string
  readonly ordered?: boolean
  /** Default: ['feedback']. */
  readonly tags?: readonly string[]
  readonly note?: string
}

/** Slug of the question's first words, accents removed: "Faturamento por região?" → "faturamento-por-regiao". */
function questionSlug(question: string): string {
  return question
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter(Boolean)
    .slice(0, 8)
    .join('-')
    .slice(0, 60)
    .replace(/-+$/, '')
}

export async function promoteFeedback(
  db: Kysely<Database>,
  feedbackId: number,
  input: PromotionInput,
  actor: Actor,
  options: { timeZone: string },
): Promise<{ feedback: Feedback; evalCase: CuratedEvalCase }> {
  return db.transaction().execute(async (trx) => {
    const before = await lockFeedback(trx, feedbackId)
    if (before.status !== 'pending') {
      throw new AppError(
        'conflict',
        before.status === 'promoted'
          ? `Feedback ${feedbackId} was already promoted to eval case ${before.promotedCaseId ?? '(since removed)'}.`
          : `Feedback ${feedbackId} was dismissed; ask its user to rate the turn again to reopen it.`,
        { status: before.status },
      )
    }
    const turn = await trx.selectFrom('agent_turns').selectAll().where('id', '=', before.turnId).executeTakeFirstOrThrow()
    const expect = input.expect ?? (turn.sql ? 'answer' : 'refuse')
    if (expect === 'answer' && input.goldSql === undefined) {
      if (!turn.sql) throw new AppError('validation_failed', 'The turn ran no SQL; send the goldSql of the right answer, or expect "refuse".', { fields: [{ path: 'goldSql', message: 'required: the turn has no SQL' }] })
      if (before.rating === 'down') {
        throw new AppError('validation_failed', "The turn was rated 👎, so its SQL may be wrong: send the corrected goldSql (or the turn's SQL if you checked it is right).", {
          fields: [{ path: 'goldSql', message: 'required for a 👎 turn' }],
        })
      }
    }
    const question = input.question ?? turn.message
    const lang: EvalLanguage = input.lang ?? (turn.language === 'pt' ? 'pt' : 'en')
    const slug = questionSlug(question)
    const evalCase = await insertEvalCase(
      trx,
      {
        id: input.id ?? (slug ? `fb-${feedbackId}-${slug}` : `fb-${feedbackId}`),
        question,
        lang,
        today: input.today ?? todayIn(options.timeZone, turnDate(turn.at)),
        expect,
        goldSql: expect === 'answer' ? (input.goldSql ?? turn.sql) : null,
        ordered: input.ordered ?? false,
        tags: input.tags ?? ['feedback'],
        note: input.note ?? `From feedback #${feedbackId} (${before.rating === 'up' ? '👍' : '👎'}) on turn ${turn.id}${before.comment ? `: ${before.comment}` : ''}`.slice(0, 1000),
      },
      'feedback',
      actor,
    )
    const feedback = await markReviewed(trx, before, 'promoted', actor, evalCase.id)
    return { feedback, evalCase }
  })
}

export async function dismissFeedback(db: Kysely<Database>, feedbackId: number, actor: Actor): Promise<Feedback> {
  return db.transaction().execute(async (trx) => {
    const before = await lockFeedback(trx, feedbackId)
    if (before.status === 'dismissed') return before
    if (before.status === 'promoted') throw new AppError('conflict', `Feedback ${feedbackId} was already promoted to eval case ${before.promotedCaseId ?? '(since removed)'}; retire that case instead.`, { status: before.status })
    return markReviewed(trx, before, 'dismissed', actor, null)
  })
}

async function lockFeedback(trx: Transaction<Database>, id: number): Promise<Feedback> {
  const row = await trx.selectFrom('feedback').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
  if (!row) throw new AppError('not_found', `Feedback ${id} does not exist.`, { entity, id })
  return toFeedback(row)
}

async function markReviewed(trx: Transaction<Database>, before: Feedback, status: 'promoted' | 'dismissed', actor: Actor, caseId: string | null): Promise<Feedback> {
  const now = new Date()
  const row = await trx
    .updateTable('feedback')
    .set({ status, reviewed_by: actor.name, reviewed_at: now, updated_at: now, promoted_case_id: caseId })
    .where('id', '=', before.id)
    .where('status', '=', 'pending')
    .returningAll()
    .executeTakeFirst()
  // The row is locked, so it is still pending; anything else is a bug worth a 500, not a silent double review.
  if (!row) throw new Error(`feedback ${before.id} changed while locked`)
  const after = toFeedback(row)
  await recordAudit(trx, actor, { action: 'update', entity, entityId: after.id, before, after })
  return after
}
