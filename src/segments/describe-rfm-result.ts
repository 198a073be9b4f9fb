/**
 * Plain text of an RFM result for a digest or a chat reply: the segments that have customers, with their size and
 * share of revenue, then the most valuable customers at risk. Numbers and dates in the reader's locale; no SQL.
 */
import { createValueFormatter } from '../answer/format-values.js'
import type { Language } from '../semantic/semantic-model.js'
import type { RfmResult } from './compute-rfm-segments.js'

export interface RfmDescriptionOptions {
  /** At-risk customers named at most (default 5). */
  readonly atRiskShown?: number
}

export function describeRfmResult(result: RfmResult, language: Language, options: RfmDescriptionOptions = {}): string {
  const pt = language === 'pt'
  const f = createValueFormatter(language)
  if (result.customers === 0) {
    return pt ? `Nenhum cliente com pedido concluído de ${f.range(result.period.start, result.period.end)}.` : `No customer has a completed order from ${f.range(result.period.start, result.period.end)}.`
  }
  const lines = [
    pt
      ? `Segmentos RFM de ${f.count(result.customers)} clientes, ${f.range(result.period.start, result.period.end)}:`
      : `RFM segments of ${f.count(result.customers)} customers, ${f.range(result.period.start, result.period.end)}:`,
  ]
  for (const s of result.segments) {
    if (s.customers === 0) continue
    lines.push(pt ? `• ${s.label.pt}: ${f.count(s.customers)} clientes, ${f.money(s.revenue)} (${f.percent(s.share)} do faturamento)` : `• ${s.label.en}: ${f.count(s.customers)} customers, ${f.money(s.revenue)} (${f.percent(s.share)} of revenue)`)
  }
  const shown = result.atRisk.slice(0, options.atRiskShown ?? 5)
  if (shown.length > 0) {
    lines.push(pt ? 'Clientes valiosos em risco:' : 'Valuable customers at risk:')
    for (const c of shown) {
      lines.push(
        pt
          ? `• ${c.name}: ${f.money(c.revenue)} em ${f.count(c.orders)} pedidos, último em ${f.date(c.lastOrder)} (há ${f.count(c.daysSinceLastOrder)} dias)`
          : `• ${c.name}: ${f.money(c.revenue)} over ${f.count(c.orders)} orders, last on ${f.date(c.lastOrder)} (${f.count(c.daysSinceLastOrder)} days ago)`,
      )
    }
  }
  return lines.join('\n')
}
