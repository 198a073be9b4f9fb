/**
 * The curated eval set (table eval_cases, migration 008): cases imported from evals/cases/*.jsonl, written by admins,
 * or promoted from reviewed feedback. Cases are never deleted, only retired, so old runs still name real cases.
 * Every write checks the gold SQL with the SQL guard and is audited in the same transaction.
 */
import { sql, type Kysely, type Selectable, type Transaction } from 'kysely'
import type { Database, EvalCasesTable, EvalCaseSource, EvalCaseStatus } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { AppError } from '../errors/app-error.js'
import { checkGoldSql } from './check-gold-sql.js'
import type { EvalCase, EvalLanguage } from './load-eval-cases.js'

type Db = Kysely<Database> | Transaction<Database>

export interface CuratedEvalCase {
  readonly id: string
  readonly question: string
  readonly lang: EvalLanguage
  readonly today: string
  readonly expect: 'answer' | 'refuse'
  readonly goldSql: string | null
  readonly ordered: boolean
  readonly tags: readonly string[]
  readonly note: string | null
  readonly status: EvalCaseStatus
  readonly source: EvalCaseSource
  readonly version: number
  readonly createdBy: string
  readonly createdAt: Date
  readonly updatedBy: string
  readonly updatedAt: Date
}

export interface NewCuratedEvalCase {
  readonly id: string
  readonly question: string
  readonly lang: EvalLanguage
  readonly today: string
  readonly expect: 'answer' | 'refuse'
  readonly goldSql?: string | null
  readonly ordered?: boolean
  readonly tags?: readonly string[]
  readonly note?: string | null
}

export interface EvalCasePatch {
  readonly question?: string
  readonly lang?: EvalLanguage
  readonly today?: string
  readonly expect?: 'answer' | 'refuse'
  readonly goldSql?: string | null
  readonly ordered?: boolean
  /** Replaces the tags. */
  readonly tags?: readonly string[]
  readonly addTags?: readonly string[]
  readonly removeTags?: readonly string[]
  readonly note?: string | null
  readonly status?: EvalCaseStatus
  /** The version the editor read; a different current version is a 409 instead of a lost update. */
  readonly expectedVersion?: number
}

export interface EvalCaseFilter {
  readonly tag?: string
  readonly status?: EvalCaseStatus
  /** Words in the id or question (case- and accent-sensitive substring). */
  readonly q?: string
  readonly source?: EvalCaseSource
  readonly limit?: number
}

const entity = 'eval_cases'

export function toCuratedEvalCase(row: Selectable<EvalCasesTable>): CuratedEvalCase {
  return {
    id: row.id,
    question: row.question,
    lang: row.lang,
    today: row.today,
    expect: row.expect,
    goldSql: row.gold_sql,
    ordered: row.ordered,
    tags: row.tags,
    note: row.note,
    status: row.status,
    source: row.source,
    version: row.version,
    createdBy: row.created_by,
    createdAt: row.created_at,
    updatedBy: row.updated_by,
    updatedAt: row.updated_at,
  }
}

/** The harness's view of a stored case. */
export function toEvalCase(c: Pick<CuratedEvalCase, 'id' | 'question' | 'lang' | 'today' | 'goldSql' | 'tags' | 'ordered' | 'expect'>): EvalCase {
  return { id: c.id, question: c.question, lang: c.lang, today: c.today, goldSql: c.goldSql, tags: [...c.tags], ordered: c.ordered, expect: c.expect }
}

const escapeLike = (text: string) => text.replace(/[\\%_]/g, (c) => `\\${c}`)

export async function listEvalCases(db: Db, filter: EvalCaseFilter = {}): Promise<CuratedEvalCase[]> {
  let query = db.selectFrom('eval_cases').selectAll()
  if (filter.status) query = query.where('status', '=', filter.status)
  if (filter.source) query = query.where('source', '=', filter.source)
  if (filter.tag) query = query.where(sql<boolean>`tags @> ${[filter.tag]}::text[]`)
  if (filter.q) {
    const pattern = `%${escapeLike(filter.q)}%`
    query = query.where((eb) => eb.or([eb('id', 'ilike', pattern), eb('question', 'ilike', pattern)]))
  }
  const rows = await query.orderBy('id').limit(filter.limit ?? 500).execute()
  return rows.map(toCuratedEvalCase)
}

export async function findEvalCase(db: Db, id: string): Promise<CuratedEvalCase | undefined> {
  const row = await db.selectFrom('eval_cases').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toCuratedEvalCase(row) : undefined
}

export async function findEvalCaseOrThrow(db: Db, id: string): Promise<CuratedEvalCase> {
  const found = await findEvalCase(db, id)
  if (!found) throw new AppError('not_found', `Eval case ${id} does not exist.`, { entity, id })
  return found
}

/** Active cases for a run: all, or those with the given ids, or those with any of the given tags; in id order. */
export async function loadActiveEvalCases(db: Db, select: { ids?: readonly string[]; tags?: readonly string[]; limit?: number } = {}): Promise<EvalCase[]> {
  let query = db.selectFrom('eval_cases').selectAll().where('status', '=', 'active')
  if (select.ids && select.ids.length > 0) query = query.where('id', 'in', [...select.ids])
  if (select.tags && select.tags.length > 0) query = query.where(sql<boolean>`tags && ${[...select.tags]}::text[]`)
  if (select.limit !== undefined) query = query.limit(select.limit)
  const rows = await query.orderBy('id').execute()
  return rows.map((row) => toEvalCase(toCuratedEvalCase(row)))
}

/** Checks that expect and gold SQL agree and that the gold SQL passes the guard; returns the gold SQL to store. */
async function checkedGold(expect: 'answer' | 'refuse', goldSql: string | null | undefined): Promise<string | null> {
  if (expect === 'refuse') {
    if (goldSql) throw new AppError('validation_failed', 'A case that expects a refusal has no gold SQL.', { fields: [{ path: 'goldSql', message: 'must be null when expect is "refuse"' }] })
    return null
  }
  if (!goldSql || goldSql.trim() === '') {
    throw new AppError('validation_failed', 'A case that expects an answer needs its gold SQL.', { fields: [{ path: 'goldSql', message: 'is required when expect is "answer"' }] })
  }
  return checkGoldSql(goldSql)
}

const uniqueTags = (tags: readonly string[]) => [...new Set(tags)].sort()

/** Inserts a case inside the caller's transaction (also used by feedback promotion); audited there. */
export async function insertEvalCase(trx: Transaction<Database>, input: NewCuratedEvalCase, source: EvalCaseSource, actor: Actor): Promise<CuratedEvalCase> {
  const goldSql = await checkedGold(input.expect, input.goldSql)
  const existing = await trx.selectFrom('eval_cases').select('id').where('id', '=', input.id).executeTakeFirst()
  if (existing) throw new AppError('conflict', `An eval case with id ${input.id} already exists; choose another id.`, { fields: [{ path: 'id', message: 'already exists' }] })
  const row = await trx
    .insertInto('eval_cases')
    .values({
      id: input.id,
      question: input.question,
      lang: input.lang,
      today: input.today,
      expect: input.expect,
      gold_sql: goldSql,
      ordered: input.ordered ?? false,
      tags: uniqueTags(input.tags ?? []),
      note: input.note ?? null,
      source,
      created_by: actor.name,
      updated_by: actor.name,
    })
    .returningAll()
    .executeTakeFirstOrThrow()
  const created = toCuratedEvalCase(row)
  await recordAudit(trx, actor, { action: 'create', entity, entityId: created.id, after: created })
  return created
}

export async function createEvalCase(db: Kysely<Database>, input: NewCuratedEvalCase, actor: Actor): Promise<CuratedEvalCase> {
  return db.transaction().execute((trx) => insertEvalCase(trx, input, 'admin', actor))
}

export async function updateEvalCase(db: Kysely<Database>, id: string, patch: EvalCasePatch, actor: Actor): Promise<CuratedEvalCase> {
  return db.transaction().execute(async (trx) => {
    const row = await trx.selectFrom('eval_cases').selectAll().where('id', '=', id).forUpdate().executeTakeFirst()
    if (!row) throw new AppError('not_found', `Eval case ${id} does not exist.`, { entity, id })
    const before = toCuratedEvalCase(row)
    if (patch.expectedVersion !== undefined && patch.expectedVersion !== before.version) {
      throw new AppError('conflict', `Eval case ${id} was changed by someone else (now version ${before.version}, you edited ${patch.expectedVersion}); reload it and edit again.`, { version: before.version })
    }
    const expect = patch.expect ?? before.expect
    // Switching to a refusal drops the gold SQL unless the patch sets one (which checkedGold then refuses).
    const goldInput = patch.goldSql !== undefined ? patch.goldSql : expect === 'refuse' ? null : before.goldSql
    const goldSql = patch.goldSql !== undefined || patch.expect !== undefined ? await checkedGold(expect, goldInput) : before.goldSql
    const removed = new Set(patch.removeTags ?? [])
    const tags = uniqueTags([...(patch.tags ?? before.tags), ...(patch.addTags ?? [])].filter((t) => !removed.has(t)))
    const updated = await trx
      .updateTable('eval_cases')
      .set({
        question: patch.question ?? before.question,
        lang: patch.lang ?? before.lang,
        today: patch.today ?? before.today,
        expect,
        gold_sql: goldSql,
        ordered: patch.ordered ?? before.ordered,
        tags,
        note: patch.note !== undefined ? patch.note : before.note,
        status: patch.status ?? before.status,
        version: before.version + 1,
        updated_by: actor.name,
        updated_at: new Date(),
      })
      .where('id', '=', id)
      .returningAll()
      .executeTakeFirstOrThrow()
    const after = toCuratedEvalCase(updated)
    await recordAudit(trx, actor, { action: 'update', entity, entityId: id, before, after })
    return after
  })
}

export async function retireEvalCase(db: Kysely<Database>, id: string, actor: Actor): Promise<CuratedEvalCase> {
  const current = await findEvalCaseOrThrow(db, id)
  if (current.status === 'retired') return current
  return updateEvalCase(db, id, { status: 'retired' }, actor)
}

export interface EvalCaseImportReport {
  readonly inserted: number
  /** Already stored with the same content. */
  readonly unchanged: number
  /** Already stored with other content (edited by an admin, or a changed file): kept as stored. */
  readonly kept: readonly string[]
}

const sameContent = (stored: CuratedEvalCase, c: EvalCase & { today: string }) =>
  stored.question === c.question &&
  stored.lang === c.lang &&
  stored.today === c.today &&
  stored.expect === c.expect &&
  (stored.goldSql ?? null) === (c.goldSql?.trim() ?? null) &&
  stored.ordered === c.ordered &&
  uniqueTags(stored.tags).join(',') === uniqueTags(c.tags).join(',')

/**
 * Loads file cases (evals/cases/*.jsonl) into the curated set with source 'file'. Idempotent: a case already stored
 * is never overwritten, so an admin's edit survives a re-import. Every gold query is checked first; one bad case
 * and nothing is imported.
 */
export async function importEvalCases(db: Kysely<Database>, cases: readonly EvalCase[], actor: Actor, options: { file: string; defaultToday?: string }): Promise<EvalCaseImportReport> {
  const prepared: (EvalCase & { today: string })[] = []
  for (const c of cases) {
    const today = c.today ?? options.defaultToday
    if (!today) throw new AppError('validation_failed', `${options.file}: case ${c.id} has no "today"; stored cases need the date they are asked on (pass --today).`)
    if (c.goldSql) {
      try {
        await checkGoldSql(c.goldSql)
      } catch (error) {
        throw new AppError('unprocessable', `${options.file}: case ${c.id}: ${(error as Error).message}`, {}, { cause: error })
      }
    }
    prepared.push({ ...c, today })
  }
  return db.transaction().execute(async (trx) => {
    const stored = new Map((await trx.selectFrom('eval_cases').selectAll().where('id', 'in', prepared.length ? prepared.map((c) => c.id) : ['']).forUpdate().execute()).map((r) => [r.id, toCuratedEvalCase(r)]))
    let inserted = 0
    let unchanged = 0
    const kept: string[] = []
    const fresh = prepared.filter((c) => {
      const existing = stored.get(c.id)
      if (!existing) return true
      if (sameContent(existing, c)) unchanged++
      else kept.push(c.id)
      return false
    })
    const chunkSize = 200
    for (let start = 0; start < fresh.length; start += chunkSize) {
      const chunk = fresh.slice(start, start + chunkSize)
      const rows = await trx
        .insertInto('eval_cases')
        .values(
          chunk.map((c) => ({
            id: c.id,
            question: c.question,
            lang: c.lang,
            today: c.today,
            expect: c.expect,
            gold_sql: c.goldSql?.trim() ?? null,
            ordered: c.ordered,
            tags: uniqueTags(c.tags),
            note: null,
            source: 'file' as const,
            created_by: actor.name,
            updated_by: actor.name,
          })),
        )
        // A concurrent import may have inserted the same ids a moment ago: theirs stands.
        .onConflict((oc) => oc.column('id').doNothing())
        .returning('id')
        .execute()
      inserted += rows.length
      unchanged += chunk.length - rows.length
    }
    const report = { inserted, unchanged, kept }
    await recordAudit(trx, actor, { action: 'import', entity, entityId: null, after: { file: options.file, inserted, unchanged, kept: kept.length } })
    return report
  })
}
