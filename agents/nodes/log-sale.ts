/**
 * Node "log_sale": a rep's sale written as a message becomes a draft the same rep must confirm; Confirm (a button, or
 * "sim" / "yes" typed in the thread) records it as one order, Cancel drops it, "desfazer" / "undo" takes back the
 * rep's last sale in the thread within the undo window. A new sale message while a draft waits replaces the draft.
 * Unusual prices or quantities ask for a second Confirm. Always the deterministic road for the decision: a write from
 * chat is shown back in full and done only on an explicit yes (a configured model may only read the message).
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { SalesLog } from '../../src/sales-log/index.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

const confirmWords = /^(sim|s|yes|y|ok|okay|confirm(o|a|ar|ed)?|pode (registrar|confirmar|gravar)|isso( mesmo)?|correto|correct|go ahead)[.! ]*$/i
const cancelWords = /^(n[aã]o|no|n|cancel(a|ar|o|led)?|desisto|esquece|deixa pra l[aá])[.! ]*$/i
const undoWords = /^(desfazer|desfaz|desfa[cç]a|undo|take (it|that) back)( (a|essa|esta|[uú]ltima) venda| (the|that|my last) sale| isso| that)?[.! ]*$/i

/** The typed answer to a pending sale, or an undo, if the message is one. */
export function typedDecision(message: string): 'confirm' | 'cancel' | 'undo' | undefined {
  const text = message.trim()
  if (confirmWords.test(text)) return 'confirm'
  if (cancelWords.test(text)) return 'cancel'
  if (undoWords.test(text)) return 'undo'
  return undefined
}

const labels = {
  en: { confirm: 'Confirm', cancel: 'Cancel', edit: 'To change anything, write the corrected sale here; it replaces this one.' },
  pt: { confirm: 'Confirmar', cancel: 'Cancelar', edit: 'Para mudar algo, escreva a venda corrigida aqui; ela substitui esta.' },
} as const
const sources = new Set(['web', 'slack', 'teams', 'cli'])

export function createLogSaleNode(deps: { readonly salesLog: SalesLog }) {
  return async function logSale(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const threadId = threadIdOf(config)
    const typed = typedDecision(state.message)
    if (typed === 'undo' && !turn.action) {
      emitProgress(config, 'querying', state.language)
      const result = await deps.salesLog.undo({ principal: turn.principal, threadId, language: state.language })
      turn.sale = { ok: result.ok, text: result.message, ...(result.ok ? {} : { code: result.code }) }
      return { language: result.language }
    }
    const decision = turn.action ?? (state.pendingSale && (typed === 'confirm' || typed === 'cancel') ? { kind: typed, actionId: state.pendingSale.actionId } : undefined)
    if (decision) {
      emitProgress(config, 'querying', state.language)
      const request = { actionId: decision.actionId, principal: turn.principal, language: state.language }
      const result = decision.kind === 'confirm' ? await deps.salesLog.confirm(request) : await deps.salesLog.cancel(request)
      const text = result.ok ? ('summary' in result ? result.summary : result.message) : result.message
      const again = !result.ok && result.code === 'needs_second_confirmation'
      const words = labels[result.language]
      turn.sale = {
        ok: result.ok,
        text,
        ...(result.ok ? {} : { code: result.code }),
        // An unusual sale is asked about once more, with the same buttons.
        ...(again ? { confirmation: { actionId: decision.actionId, summary: text, confirmLabel: words.confirm, cancelLabel: words.cancel } } : {}),
      }
      // Decided, or impossible to decide (expired, not found): nothing stays pending. Someone else pressing the button
      // in a shared thread, or a sale that needs a second yes, leaves the rep's draft waiting.
      const settled = result.ok || (result.code !== 'not_owner' && result.code !== 'not_a_rep' && result.code !== 'needs_second_confirmation')
      return { language: result.language, pendingSale: settled && state.pendingSale?.actionId === decision.actionId ? null : state.pendingSale }
    }
    emitProgress(config, 'planning', state.language)
    const proposal = await deps.salesLog.propose({
      text: state.message,
      principal: turn.principal,
      threadId,
      today: turn.today,
      language: state.language,
      ...(sources.has(turn.surface) ? { source: turn.surface as 'web' | 'slack' | 'teams' | 'cli' } : {}),
    })
    if (!proposal.ok) {
      // Close matches come back as the whole message rewritten with each exact name: one click sends it.
      const alternatives = proposal.code !== 'not_a_rep' ? (proposal.alternatives ?? []) : []
      turn.sale = { ok: false, text: proposal.message, code: proposal.code }
      return { language: proposal.language, suggestions: [...alternatives] }
    }
    const words = labels[proposal.language]
    // Edit is a new message: the corrected sale replaces this draft, whose buttons then confirm nothing.
    const summary = `${proposal.summary}\n${words.edit}`
    turn.sale = { ok: true, text: summary, confirmation: { actionId: proposal.actionId, summary, confirmLabel: words.confirm, cancelLabel: words.cancel } }
    return { language: proposal.language, pendingSale: { actionId: proposal.actionId } }
  }
}

function threadIdOf(config: LangGraphRunnableConfig): string {
  return String((config.configurable as { thread_id?: string } | undefined)?.thread_id ?? '')
}
