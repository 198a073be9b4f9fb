/**
 * Channels that answer only about one region (table chat_channel_scopes, migration 010): an admin maps e.g. Slack's
 * #vendas-sul to the region Sul, and questions asked there are about that region. Changes are audited.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { translateDatabaseError } from '../db/translate-database-error.js'
import { AppError } from '../errors/app-error.js'
import type { ChatPlatform } from './chat-identity.js'

type Db = Kysely<Database> | Transaction<Database>

export interface ChannelScope {
  readonly platform: ChatPlatform
  readonly channelId: string
  readonly region: { readonly id: number; readonly name: string }
  readonly createdBy: string
  readonly createdAt: Date
}

function scopeQuery(db: Db) {
  return db
    .selectFrom('chat_channel_scopes as s')
    .innerJoin('regions as r', 'r.id', 's.region_id')
    .select(['s.platform', 's.channel_id', 's.region_id', 'r.name as region_name', 's.created_by', 's.created_at'])
}

const toScope = (row: { platform: ChatPlatform; channel_id: string; region_id: number; region_name: string; created_by: string; created_at: Date }): ChannelScope => ({
  platform: row.platform,
  channelId: row.channel_id,
  region: { id: row.region_id, name: row.region_name },
  createdBy: row.created_by,
  createdAt: row.created_at,
})

export async function listChannelScopes(db: Db): Promise<ChannelScope[]> {
  return (await scopeQuery(db).orderBy('s.platform').orderBy('s.channel_id').execute()).map(toScope)
}

export async function findChannelScope(db: Db, platform: ChatPlatform, channelId: string): Promise<ChannelScope | undefined> {
  const row = await scopeQuery(db).where('s.platform', '=', platform).where('s.channel_id', '=', channelId).executeTakeFirst()
  return row ? toScope(row) : undefined
}

/** Sets (or moves) a channel's region. */
export async function setChannelScope(db: Kysely<Database>, input: { platform: ChatPlatform; channelId: string; regionId: number }, actor: Actor): Promise<ChannelScope> {
  try {
    return await db.transaction().execute(async (trx) => {
      const before = await findChannelScope(trx, input.platform, input.channelId)
      await trx
        .insertInto('chat_channel_scopes')
        .values({ platform: input.platform, channel_id: input.channelId, region_id: input.regionId, created_by: actor.name })
        .onConflict((oc) => oc.columns(['platform', 'channel_id']).doUpdateSet({ region_id: input.regionId, created_by: actor.name, created_at: new Date() }))
        .execute()
      const after = await findChannelScope(trx, input.platform, input.channelId)
      if (!after) throw new AppError('internal', 'The channel scope was not saved.')
      await recordAudit(trx, actor, { action: before ? 'update' : 'create', entity: 'chat_channel_scopes', entityId: `${input.platform}:${input.channelId}`, ...(before ? { before } : {}), after })
      return after
    })
  } catch (error) {
    throw translateDatabaseError(error) ?? error
  }
}

export async function deleteChannelScope(db: Kysely<Database>, platform: ChatPlatform, channelId: string, actor: Actor): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const before = await findChannelScope(trx, platform, channelId)
    if (!before) throw new AppError('not_found', `Channel ${platform}:${channelId} has no scope.`, { entity: 'chat_channel_scopes', id: `${platform}:${channelId}` })
    await trx.deleteFrom('chat_channel_scopes').where('platform', '=', platform).where('channel_id', '=', channelId).execute()
    await recordAudit(trx, actor, { action: 'delete', entity: 'chat_channel_scopes', entityId: `${platform}:${channelId}`, before })
  })
}
