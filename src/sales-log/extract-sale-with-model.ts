/**
 * Sale extraction with a chat model's structured output (a zod schema). The model only reads the message into
 * `ExtractedSale`; its output is checked against the schema again here (not every provider enforces it) and then
 * resolved and validated exactly as the rule-based parser's reading is. It never writes SQL or chooses ids.
 */
import type { BaseChatModel } from '@langchain/core/language_models/chat_models'
import { AppError } from '../errors/app-error.js'
import { extractedSaleSchema, type ExtractedSale, type SaleExtractor } from './extracted-sale.js'

const instructions = (today: string) =>
  [
    'You read one message in which a sales rep reports a sale, in Portuguese or English, and extract it.',
    'Copy products and the customer exactly as written (a SKU such as SKU-1234, or the name); never translate, complete or correct them.',
    'Quantities are numbers of units. Prices are plain numbers with a decimal point: "R$ 1.200,50" is 1200.5, "$1,200.00" is 1200.',
    'Use unitPrice for a price per unit ("cada", "each", "a unidade"), totalPrice for a price of the whole line ("no total", "in total"); leave both out when no price is said.',
    `Today is ${today}. Resolve relative dates ("ontem", "yesterday", "dia 12") to YYYY-MM-DD; leave the date out when none is said.`,
    'Leave out whatever the message does not say. An empty items list or customer means the message does not say it.',
  ].join('\n')

export function createModelSaleExtractor(chat: BaseChatModel): SaleExtractor {
  const structured = chat.withStructuredOutput(extractedSaleSchema, { name: 'extract_sale' })
  return {
    async extract(request): Promise<ExtractedSale> {
      const output: unknown = await structured.invoke(
        [
          ['system', instructions(request.today)],
          ['human', request.text],
        ],
        request.signal ? { signal: request.signal } : {},
      )
      const parsed = extractedSaleSchema.safeParse(output)
      if (!parsed.success) throw new AppError('internal', `The model's sale extraction does not match the schema: ${parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`).join('; ')}`)
      return parsed.data
    },
  }
}
