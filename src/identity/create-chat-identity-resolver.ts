/**
 * The chat identity resolver over the database: an admin's mapping in chat_identities wins (a director who also
 * sells is a director here), then the rep whose slack_user_id / teams_user_id matches. The user id comes from the
 * platform's verified request only; nothing in a message reaches this file.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { ChatIdentity, ChatIdentityResolver, ChatUser } from './chat-identity.js'
import { findChatIdentity } from './chat-identity.repository.js'

/** The principal's user id: `slack:U0123`, `teams:29:1abc…` — the id agent_turns and feedback record. */
export const chatPrincipalId = (user: Pick<ChatUser, 'platform' | 'userId'>): string => `${user.platform}:${user.userId}`

export function createChatIdentityResolver(db: Kysely<Database>): ChatIdentityResolver {
  return {
    async resolve(user: ChatUser): Promise<ChatIdentity> {
      if (typeof user.userId !== 'string' || user.userId.trim() === '') return { ok: false, reason: 'unknown_user' }
      const userId = chatPrincipalId(user)
      const mapped = await findChatIdentity(db, user.platform, user.userId)
      if (mapped) return { ok: true, principal: { userId, role: mapped.role }, displayName: mapped.displayName }
      const column = user.platform === 'slack' ? 'slack_user_id' : 'teams_user_id'
      const rep = await db.selectFrom('sales_reps').select(['id', 'name', 'active']).where(column, '=', user.userId).executeTakeFirst()
      if (!rep) return { ok: false, reason: 'unknown_user' }
      if (!rep.active) return { ok: false, reason: 'inactive' }
      return { ok: true, principal: { userId, role: 'rep', repId: rep.id }, displayName: rep.name }
    },
  }
}
