/** Who runs guarded SQL, and which rows that person may see. */

export type SqlPrincipalRole = 'admin' | 'director' | 'analyst' | 'rep'

export const sqlPrincipalRoles: readonly SqlPrincipalRole[] = ['admin', 'director', 'analyst', 'rep']

export interface SqlPrincipal {
  /** Stable id of the person or key (Slack/Teams user, API key id, local operator). */
  readonly userId: string
  readonly role: SqlPrincipalRole
  /** Required for role 'rep': the sales_reps.id whose orders they may see. */
  readonly repId?: number
}

/** 'all' rows, or only one rep's orders, order items and targets (plus company and region targets). */
export type RowScope = { readonly kind: 'all' } | { readonly kind: 'rep'; readonly repId: number }

/** The row scope of a principal, or the reason it gets none (fail closed on anything unexpected). */
export function rowScopeOf(principal: SqlPrincipal): { ok: true; scope: RowScope } | { ok: false; reason: string } {
  if (typeof principal?.userId !== 'string' || principal.userId.trim() === '') {
    return { ok: false, reason: 'The query has no identified user, so it cannot run.' }
  }
  switch (principal.role) {
    case 'admin':
    case 'director':
    case 'analyst':
      return { ok: true, scope: { kind: 'all' } }
    case 'rep':
      if (!Number.isSafeInteger(principal.repId) || (principal.repId ?? 0) <= 0) {
        return { ok: false, reason: 'This sales rep account is not linked to a rep, so it cannot see any orders.' }
      }
      return { ok: true, scope: { kind: 'rep', repId: principal.repId! } }
    default:
      return { ok: false, reason: 'This account has no role that may query sales data.' }
  }
}
