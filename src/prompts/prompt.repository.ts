/**
 * Prompt versions and their activations (migration 008). Every write locks the prompt's rows first, so two admins
 * activating at once queue instead of racing, and is audited in the same transaction.
 * Rollback undoes the latest activation not yet undone: v1 → v2 → v3, rollback → v2, rollback → v1, rollback → 409.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { AppError } from '../errors/app-error.js'
import { promptChecksum } from './prompt-files.js'

type Db = Kysely<Database> | Transaction<Database>

export interface PromptVersionInfo {
  readonly version: number
  readonly note: string | null
  readonly checksum: string
  readonly source: 'file' | 'admin'
  readonly active: boolean
  readonly createdBy: string
  readonly createdAt: Date
}

export interface PromptActivation {
  readonly id: number
  readonly fromVersion: number | null
  readonly toVersion: number
  readonly kind: 'initial' | 'activate' | 'rollback'
  /** The activation a rollback undid. */
  readonly reverts: number | null
  /** When a later rollback undid this activation. */
  readonly revertedAt: Date | null
  readonly activatedBy: string
  readonly activatedAt: Date
}

export interface PromptSummary {
  readonly name: string
  readonly activeVersion: number | null
  readonly latestVersion: number
  readonly versions: number
  readonly activatedAt: Date | null
  readonly activatedBy: string | null
}

export interface PromptDetail {
  readonly name: string
  readonly activeVersion: number | null
  /** Whether a rollback has somewhere to go. */
  readonly canRollBack: boolean
  /** Newest first, with their texts. */
  readonly versions: readonly (PromptVersionInfo & { readonly text: string })[]
  /** Newest first. */
  readonly history: readonly PromptActivation[]
}

const entity = 'prompt_versions'
const versionId = (name: string, version: number) => `${name}@${version}`
const unknownPrompt = (name: string) => new AppError('not_found', `There is no prompt named "${name}".`, { entity: 'prompt', id: name })
const unknownVersion = (name: string, version: number) =>
  new AppError('not_found', `Prompt "${name}" has no version ${version}.`, { entity: 'prompt_version', id: versionId(name, version) })

export async function listPrompts(db: Db): Promise<PromptSummary[]> {
  const { rows } = await sql<{
    name: string
    active_version: number | null
    latest_version: number
    versions: number | string
    activated_at: Date | null
    activated_by: string | null
  }>`
    select v.name,
           max(v.version) filter (where v.active) as active_version,
           max(v.version) as latest_version,
           count(*) as versions,
           a.activated_at, a.activated_by
      from prompt_versions v
      left join lateral (select activated_at, activated_by from prompt_activations where name = v.name order by id desc limit 1) a on true
     group by v.name, a.activated_at, a.activated_by
     order by v.name`.execute(db)
  return rows.map((r) => ({
    name: r.name,
    activeVersion: r.active_version,
    latestVersion: r.latest_version,
    versions: Number(r.versions),
    activatedAt: r.activated_at,
    activatedBy: r.activated_by,
  }))
}

export async function findPromptDetail(db: Db, name: string): Promise<PromptDetail | undefined> {
  const versions = await db.selectFrom('prompt_versions').selectAll().where('name', '=', name).orderBy('version', 'desc').execute()
  if (versions.length === 0) return undefined
  const history = await db.selectFrom('prompt_activations').selectAll().where('name', '=', name).orderBy('id', 'desc').execute()
  return {
    name,
    activeVersion: versions.find((v) => v.active)?.version ?? null,
    canRollBack: latestUndoable(history.map(toActivation))?.fromVersion != null,
    versions: versions.map((v) => ({
      version: v.version,
      note: v.note,
      checksum: v.checksum,
      source: v.source,
      active: v.active,
      createdBy: v.created_by,
      createdAt: v.created_at,
      text: v.text,
    })),
    history: history.map(toActivation),
  }
}

export async function findPromptDetailOrThrow(db: Db, name: string): Promise<PromptDetail> {
  const detail = await findPromptDetail(db, name)
  if (!detail) throw unknownPrompt(name)
  return detail
}

export async function findActivePromptText(db: Db, name: string): Promise<{ version: number; text: string } | undefined> {
  return db.selectFrom('prompt_versions').select(['version', 'text']).where('name', '=', name).where('active', '=', true).executeTakeFirst()
}

export async function findPromptVersionText(db: Db, name: string, version: number): Promise<{ version: number; text: string } | undefined> {
  return db.selectFrom('prompt_versions').select(['version', 'text']).where('name', '=', name).where('version', '=', version).executeTakeFirst()
}

/** A new, inactive version of an existing prompt: the highest version + 1. New prompt names arrive as files. */
export async function createPromptVersion(
  db: Kysely<Database>,
  input: { name: string; text: string; note?: string | null },
  actor: Actor,
): Promise<PromptVersionInfo> {
  const checksum = promptChecksum(input.text)
  return db.transaction().execute(async (trx) => {
    const rows = await lockPrompt(trx, input.name)
    if (rows.length === 0) throw unknownPrompt(input.name)
    const same = rows.find((r) => r.checksum === checksum)
    if (same) throw new AppError('conflict', `This text is already version ${same.version} of "${input.name}"; activate that version instead.`, { version: same.version })
    const version = Math.max(...rows.map((r) => r.version)) + 1
    const row = await trx
      .insertInto('prompt_versions')
      .values({ name: input.name, version, text: input.text, note: input.note ?? null, checksum, source: 'admin', created_by: actor.name })
      .returningAll()
      .executeTakeFirstOrThrow()
    await recordAudit(trx, actor, { action: 'create', entity, entityId: versionId(input.name, version), after: { name: input.name, version, note: row.note, checksum } })
    return { version: row.version, note: row.note, checksum: row.checksum, source: row.source, active: row.active, createdBy: row.created_by, createdAt: row.created_at }
  })
}

export interface ActivationOutcome {
  readonly name: string
  readonly fromVersion: number | null
  readonly toVersion: number
  /** False when the version was already active (nothing was written). */
  readonly changed: boolean
}

export async function activatePromptVersion(db: Kysely<Database>, name: string, version: number, actor: Actor): Promise<ActivationOutcome> {
  return db.transaction().execute(async (trx) => {
    const rows = await lockPrompt(trx, name)
    if (rows.length === 0) throw unknownPrompt(name)
    if (!rows.some((r) => r.version === version)) throw unknownVersion(name, version)
    const current = rows.find((r) => r.active)?.version ?? null
    if (current === version) return { name, fromVersion: current, toVersion: version, changed: false }
    await switchActive(trx, name, current, version)
    await trx.insertInto('prompt_activations').values({ name, from_version: current, to_version: version, kind: 'activate', reverts: null, reverted_at: null, activated_by: actor.name }).execute()
    await recordAudit(trx, actor, { action: 'update', entity, entityId: versionId(name, version), before: { name, active_version: current }, after: { name, active_version: version } })
    return { name, fromVersion: current, toVersion: version, changed: true }
  })
}

/** Re-activates the version that was active before the latest activation not yet undone; 409 when there is none. */
export async function rollbackPrompt(db: Kysely<Database>, name: string, actor: Actor): Promise<ActivationOutcome> {
  return db.transaction().execute(async (trx) => {
    const rows = await lockPrompt(trx, name)
    if (rows.length === 0) throw unknownPrompt(name)
    const history = (await trx.selectFrom('prompt_activations').selectAll().where('name', '=', name).orderBy('id', 'desc').execute()).map(toActivation)
    const undo = latestUndoable(history)
    if (!undo || undo.fromVersion === null) {
      throw new AppError('conflict', `Prompt "${name}" has no earlier active version to roll back to.`, { entity: 'prompt', id: name })
    }
    const current = rows.find((r) => r.active)?.version ?? null
    const target = undo.fromVersion
    await switchActive(trx, name, current, target)
    await trx.updateTable('prompt_activations').set({ reverted_at: new Date() }).where('id', '=', undo.id).execute()
    await trx.insertInto('prompt_activations').values({ name, from_version: current, to_version: target, kind: 'rollback', reverts: undo.id, reverted_at: null, activated_by: actor.name }).execute()
    await recordAudit(trx, actor, { action: 'update', entity, entityId: versionId(name, target), before: { name, active_version: current }, after: { name, active_version: target, rolled_back: undo.id } })
    return { name, fromVersion: current, toVersion: target, changed: current !== target }
  })
}

/** Inserts a version from a file (sync); the caller holds the sync lock. */
export async function insertFilePromptVersion(trx: Transaction<Database>, file: { name: string; version: number; text: string; checksum: string; file: string }, actorName: string): Promise<void> {
  await trx
    .insertInto('prompt_versions')
    .values({ name: file.name, version: file.version, text: file.text, note: `prompts/${file.file}`, checksum: file.checksum, source: 'file', created_by: actorName })
    .execute()
}

/**
 * Makes the newest version active when the prompt has none active (a fresh install: only shipped files exist, and the
 * newest is the one the code around it expects); returns it, or undefined. An existing choice is never changed.
 */
export async function activateNewestVersionIfNone(trx: Transaction<Database>, name: string, actorName: string): Promise<number | undefined> {
  const rows = await lockPrompt(trx, name)
  if (rows.length === 0 || rows.some((r) => r.active)) return undefined
  const first = Math.max(...rows.map((r) => r.version))
  await switchActive(trx, name, null, first)
  await trx.insertInto('prompt_activations').values({ name, from_version: null, to_version: first, kind: 'initial', reverts: null, reverted_at: null, activated_by: actorName }).execute()
  return first
}

async function lockPrompt(trx: Transaction<Database>, name: string) {
  return trx.selectFrom('prompt_versions').select(['version', 'active', 'checksum']).where('name', '=', name).orderBy('version').forUpdate().execute()
}

/** Clears the old flag before setting the new one: the partial unique index allows one active row per name. */
async function switchActive(trx: Transaction<Database>, name: string, from: number | null, to: number): Promise<void> {
  if (from !== null) await trx.updateTable('prompt_versions').set({ active: false }).where('name', '=', name).where('version', '=', from).execute()
  await trx.updateTable('prompt_versions').set({ active: true }).where('name', '=', name).where('version', '=', to).execute()
}

/** The newest initial/activate row not undone by a rollback (history is newest first). */
function latestUndoable(history: readonly PromptActivation[]): PromptActivation | undefined {
  return history.find((a) => a.kind !== 'rollback' && a.revertedAt === null)
}

function toActivation(row: {
  id: number
  from_version: number | null
  to_version: number
  kind: 'initial' | 'activate' | 'rollback'
  reverts: number | null
  reverted_at: Date | null
  activated_by: string
  activated_at: Date
}): PromptActivation {
  return {
    id: Number(row.id),
    fromVersion: row.from_version,
    toVersion: row.to_version,
    kind: row.kind,
    reverts: row.reverts === null ? null : Number(row.reverts),
    revertedAt: row.reverted_at,
    activatedBy: row.activated_by,
    activatedAt: row.activated_at,
  }
}
