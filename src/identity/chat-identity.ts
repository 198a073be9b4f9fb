/**
 * Who a chat user is, from the platform's verified user id only — never from what a message says ("I am the
 * director…" changes nothing). Reps map through sales_reps.slack_user_id / teams_user_id; directors, analysts and
 * admins through an admin-managed mapping. Unknown users get no principal (and a polite "how to get access").
 */
import type { SqlPrincipal } from '../sql-guard/index.js'

export type ChatPlatform = 'slack' | 'teams'

export interface ChatUser {
  readonly platform: ChatPlatform
  /** Slack user id (U…), Teams AAD object id or Bot Framework user id. */
  readonly userId: string
  /** Slack team id / Teams tenant id, when known. */
  readonly workspaceId?: string
}

export type ChatIdentity =
  | { readonly ok: true; readonly principal: SqlPrincipal; readonly displayName: string }
  | { readonly ok: false; readonly reason: 'unknown_user' | 'inactive' }

export interface ChatIdentityResolver {
  resolve(user: ChatUser): Promise<ChatIdentity>
}
