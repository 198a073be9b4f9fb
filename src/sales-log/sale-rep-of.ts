/** Who may log sales by chat: a rep principal, for their own rep id only — never anyone named in the message. */
import type { Language } from '../semantic/semantic-model.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import { saleMessages } from './sale-messages.js'

export type SaleRep = { readonly ok: true; readonly repId: number } | { readonly ok: false; readonly message: string }

export function saleRepOf(principal: SqlPrincipal, language: Language): SaleRep {
  if (principal.role === 'rep' && Number.isSafeInteger(principal.repId) && principal.repId! > 0 && principal.userId.trim() !== '') return { ok: true, repId: principal.repId! }
  const say = saleMessages(language)
  return { ok: false, message: principal.role === 'admin' || principal.role === 'director' ? say.adminCannotLog : say.notARep }
}
