/**
 * Reads a sale from a rep's message, deterministically and without a model, in English and Portuguese:
 * "vendi 3 Widget Pro para a Acme por R$ 1.200 cada, 5% de desconto", "sold 10 x SKU-1234 to Globex at $99
 * yesterday", "vendi 2 Widget Pro e 1 Gadget X para a Acme". Either every part is understood and found in the
 * catalog — a complete draft — or the answer says what is missing and how to say it: never half a draft.
 *
 * How: the date, channel, payment method, discounts and prices are read first and replaced by placeholders;
 * then the customer after "para/pra/to/for"; what is left splits into items where a quantity starts one.
 */
import { createValueFormatter } from '../answer/format-values.js'
import type { Language } from '../semantic/semantic-model.js'
import { normaliseSaleText } from './normalise-sale-text.js'
import { parseSaleAmount } from './parse-sale-amount.js'
import { parseSaleDate } from './parse-sale-date.js'
import { findSaleProduct } from './find-sale-product.js'
import { saleAlternatives } from './sale-alternatives.js'
import type { SaleCatalog, SaleCustomer, SaleProduct } from './sale-catalog.js'
import { saleMessages } from './sale-messages.js'
import type { NameLookup } from './sale-name-index.js'
import { channelPhrases, leadingSaleWord, numberWordPattern, numberWords, paymentPhrases, saleLanguage, saleVerb } from './sale-words.js'

export interface SaleDraftItem {
  readonly productId: number
  readonly productName: string
  readonly sku: string
  readonly quantity: number
  /** In the data's currency; the product's list price when the message named none (and a note says so). */
  readonly unitPrice: number
  /** The product's list price, to show the price against it. */
  readonly listPrice: number
  /** 0..1 */
  readonly discount: number
}

export interface SaleDraft {
  readonly customerId: number
  readonly customerName: string
  /** YYYY-MM-DD: today unless the message says another day. */
  readonly orderDate: string
  readonly items: readonly SaleDraftItem[]
  /** Stored channel value (online, field, phone, partner) when the message says one. */
  readonly channel?: string
  /** Stored payment method (pix, boleto, credit_card, bank_transfer) when the message says one. */
  readonly paymentMethod?: string
  /** Assumptions made, in the message's language. */
  readonly notes: readonly string[]
}

export type SaleParseFailureCode = 'not_a_sale' | 'missing_customer' | 'missing_product' | 'unknown_product' | 'unknown_customer' | 'ambiguous' | 'invalid'

export type SaleParseFailure = {
  readonly ok: false
  readonly language: Language
  readonly code: SaleParseFailureCode
  /** What is missing and how to say it, in the user's language. */
  readonly message: string
  /** Close names to choose from (unknown or ambiguous products and customers). */
  readonly candidates?: readonly string[]
  /**
   * The message rewritten with each close name in place of the words that named none (at most 4), so a surface
   * can offer them as buttons that send the rewritten message.
   */
  readonly alternatives?: readonly string[]
}

export type SaleParse = { readonly ok: true; readonly draft: SaleDraft; readonly language: Language } | SaleParseFailure

export interface ParseSaleDeps {
  /** YYYY-MM-DD in the company's time zone. */
  readonly today: string
  readonly catalog: SaleCatalog
  /** The data's currency (default BRL): prices are recorded in it whatever symbol the rep typed. */
  readonly currency?: string
  /** The conversation's language, for messages that say nothing either way. */
  readonly language?: Language
}

interface PriceMention { readonly value: number; readonly said: string; readonly basis?: 'unit' | 'total'; readonly atWord: boolean; readonly symbolCurrency?: string }
interface DiscountMention { readonly value: number; readonly said: string }

const BOUNDARY = ' ⟦B⟧ '
const CUSTOMER = ' ⟦C⟧ '
export const MAX_SALE_QUANTITY = 1_000_000
export const MAX_SALE_PRICE = 9_999_999_999

const discountPattern =
  /(?:\b(?:com|with)\s+)?(?:\b(?:um|uma|a)\s+)?(?:\b(?:desconto|discount)\s+(?:de\s+|of\s+)?(\d+(?:[.,]\d+)?)\s*%|(\d+(?:[.,]\d+)?)\s*%(?:\s*(?:de\s+desconto|de\s+desc\.?|desconto|off|discount))?)/gi
const pricePattern = new RegExp(
  String.raw`(?:\b((?:no\s+|in\s+|a\s+|um\s+)?total\s+(?:de|of)|(?:pelo\s+|ao\s+|at\s+a\s+|for\s+a\s+)?(?:pre[cç]o|valor|price)\s+(?:de|of)|por|at|for|a)\s+|(@)\s*)?` +
    String.raw`(R\$|US\$|\$|BRL\s?|USD\s?)?\s*(\d[\d.,]*\d|\d)(?![\d.,]*\s*(?:x|×)\b|[\d.,]*\s*%|[\d.,]*-)` +
    String.raw`(\s*(?:reais|real|brl|d[oó]lares|dollars|bucks)\b)?` +
    String.raw`(\s*(?:cada(?:\s+uma?)?|each|apiece|por\s+unidade|a\s+unidade|per\s+(?:unit|item|piece)|\/\s*(?:un(?:id(?:ade)?)?|unit)\.?|(?:no|in|em)\s+total|ao\s+todo|total)\b)?`,
  'gi',
)
const customerMarker = /(?:^|\s)(?:para|pra|p\/|to|for|ao|aos|à|cliente|customer|client)\s+(?:(?:a|o|as|os|the)\s+)?(?:(?:cliente|customer|client|empresa|company)\s+)?/gi
/** Words that end a customer's name when the whole rest of the clause is not a name. */
const softEnd = /\s(?:e|and|com|with|no|na|em|on|via|pelo|pela|in|hoje|today)\s/i
const itemSplit = new RegExp(String.raw`\s*(?:,(?=\s)|;|\+|\be\b|\band\b|&)\s*(?=(?:\d+\s*(?:x|×)?\s|\d+x\b|(?:${withoutArticles(numberWordPattern)})\s))`, 'i')
const leadingQuantity = new RegExp(
  String.raw`^(?:(\d+)\s*(?:x|×)\s*|(\d+)(?:\s*(?:unidades?|unid\.?|un\.?|units?|pcs?|pe[cç]as?|p[cç]s|caixas?|boxes?|cx))?\s+(?:(?:de|of|do|da|dos|das)\s+)?|(${numberWordPattern})\s+(?:(?:unidades?|units?|pe[cç]as?|caixas?|boxes?)\s+)?(?:(?:de|of|do|da|dos|das)\s+)?)`,
  'i',
)
const fractionalQuantity = /^(\d+[.,]\d+)\s*(?:x|×)?\s/
const trailingQuantity = /\s+(?:x|×)\s*(\d+)$/i

function withoutArticles(pattern: string): string {
  return pattern.split('|').filter((w) => w !== 'a' && w !== 'an').join('|')
}

export async function parseSaleMessage(text: string, deps: ParseSaleDeps): Promise<SaleParse> {
  const language = saleLanguage(text, deps.language ?? 'pt')
  const say = saleMessages(language)
  const currency = deps.currency ?? 'BRL'
  const format = createValueFormatter(language, currency)
  const fail = (code: SaleParseFailureCode, message: string, candidates?: readonly string[], choice?: { said?: string | undefined; names?: readonly string[] | undefined }): SaleParseFailure => {
    const alternatives = saleAlternatives(text, choice?.said, choice?.names)
    return { ok: false, language, code, message, ...(candidates?.length ? { candidates } : {}), ...(alternatives.length ? { alternatives } : {}) }
  }
  const notes: string[] = []

  let work = ` ${text.replace(/\s+/g, ' ').trim()} `
  const lead = leadingSaleWord.exec(work)
  if (lead) work = ` ${work.slice(lead.index + lead[0].length)} `
  else {
    const verb = saleVerb.exec(work)
    if (!verb) return fail('not_a_sale', say.notASale)
    work = cut(work, verb.index, verb.index + verb[0].length, ' ')
  }

  // The date.
  let orderDate = deps.today
  const date = parseSaleDate(work, deps.today, language)
  if (date.kind === 'invalid') return fail('invalid', say.badDate(date.said))
  if (date.kind === 'date') {
    if (date.date > deps.today) return fail('invalid', say.futureDate(format.date(date.date)))
    orderDate = date.date
    work = cut(work, date.start, date.end, BOUNDARY)
  }

  // Channel and payment method.
  const channel = takePhrase(channelPhrases)
  const paymentMethod = takePhrase(paymentPhrases)
  function takePhrase(phrases: readonly [RegExp, string][]): string | undefined {
    for (const [pattern, value] of phrases) {
      const m = pattern.exec(work)
      if (m) {
        work = cut(work, m.index, m.index + m[0].length, BOUNDARY)
        return value
      }
    }
    return undefined
  }

  // Discounts, then prices, as placeholders that stay where they were said.
  const discounts: DiscountMention[] = []
  work = work.replace(discountPattern, (whole, a: string | undefined, b: string | undefined) => {
    const said = (a ?? b)!
    discounts.push({ value: Number(said.replace(',', '.')), said: `${said}%` })
    return ` ⟦D${discounts.length - 1}⟧ `
  })
  const prices: PriceMention[] = []
  let badPrice: string | undefined
  work = work.replace(pricePattern, (whole: string, prep: string | undefined, at: string | undefined, symbol: string | undefined, number: string, suffix: string | undefined, basis: string | undefined) => {
    const preposition = (prep ?? at ?? '').toLowerCase()
    if (!symbol && !suffix && !basis && !preposition) return whole
    const value = parseSaleAmount(number, language)
    if (value === undefined) {
      badPrice ??= whole.trim()
      return whole
    }
    const basisWord = (basis ?? '').trim().toLowerCase()
    const total = /total|todo/.test(basisWord) || /total/.test(preposition)
    const symbolCurrency = currencyOf(symbol, suffix)
    prices.push({
      value,
      said: `${symbol ?? ''}${symbol && /\s$/.test(symbol) ? '' : symbol && /[A-Z]$/.test(symbol) ? ' ' : ''}${number}${suffix ?? ''}`.trim(),
      ...(basisWord ? { basis: total ? 'total' as const : 'unit' as const } : total ? { basis: 'total' as const } : {}),
      atWord: ['at', 'a', '@'].includes(preposition) || at === '@',
      ...(symbolCurrency ? { symbolCurrency } : {}),
    })
    return ` ⟦P${prices.length - 1}⟧ `
  })
  if (badPrice) return fail('invalid', say.badPrice(badPrice))
  for (const d of discounts) if (!(d.value >= 0 && d.value <= 100)) return fail('invalid', say.badDiscount(d.said))

  // The customer: the last "para/pra/to/for …" whose words name one.
  const markers = [...work.matchAll(customerMarker)].reverse()
  let customer: SaleCustomer | undefined
  let customerProblem: { marker: number; said: string; lookup: NameLookup<SaleCustomer> } | undefined
  for (const marker of markers) {
    const start = marker.index + marker[0].length
    const hardSpan = work.slice(start).split(/⟦|[,;!?]|\s\d|\.\s|\.$/)[0]!.trim()
    if (hardSpan === '') continue
    const softSpan = hardSpan.split(softEnd)[0]!.trim()
    const lookup = await deps.catalog.findCustomer(hardSpan)
    const chosen = lookup.kind === 'none' && softSpan !== hardSpan ? { said: softSpan, lookup: await deps.catalog.findCustomer(softSpan) } : { said: hardSpan, lookup }
    if (chosen.lookup.kind === 'found') {
      customer = chosen.lookup.item
      const spanEnd = work.indexOf(chosen.said, start) + chosen.said.length
      work = cut(work, marker.index, spanEnd, CUSTOMER)
      customerProblem = undefined
      break
    }
    customerProblem ??= { marker: marker.index, said: chosen.said, lookup: chosen.lookup }
  }

  // Items: a new one starts where a quantity follows "e", "and", a comma… (not "plus": "Switch Cisco Plus 2250" is one name).
  const segments = work
    .split(itemSplit)
    .map((segment) => segment.trim())
    .filter((segment) => stripPlaceholders(segment) !== '' || /⟦[PD]/.test(segment))
  interface ReadItem { quantity: number; productText: string; prices: number[]; discounts: number[] }
  const readItems: ReadItem[] = []
  const tail: { prices: number[]; discounts: number[] } = { prices: [], discounts: [] }
  for (const [index, segment] of segments.entries()) {
    const bare = stripPlaceholders(segment)
    const placeholders = (part: string, kind: 'P' | 'D') => [...part.matchAll(new RegExp(`⟦${kind}(\\d+)⟧`, 'g'))].map((m) => Number(m[1]))
    if (bare === '') {
      // Only prices or discounts: they belong to the item before, or to the whole sale.
      const target = readItems[readItems.length - 1]
      if (target) {
        target.prices.push(...placeholders(segment, 'P'))
        target.discounts.push(...placeholders(segment, 'D'))
      } else {
        tail.prices.push(...placeholders(segment, 'P'))
        tail.discounts.push(...placeholders(segment, 'D'))
      }
      continue
    }
    const isLast = index === segments.length - 1
    const customerAt = segment.indexOf('⟦C⟧')
    const before = customerAt > 0 && stripPlaceholders(segment.slice(0, customerAt)) !== '' && isLast ? segment.slice(0, customerAt) : segment
    const after = before === segment ? '' : segment.slice(customerAt)
    tail.prices.push(...placeholders(after, 'P'))
    tail.discounts.push(...placeholders(after, 'D'))
    let rest = stripPlaceholders(before).replace(/^[\s,;:.-]+|[\s,;:.!?-]+$/g, '')
    if (fractionalQuantity.test(`${rest} `)) return fail('invalid', say.badQuantity(fractionalQuantity.exec(`${rest} `)![1]!))
    let quantity: number | undefined
    const q = leadingQuantity.exec(`${rest} `)
    const numberWord = q?.[3]?.toLowerCase()
    // "a"/"an"/"um"/"uma" count as 1 only when they start the sale ("sold a Widget", "vendi uma Cadeira").
    if (q && !(numberWord && ['a', 'an'].includes(numberWord) && index > 0)) {
      quantity = q[1] ?? q[2] ? Number(q[1] ?? q[2]) : numberWords[numberWord!.normalize('NFC')] ?? numberWords[normaliseSaleText(numberWord!)]
      rest = `${rest} `.slice(q[0].length).trim()
    } else {
      const t = trailingQuantity.exec(rest)
      if (t) {
        quantity = Number(t[1])
        rest = rest.slice(0, t.index).trim()
      }
    }
    rest = rest.replace(/^(?:(?:de|of|the|o|a|os|as|do|da)\s+)+/i, '').replace(/\s+(?:cada|each|unidades|units)$/i, '').trim()
    // A quantity with no product ("2 Widget e 3 para a Acme") is half an item: ask rather than drop it.
    if (rest === '') {
      if (quantity !== undefined) return fail('missing_product', say.missingProduct)
      continue
    }
    if (quantity === undefined) return fail('invalid', say.missingQuantity(rest))
    if (!Number.isSafeInteger(quantity) || quantity <= 0 || quantity > MAX_SALE_QUANTITY) return fail('invalid', say.badQuantity(String(quantity)))
    readItems.push({ quantity, productText: rest, prices: placeholders(before, 'P'), discounts: placeholders(before, 'D') })
  }
  if (readItems.length === 0) return fail('missing_product', say.missingProduct)

  // Products.
  const products: SaleProduct[] = []
  for (const item of readItems) {
    const resolved = await findSaleProduct(item.productText, deps.catalog, say, customerProblem?.said)
    if (!resolved.ok) return fail(resolved.code, resolved.message, resolved.candidates, { said: resolved.said, names: resolved.choices })
    if (resolved.cutCustomer) item.productText = resolved.productText
    products.push(resolved.product)
  }

  if (!customer) {
    if (customerProblem) {
      const { said, lookup } = customerProblem
      if (lookup.kind === 'ambiguous') {
        const names = lookup.candidates.map((c) => c.name)
        return fail('ambiguous', say.ambiguousCustomer(said, names), names, { said, names })
      }
      const stillInProduct = readItems.some((item) => normaliseSaleText(item.productText).includes(normaliseSaleText(said)))
      if (!stillInProduct) {
        const names = lookup.kind === 'none' ? lookup.suggestions.map((c) => c.name) : []
        return fail('unknown_customer', say.unknownCustomer(said, names), names, { said, names })
      }
    }
    return fail('missing_customer', say.missingCustomer)
  }

  // Prices and discounts said after the customer apply to the whole sale — a price only when there is one item.
  if (tail.prices.length && readItems.length > 1) return fail('ambiguous', say.priceForWhichItem)
  if (readItems.length === 1) {
    readItems[0]!.prices.push(...tail.prices)
    readItems[0]!.discounts.push(...tail.discounts)
  }
  if (readItems.some((item) => item.prices.length > 1)) return fail('ambiguous', say.priceForWhichItem)

  const items = readItems.map((read, i): SaleDraftItem => {
    const product = products[i]!
    const discountIndex = read.discounts[0] ?? (readItems.length > 1 ? tail.discounts[0] : undefined)
    const discount = discountIndex === undefined ? 0 : round(discounts[discountIndex]!.value / 100, 4)
    const mention = read.prices[0] === undefined ? undefined : prices[read.prices[0]]!
    const unitPrice = mention ? unitPriceOf(mention, read.quantity, product) : product.listPrice
    if (!mention) notes.push(say.listPriceUsed(product.name, format.money(product.listPrice)))
    return { productId: product.id, productName: product.name, sku: product.sku, quantity: read.quantity, unitPrice, listPrice: product.listPrice, discount }
  })
  for (const item of items) {
    if (!(item.unitPrice >= 0 && item.unitPrice <= MAX_SALE_PRICE)) return fail('invalid', say.badPrice(format.money(item.unitPrice)))
  }

  function unitPriceOf(mention: PriceMention, quantity: number, product: SaleProduct): number {
    if (mention.symbolCurrency && mention.symbolCurrency !== currency) notes.push(say.currencyRead(mention.said, format.money(mention.value), currency))
    let basis = mention.basis
    if (!basis) {
      if (quantity === 1 || mention.atWord) basis = 'unit'
      else {
        // "vendi 3 por R$ 3.600": whichever reading lands nearer the list price, said back to the rep.
        basis = Math.abs(mention.value / quantity - product.listPrice) < Math.abs(mention.value - product.listPrice) ? 'total' : 'unit'
        if (basis === 'unit') notes.push(say.readAsUnit(format.money(mention.value)))
        else notes.push(say.readAsTotal(format.money(mention.value), format.money(round(mention.value / quantity, 2))))
      }
    } else if (basis === 'total' && quantity > 1) {
      notes.push(say.totalSplit(format.money(mention.value), quantity, format.money(round(mention.value / quantity, 2))))
    }
    if (basis === 'unit') return round(mention.value, 2)
    const unit = round(mention.value / quantity, 2)
    if (round(unit * quantity, 2) !== round(mention.value, 2)) notes.push(say.totalRounded(format.money(mention.value), format.money(round(unit * quantity, 2))))
    return unit
  }

  // Prices far from the list price are said back, so a slip of a digit is seen before it is recorded.
  for (const item of items) {
    if (item.listPrice > 0 && Math.abs(item.unitPrice - item.listPrice) / item.listPrice > 0.3) {
      const share = Math.abs(item.unitPrice - item.listPrice) / item.listPrice
      notes.push(say.farFromList(item.productName, format.percent(share), format.money(item.listPrice), item.unitPrice > item.listPrice))
    }
  }

  const draft: SaleDraft = {
    customerId: customer.id,
    customerName: customer.name,
    orderDate,
    items,
    ...(channel ? { channel } : {}),
    ...(paymentMethod ? { paymentMethod } : {}),
    notes,
  }
  return { ok: true, draft, language }
}

function currencyOf(symbol: string | undefined, suffix: string | undefined): string | undefined {
  const s = (symbol ?? '').trim().toUpperCase()
  const w = (suffix ?? '').trim().toLowerCase()
  if (s === 'R$' || s === 'BRL' || w === 'reais' || w === 'real' || w === 'brl') return 'BRL'
  if (s === '$' || s === 'US$' || s === 'USD' || /d[oó]lares|dollars|bucks/.test(w)) return 'USD'
  return undefined
}

function stripPlaceholders(text: string): string {
  return text.replace(/⟦[A-Z]\d*⟧/g, ' ').replace(/\s+/g, ' ').replace(/^[\s,;:.-]+|[\s,;:.!?-]+$/g, '').trim()
}

function cut(text: string, start: number, end: number, replacement: string): string {
  return `${text.slice(0, start)}${replacement}${text.slice(end)}`
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits
  return Math.round((value + Number.EPSILON) * factor) / factor
}
