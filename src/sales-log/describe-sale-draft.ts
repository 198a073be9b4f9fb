/**
 * The confirmation a rep reads before a sale is recorded, in their language and locale:
 * "3 × Widget Pro a R$ 1.200,00 (−5%) = R$ 3.420,00 para Acme Ltda em 21/11/2026. Total R$ 3.420,00. Confirmar?"
 * Line totals are rounded the way the database's generated line_total is, so the total shown is the one recorded.
 */
import { createValueFormatter } from '../answer/format-values.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SaleDraft, SaleDraftItem } from './parse-sale-message.js'

const words = {
  pt: { at: 'a', for: 'para', on: 'em', total: 'Total', confirm: 'Confirmar?', note: 'Obs.:', via: 'canal', paid: 'pagamento' },
  en: { at: 'at', for: 'for', on: 'on', total: 'Total', confirm: 'Confirm?', note: 'Note:', via: 'channel', paid: 'payment' },
} as const

const storedValueNames: Record<Language, Record<string, string>> = {
  pt: { online: 'online', field: 'em campo', phone: 'telefone', partner: 'parceiro', pix: 'Pix', boleto: 'boleto', credit_card: 'cartão de crédito', bank_transfer: 'transferência' },
  en: { online: 'online', field: 'field', phone: 'phone', partner: 'partner', pix: 'Pix', boleto: 'boleto', credit_card: 'credit card', bank_transfer: 'bank transfer' },
}

/** round(quantity × unit_price × (1 − discount), 2), as order_items.line_total. */
export function saleLineTotal(item: Pick<SaleDraftItem, 'quantity' | 'unitPrice' | 'discount'>): number {
  const cents = Math.round(item.quantity * item.unitPrice * 100 * (1 - item.discount) + 1e-7 * Math.sign(item.unitPrice))
  return cents / 100
}

export function saleTotal(draft: Pick<SaleDraft, 'items'>): number {
  return Math.round(draft.items.reduce((sum, item) => sum + saleLineTotal(item) * 100, 0)) / 100
}

export function describeSaleDraft(draft: SaleDraft, language: Language, options: { currency?: string; question?: boolean } = {}): string {
  const format = createValueFormatter(language, options.currency ?? 'BRL')
  const w = words[language]
  const percent = new Intl.NumberFormat(language === 'pt' ? 'pt-BR' : 'en-US', { maximumFractionDigits: 2 })
  const line = (item: SaleDraftItem) => {
    const discount = item.discount > 0 ? ` (−${percent.format(item.discount * 100)}%)` : ''
    return `${format.count(item.quantity)} × ${item.productName} ${w.at} ${format.money(item.unitPrice)}${discount} = ${format.money(saleLineTotal(item))}`
  }
  const extras = [
    draft.channel ? `${w.via} ${storedValueNames[language][draft.channel] ?? draft.channel}` : undefined,
    draft.paymentMethod ? `${w.paid} ${storedValueNames[language][draft.paymentMethod] ?? draft.paymentMethod}` : undefined,
  ].filter((e): e is string => e !== undefined)
  const header = `${w.for} ${draft.customerName} ${w.on} ${format.date(draft.orderDate)}${extras.length ? ` (${extras.join(', ')})` : ''}.`
  const total = `${w.total} ${format.money(saleTotal(draft))}.`
  const body = draft.items.length === 1 ? `${line(draft.items[0]!)} ${header} ${total}` : `${draft.items.map((i) => `• ${line(i)}`).join('\n')}\n${capitalise(header)} ${total}`
  const notes = draft.notes.map((n) => `${w.note} ${n}`)
  const question = options.question === false ? [] : [w.confirm]
  if (notes.length === 0) return [body, ...question].join(' ')
  return [body, ...notes, ...question].join('\n')
}

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
