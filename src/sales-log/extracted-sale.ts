/**
 * What a language model may extract from a sale message — words and numbers as the rep wrote them, nothing
 * resolved, no ids, no SQL. `resolveExtractedSale` then finds and checks everything the way the rule-based parser does.
 */
import { z } from 'zod'
import type { Language } from '../semantic/semantic-model.js'

// nullish: models write null for a field the message does not mention as often as they leave it out.
export const extractedSaleSchema = z.object({
  items: z
    .array(
      z.object({
        product: z.string().describe('The product exactly as written: its SKU (e.g. SKU-1234) or its name'),
        quantity: z.number().describe('Units sold'),
        unitPrice: z.number().nullish().describe('Price of one unit, when the message gives a unit price'),
        totalPrice: z.number().nullish().describe('Price of the whole line, when the message gives a total instead'),
        discountPercent: z.number().nullish().describe('Discount in percent, e.g. 5 for "5% de desconto"'),
      }),
    )
    .describe('One entry per product sold'),
  customer: z.string().describe('The customer exactly as written; empty when the message names none'),
  date: z.string().nullish().describe('The sale date as YYYY-MM-DD when the message says one ("ontem", "yesterday", "dia 12")'),
  channel: z.string().nullish().describe('online, phone, field or partner, when the message says how it was sold'),
  paymentMethod: z.string().nullish().describe('pix, boleto, credit_card or bank_transfer, when the message says one'),
})

export type ExtractedSale = z.infer<typeof extractedSaleSchema>

export interface SaleExtractionRequest {
  readonly text: string
  /** YYYY-MM-DD in the company's time zone, to resolve "yesterday". */
  readonly today: string
  readonly language: Language
  readonly signal?: AbortSignal
}

/** Reads a sale message into words and numbers (a model, or anything else); throws when it cannot. */
export interface SaleExtractor {
  extract(request: SaleExtractionRequest): Promise<ExtractedSale>
}
