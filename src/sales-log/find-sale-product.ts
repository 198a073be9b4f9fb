/**
 * Finds the one product a rep's words name — by SKU when the words are a SKU, else by name — for the rule-based
 * parser and the model's extraction alike, so both fail the same way on a misspelt, ambiguous or retired product.
 */
import { normaliseSaleText } from './normalise-sale-text.js'
import type { SaleCatalog, SaleProduct } from './sale-catalog.js'
import type { SaleMessages } from './sale-messages.js'

export type ProductResolution =
  | { ok: true; product: SaleProduct; productText: string; cutCustomer: boolean }
  | {
    ok: false
    code: 'unknown_product' | 'ambiguous' | 'invalid'
    message: string
    candidates?: string[]
    /** The words that named no single product, and the exact names (or SKUs) that could replace them. */
    said?: string
    choices?: string[]
  }

export const skuToken = /\b[A-Za-z0-9]*\d[A-Za-z0-9]*(?:-[A-Za-z0-9]+)+\b|\b[A-Za-z]+(?:-[A-Za-z0-9]+)*-\d+[A-Za-z0-9-]*\b/

/** By SKU when the words hold one, else by name; "… para Acmee" (an unknown customer) is cut off and retried. */
export async function findSaleProduct(text: string, catalog: SaleCatalog, say: SaleMessages, unknownCustomer: string | undefined): Promise<ProductResolution> {
  const sku = skuToken.exec(text)
  if (sku && normaliseSaleText(text) === normaliseSaleText(sku[0])) {
    const lookup = await catalog.findProductBySku(sku[0])
    if (lookup.kind === 'found') return checkActive(lookup.item, text, false, say)
    const found = lookup.kind === 'none' ? lookup.suggestions : lookup.candidates
    const names = found.map((p) => `${p.sku} (${p.name})`)
    return { ok: false, code: lookup.kind === 'none' ? 'unknown_product' : 'ambiguous', message: say.unknownSku(sku[0], names), candidates: names, said: sku[0], choices: found.map((p) => p.sku) }
  }
  let lookup = await catalog.findProduct(text)
  let said = text
  let cutCustomer = false
  if (lookup.kind === 'none' && unknownCustomer) {
    const at = text.toLowerCase().lastIndexOf(unknownCustomer.toLowerCase())
    const before = at > 0 ? text.slice(0, at).replace(/\s+(?:para|pra|p\/|to|for|ao|aos|à|cliente|customer|client)(?:\s+(?:a|o|as|os|the))?\s*$/i, '').trim() : ''
    if (before) {
      const retry = await catalog.findProduct(before)
      if (retry.kind !== 'none') {
        lookup = retry
        said = before
        cutCustomer = true
      }
    }
  }
  if (lookup.kind === 'found') return checkActive(lookup.item, said, cutCustomer, say)
  if (lookup.kind === 'ambiguous') {
    const names = lookup.candidates.map((p) => p.name)
    return { ok: false, code: 'ambiguous', message: say.ambiguousProduct(said, names), candidates: names, said, choices: names }
  }
  const names = lookup.suggestions.map((p) => p.name)
  return { ok: false, code: 'unknown_product', message: say.unknownProduct(said, names), candidates: names, said, choices: names }
}

function checkActive(product: SaleProduct, productText: string, cutCustomer: boolean, say: SaleMessages): ProductResolution {
  if (!product.active) return { ok: false, code: 'invalid', message: say.retiredProduct(product.name) }
  return { ok: true, product, productText, cutCustomer }
}
