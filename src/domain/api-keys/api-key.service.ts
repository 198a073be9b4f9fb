/**
 * API keys: `smx_<prefix>_<secret>`. Only the SHA-256 of the whole key is stored; the prefix finds the row,
 * a constant-time comparison of hashes checks it. The plain key is returned exactly once, at creation.
 */
import { createHash, randomBytes, timingSafeEqual } from 'node:crypto'
import type { Kysely } from 'kysely'
import type { Database, Role } from '../../db/schema.js'
import { AppError } from '../../errors/app-error.js'
import { recordAudit, type Actor } from '../audit/audit.repository.js'

export interface Principal {
  keyId: number
  name: string
  role: Role
  repId: number | null
}

export interface CreatedApiKey {
  id: number
  name: string
  role: Role
  repId: number | null
  /** The plain key; shown once, never stored. */
  key: string
  prefix: string
}

const hashKey = (key: string) => createHash('sha256').update(key).digest('hex')
const keyPattern = /^smx_([a-z0-9]{10})_([A-Za-z0-9_-]{43})$/

export async function createApiKey(
  db: Kysely<Database>,
  input: { name: string; role: Role; repId?: number | null },
  actor: Actor,
): Promise<CreatedApiKey> {
  const repId = input.repId ?? null
  if (input.role === 'rep' && repId === null) throw new AppError('validation_failed', 'A rep key must name the rep it belongs to.', { fields: [{ path: 'rep_id', message: 'required for role rep' }] })
  if (input.role !== 'rep' && repId !== null) throw new AppError('validation_failed', 'Only rep keys belong to a rep.', { fields: [{ path: 'rep_id', message: 'only allowed for role rep' }] })
  const prefix = randomBytes(8).toString('hex').slice(0, 10)
  const key = `smx_${prefix}_${randomBytes(32).toString('base64url')}`
  return db.transaction().execute(async (trx) => {
    if (repId !== null) {
      const rep = await trx.selectFrom('sales_reps').select('id').where('id', '=', repId).executeTakeFirst()
      if (!rep) throw new AppError('validation_failed', `Sales rep ${repId} does not exist.`, { fields: [{ path: 'rep_id', message: 'unknown rep' }] })
    }
    const row = await trx
      .insertInto('api_keys')
      .values({ name: input.name, role: input.role, rep_id: repId, key_prefix: prefix, key_hash: hashKey(key) })
      .returning(['id', 'name', 'role', 'rep_id'])
      .executeTakeFirstOrThrow()
    await recordAudit(trx, actor, { action: 'create', entity: 'api_keys', entityId: row.id, after: { id: row.id, name: row.name, role: row.role, rep_id: row.rep_id, key_prefix: prefix } })
    return { id: row.id, name: row.name, role: row.role, repId: row.rep_id, key, prefix }
  })
}

/** The principal a presented key stands for, or undefined when the key is malformed, unknown or revoked. */
export async function findPrincipalByKey(db: Kysely<Database>, presented: string): Promise<Principal | undefined> {
  const match = keyPattern.exec(presented.trim())
  if (!match) return undefined
  const row = await db.selectFrom('api_keys').selectAll().where('key_prefix', '=', match[1]!).where('revoked_at', 'is', null).executeTakeFirst()
  if (!row) return undefined
  const expected = Buffer.from(row.key_hash, 'hex')
  const actual = Buffer.from(hashKey(presented.trim()), 'hex')
  if (expected.length !== actual.length || !timingSafeEqual(expected, actual)) return undefined
  return { keyId: row.id, name: row.name, role: row.role, repId: row.rep_id }
}

export async function countActiveApiKeys(db: Kysely<Database>): Promise<number> {
  const { n } = await db.selectFrom('api_keys').select((eb) => eb.fn.countAll<number>().as('n')).where('revoked_at', 'is', null).executeTakeFirstOrThrow()
  return Number(n)
}

export async function listApiKeys(db: Kysely<Database>) {
  return db
    .selectFrom('api_keys')
    .select(['id', 'name', 'role', 'rep_id', 'key_prefix', 'created_at', 'last_used_at', 'revoked_at'])
    .orderBy('id')
    .execute()
}

export async function revokeApiKey(db: Kysely<Database>, id: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await trx.selectFrom('api_keys').select(['id', 'name', 'role', 'revoked_at']).where('id', '=', id).executeTakeFirst()
    if (!before) throw new AppError('not_found', `API key ${id} does not exist.`)
    if (before.revoked_at) return
    await trx.updateTable('api_keys').set({ revoked_at: new Date() }).where('id', '=', id).execute()
    await recordAudit(trx, actor, { action: 'delete', entity: 'api_keys', entityId: id, before })
  })
}
