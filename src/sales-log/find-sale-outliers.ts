/**
 * What makes a sale unusual enough to ask for a second Confirm: a unit price far from the list price, or a
 * quantity above a fixed limit or far above what the product usually sells per order line. A slipped digit
 * ("R$ 12" for "R$ 1.200", "1000" for "100") is the common cause; the rep sees it said before it is recorded.
 */
import type { Kysely, Transaction } from 'kysely'
import { createValueFormatter } from '../answer/format-values.js'
import type { Database } from '../db/schema.js'
import type { Language } from '../semantic/semantic-model.js'
import type { SaleDraft } from './parse-sale-message.js'

export interface SaleOutlierThresholds {
  /** A unit price more than this share away from the list price (default 0.3 = 30%). */
  readonly priceDeviation?: number
  /** A quantity above this many units on one line (default 1,000). */
  readonly maxQuantity?: number
  /** A quantity above this multiple of the product's average quantity per order line (default 50; 0 turns it off). */
  readonly usualQuantityMultiple?: number
}

export type SaleOutlier =
  | { readonly kind: 'price'; readonly productName: string; readonly unitPrice: number; readonly listPrice: number; readonly share: number }
  | { readonly kind: 'quantity'; readonly productName: string; readonly quantity: number; readonly limit: number }
  | { readonly kind: 'usual_quantity'; readonly productName: string; readonly quantity: number; readonly usual: number }

export async function findSaleOutliers(db: Kysely<Database> | Transaction<Database>, draft: SaleDraft, thresholds: SaleOutlierThresholds = {}): Promise<SaleOutlier[]> {
  const priceDeviation = thresholds.priceDeviation ?? 0.3
  const maxQuantity = thresholds.maxQuantity ?? 1_000
  const multiple = thresholds.usualQuantityMultiple ?? 50
  const usual = multiple > 0 ? await usualQuantities(db, draft.items.map((i) => i.productId)) : new Map<number, number>()
  const outliers: SaleOutlier[] = []
  for (const item of draft.items) {
    if (item.listPrice > 0) {
      const share = Math.abs(item.unitPrice - item.listPrice) / item.listPrice
      if (share > priceDeviation) outliers.push({ kind: 'price', productName: item.productName, unitPrice: item.unitPrice, listPrice: item.listPrice, share })
    }
    const typical = usual.get(item.productId)
    if (item.quantity > maxQuantity) outliers.push({ kind: 'quantity', productName: item.productName, quantity: item.quantity, limit: maxQuantity })
    else if (typical !== undefined && item.quantity > typical * multiple) outliers.push({ kind: 'usual_quantity', productName: item.productName, quantity: item.quantity, usual: typical })
  }
  return outliers
}

/** Average quantity per order line, by product (products never sold have none, and only the fixed limit applies). */
async function usualQuantities(db: Kysely<Database> | Transaction<Database>, productIds: readonly number[]): Promise<Map<number, number>> {
  if (productIds.length === 0) return new Map()
  const rows = await db
    .selectFrom('order_items')
    .select((eb) => ['product_id', eb.fn.avg<number | string>('quantity').as('usual')])
    .where('product_id', 'in', [...new Set(productIds)])
    .groupBy('product_id')
    .execute()
  return new Map(rows.map((r) => [r.product_id, Number(r.usual)]))
}

/** "This sale looks unusual: …. Confirm again to record it." in the rep's language. */
export function describeSaleOutliers(outliers: readonly SaleOutlier[], language: Language, currency: string): string {
  const format = createValueFormatter(language, currency)
  const pt = language === 'pt'
  const reasons = outliers.map((o) => {
    if (o.kind === 'price') {
      const above = o.unitPrice > o.listPrice
      return pt
        ? `o preço de ${o.productName} (${format.money(o.unitPrice)}) está ${format.percent(o.share)} ${above ? 'acima' : 'abaixo'} do preço de tabela (${format.money(o.listPrice)})`
        : `the price of ${o.productName} (${format.money(o.unitPrice)}) is ${format.percent(o.share)} ${above ? 'above' : 'below'} its list price (${format.money(o.listPrice)})`
    }
    if (o.kind === 'quantity') {
      return pt
        ? `${format.count(o.quantity)} unidades de ${o.productName} passam do limite de ${format.count(o.limit)} por venda`
        : `${format.count(o.quantity)} units of ${o.productName} is above the limit of ${format.count(o.limit)} per sale`
    }
    const usual = format.count(Math.round(o.usual * 10) / 10)
    return pt
      ? `${format.count(o.quantity)} unidades de ${o.productName} é muito mais que o normal (em média ${usual} por pedido)`
      : `${format.count(o.quantity)} units of ${o.productName} is far more than usual (${usual} per order on average)`
  })
  return pt
    ? `Esta venda parece incomum: ${reasons.join('; ')}. Se estiver certo, confirme de novo para registrar; se não, cancele ou corrija.`
    : `This sale looks unusual: ${reasons.join('; ')}. If it is right, confirm again to record it; if not, cancel or correct it.`
}
