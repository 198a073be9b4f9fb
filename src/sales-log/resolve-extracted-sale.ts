/**
 * Turns a model's `ExtractedSale` into a draft with the same catalog lookups, checks, notes and failures as the
 * rule-based parser: an unknown product is asked back, a negative quantity or a discount over 100% is refused,
 * a future date is refused. The model's numbers are never trusted more than a rep's typing.
 */
import { createValueFormatter } from '../answer/format-values.js'
import type { Language } from '../semantic/semantic-model.js'
import type { ExtractedSale } from './extracted-sale.js'
import { findSaleProduct } from './find-sale-product.js'
import { MAX_SALE_PRICE, MAX_SALE_QUANTITY, type SaleDraft, type SaleDraftItem, type SaleParse, type SaleParseFailure, type SaleParseFailureCode } from './parse-sale-message.js'
import { saleAlternatives } from './sale-alternatives.js'
import type { SaleCatalog } from './sale-catalog.js'
import { saleMessages } from './sale-messages.js'
import { channelPhrases, paymentPhrases } from './sale-words.js'

export interface ResolveExtractedSaleDeps {
  /** The rep's message, for the rewritten alternatives. */
  readonly text: string
  readonly today: string
  readonly catalog: SaleCatalog
  readonly currency?: string
  readonly language: Language
}

const storedChannels = new Set(['online', 'phone', 'field', 'partner'])
const storedPayments = new Set(['pix', 'boleto', 'credit_card', 'bank_transfer'])

export async function resolveExtractedSale(extracted: ExtractedSale, deps: ResolveExtractedSaleDeps): Promise<SaleParse> {
  const { language } = deps
  const say = saleMessages(language)
  const currency = deps.currency ?? 'BRL'
  const format = createValueFormatter(language, currency)
  const fail = (code: SaleParseFailureCode, message: string, candidates?: readonly string[], choice?: { said?: string | undefined; names?: readonly string[] | undefined }): SaleParseFailure => {
    const alternatives = saleAlternatives(deps.text, choice?.said, choice?.names)
    return { ok: false, language, code, message, ...(candidates?.length ? { candidates } : {}), ...(alternatives.length ? { alternatives } : {}) }
  }
  const notes: string[] = []
  const customerSaid = extracted.customer.trim()
  if (extracted.items.length === 0) return fail(customerSaid ? 'missing_product' : 'not_a_sale', customerSaid ? say.missingProduct : say.notASale)

  let orderDate = deps.today
  if (extracted.date) {
    if (!isCalendarDate(extracted.date)) return fail('invalid', say.badDate(extracted.date))
    if (extracted.date > deps.today) return fail('invalid', say.futureDate(format.date(extracted.date)))
    orderDate = extracted.date
  }

  const items: SaleDraftItem[] = []
  for (const read of extracted.items) {
    const productSaid = read.product.trim()
    if (productSaid === '') return fail('missing_product', say.missingProduct)
    if (!Number.isSafeInteger(read.quantity) || read.quantity <= 0 || read.quantity > MAX_SALE_QUANTITY) return fail('invalid', say.badQuantity(String(read.quantity)))
    const found = await findSaleProduct(productSaid, deps.catalog, say, undefined)
    if (!found.ok) return fail(found.code, found.message, found.candidates, { said: found.said, names: found.choices })
    const product = found.product
    const discountPercent = read.discountPercent ?? 0
    if (!(discountPercent >= 0 && discountPercent <= 100)) return fail('invalid', say.badDiscount(`${discountPercent}%`))
    let unitPrice: number
    if (read.unitPrice != null) {
      if (!(read.unitPrice >= 0 && read.unitPrice <= MAX_SALE_PRICE)) return fail('invalid', say.badPrice(String(read.unitPrice)))
      unitPrice = round(read.unitPrice, 2)
    } else if (read.totalPrice != null) {
      if (!(read.totalPrice >= 0 && read.totalPrice <= MAX_SALE_PRICE)) return fail('invalid', say.badPrice(String(read.totalPrice)))
      unitPrice = round(read.totalPrice / read.quantity, 2)
      if (read.quantity > 1) notes.push(say.totalSplit(format.money(read.totalPrice), read.quantity, format.money(unitPrice)))
      if (round(unitPrice * read.quantity, 2) !== round(read.totalPrice, 2)) notes.push(say.totalRounded(format.money(read.totalPrice), format.money(round(unitPrice * read.quantity, 2))))
    } else {
      unitPrice = product.listPrice
      notes.push(say.listPriceUsed(product.name, format.money(product.listPrice)))
    }
    items.push({ productId: product.id, productName: product.name, sku: product.sku, quantity: read.quantity, unitPrice, listPrice: product.listPrice, discount: round(discountPercent / 100, 4) })
  }

  if (customerSaid === '') return fail('missing_customer', say.missingCustomer)
  const lookup = await deps.catalog.findCustomer(customerSaid)
  if (lookup.kind === 'ambiguous') {
    const names = lookup.candidates.map((c) => c.name)
    return fail('ambiguous', say.ambiguousCustomer(customerSaid, names), names, { said: customerSaid, names })
  }
  if (lookup.kind === 'none') {
    const names = lookup.suggestions.map((c) => c.name)
    return fail('unknown_customer', say.unknownCustomer(customerSaid, names), names, { said: customerSaid, names })
  }

  // Prices far from the list price are said back, as the rule-based parser does.
  for (const item of items) {
    if (item.listPrice > 0 && Math.abs(item.unitPrice - item.listPrice) / item.listPrice > 0.3) {
      const share = Math.abs(item.unitPrice - item.listPrice) / item.listPrice
      notes.push(say.farFromList(item.productName, format.percent(share), format.money(item.listPrice), item.unitPrice > item.listPrice))
    }
  }
  const channel = storedValue(extracted.channel, storedChannels, channelPhrases)
  const paymentMethod = storedValue(extracted.paymentMethod, storedPayments, paymentPhrases)
  const draft: SaleDraft = {
    customerId: lookup.item.id,
    customerName: lookup.item.name,
    orderDate,
    items,
    ...(channel ? { channel } : {}),
    ...(paymentMethod ? { paymentMethod } : {}),
    notes,
  }
  return { ok: true, draft, language }
}

/** A stored value as is, or the one the same phrases the parser knows map to; anything else is left out. */
function storedValue(said: string | null | undefined, stored: ReadonlySet<string>, phrases: readonly [RegExp, string][]): string | undefined {
  const text = said?.trim()
  if (!text) return undefined
  if (stored.has(text.toLowerCase())) return text.toLowerCase()
  return phrases.find(([pattern]) => pattern.test(` ${text} `))?.[1]
}

function isCalendarDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false
  const date = new Date(`${text}T00:00:00Z`)
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round((value + Number.EPSILON) * factor) / factor
}
