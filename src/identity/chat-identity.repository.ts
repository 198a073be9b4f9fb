/**
 * The admin-managed mapping of chat users who are not reps (directors, analysts, admins) — table chat_identities,
 * migration 010. Every change is audited in the same transaction.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { translateDatabaseError } from '../db/translate-database-error.js'
import { notFound } from '../errors/app-error.js'
import type { ChatPlatform } from './chat-identity.js'

type Db = Kysely<Database> | Transaction<Database>

export const mappedChatRoles = ['admin', 'director', 'analyst'] as const
export type MappedChatRole = (typeof mappedChatRoles)[number]

export interface MappedChatIdentity {
  readonly id: number
  readonly platform: ChatPlatform
  readonly platformUserId: string
  readonly role: MappedChatRole
  readonly displayName: string
  readonly createdBy: string
  readonly createdAt: Date
}

const toIdentity = (row: { id: number; platform: ChatPlatform; platform_user_id: string; role: MappedChatRole; display_name: string; created_by: string; created_at: Date }): MappedChatIdentity => ({
  id: Number(row.id),
  platform: row.platform,
  platformUserId: row.platform_user_id,
  role: row.role,
  displayName: row.display_name,
  createdBy: row.created_by,
  createdAt: row.created_at,
})

export async function listChatIdentities(db: Db, filter: { platform?: ChatPlatform } = {}): Promise<MappedChatIdentity[]> {
  let query = db.selectFrom('chat_identities').selectAll()
  if (filter.platform) query = query.where('platform', '=', filter.platform)
  return (await query.orderBy('id').execute()).map(toIdentity)
}

export async function findChatIdentity(db: Db, platform: ChatPlatform, platformUserId: string): Promise<MappedChatIdentity | undefined> {
  const row = await db.selectFrom('chat_identities').selectAll().where('platform', '=', platform).where('platform_user_id', '=', platformUserId).executeTakeFirst()
  return row ? toIdentity(row) : undefined
}

export async function createChatIdentity(
  db: Kysely<Database>,
  input: { platform: ChatPlatform; platformUserId: string; role: MappedChatRole; displayName: string },
  actor: Actor,
): Promise<MappedChatIdentity> {
  try {
    return await db.transaction().execute(async (trx) => {
      const row = await trx
        .insertInto('chat_identities')
        .values({ platform: input.platform, platform_user_id: input.platformUserId, role: input.role, display_name: input.displayName, created_by: actor.name })
        .returningAll()
        .executeTakeFirstOrThrow()
      const identity = toIdentity(row)
      await recordAudit(trx, actor, { action: 'create', entity: 'chat_identities', entityId: identity.id, after: identity })
      return identity
    })
  } catch (error) {
    throw translateDatabaseError(error) ?? error
  }
}

export async function deleteChatIdentity(db: Kysely<Database>, id: number, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const row = await trx.deleteFrom('chat_identities').where('id', '=', id).returningAll().executeTakeFirst()
    if (!row) throw notFound('Chat identity', id)
    await recordAudit(trx, actor, { action: 'delete', entity: 'chat_identities', entityId: id, before: toIdentity(row) })
  })
}
