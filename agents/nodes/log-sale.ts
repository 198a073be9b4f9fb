/**
 * Node "log_sale": a rep's sale written as a message becomes a draft the same rep must confirm; Confirm (a button, or
 * "sim" / "yes" typed in the thread) records it as one order, Cancel drops it. Always the deterministic road, with
 * or without a model: a write from chat is parsed by rules, shown back in full and done only on an explicit yes.
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { SalesLog } from '../../src/sales-log/index.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

const confirmWords = /^(sim|s|yes|y|ok|okay|confirm(o|a|ar|ed)?|pode (registrar|confirmar|gravar)|isso( mesmo)?|correto|correct|go ahead)[.! ]*$/i
const cancelWords = /^(n[aã]o|no|n|cancel(a|ar|o|led)?|desisto|esquece|deixa pra l[aá])[.! ]*$/i

/** The typed answer to a pending sale, if the message is one. */
export function typedDecision(message: string): 'confirm' | 'cancel' | undefined {
  const text = message.trim()
  if (confirmWords.test(text)) return 'confirm'
  if (cancelWords.test(text)) return 'cancel'
  return undefined
}

const labels = { en: { confirm: 'Confirm', cancel: 'Cancel' }, pt: { confirm: 'Confirmar', cancel: 'Cancelar' } } as const

export function createLogSaleNode(deps: { readonly salesLog: SalesLog }) {
  return async function logSale(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const decision = turn.action ?? (state.pendingSale ? decisionOf(state.message, state.pendingSale.actionId) : undefined)
    if (decision) {
      emitProgress(config, 'querying', state.language)
      const request = { actionId: decision.actionId, principal: turn.principal, language: state.language }
      const result = decision.kind === 'confirm' ? await deps.salesLog.confirm(request) : await deps.salesLog.cancel(request)
      const text = result.ok ? ('summary' in result ? result.summary : result.message) : result.message
      turn.sale = { ok: result.ok, text, ...(result.ok ? {} : { code: result.code }) }
      // Decided, or impossible to decide (expired, not found): nothing stays pending. Someone else pressing the button
      // in a shared thread changes nothing for the rep who wrote the sale.
      const settled = result.ok || (result.code !== 'not_owner' && result.code !== 'not_a_rep')
      return { language: result.language, pendingSale: settled && state.pendingSale?.actionId === decision.actionId ? null : state.pendingSale }
    }
    emitProgress(config, 'planning', state.language)
    const proposal = await deps.salesLog.propose({ text: state.message, principal: turn.principal, threadId: threadIdOf(config), today: turn.today, language: state.language })
    if (!proposal.ok) {
      const candidates = proposal.code !== 'not_a_rep' && proposal.candidates?.length ? `\n${proposal.candidates.map((c) => `• ${c}`).join('\n')}` : ''
      turn.sale = { ok: false, text: `${proposal.message}${candidates}`, code: proposal.code }
      return { language: proposal.language }
    }
    const words = labels[proposal.language]
    turn.sale = { ok: true, text: proposal.summary, confirmation: { actionId: proposal.actionId, summary: proposal.summary, confirmLabel: words.confirm, cancelLabel: words.cancel } }
    return { language: proposal.language, pendingSale: { actionId: proposal.actionId } }
  }
}

function decisionOf(message: string, actionId: string): { kind: 'confirm' | 'cancel'; actionId: string } | undefined {
  const kind = typedDecision(message)
  return kind ? { kind, actionId } : undefined
}

function threadIdOf(config: LangGraphRunnableConfig): string {
  return String((config.configurable as { thread_id?: string } | undefined)?.thread_id ?? '')
}
