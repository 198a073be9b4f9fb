/**
 * One sale message → a draft or a failure: with an extractor (a model), its reading is resolved like the parser's;
 * when the extractor throws or takes longer than `timeoutMs`, the rule-based parser reads the message instead and
 * the failure is reported to `onExtractorFailure` (it is never silent, and never stops a sale from being logged).
 */
import type { Language } from '../semantic/semantic-model.js'
import type { SaleExtractor } from './extracted-sale.js'
import { parseSaleMessage, type SaleParse } from './parse-sale-message.js'
import { resolveExtractedSale } from './resolve-extracted-sale.js'
import type { SaleCatalog } from './sale-catalog.js'
import { saleLanguage } from './sale-words.js'

export interface ExtractSaleOptions {
  readonly today: string
  readonly catalog: SaleCatalog
  readonly currency: string
  readonly language: Language
  readonly extractor?: SaleExtractor | undefined
  readonly timeoutMs: number
  readonly onExtractorFailure?: ((error: unknown) => void) | undefined
}

/** Who read the message: the model, or the rule-based parser (no extractor, or the extractor failed). */
export type ExtractedBy = 'model' | 'rules'

export class SaleExtractionTimeout extends Error {
  constructor(readonly timeoutMs: number) {
    super(`The sale extractor did not answer within ${timeoutMs} ms.`)
    this.name = 'SaleExtractionTimeout'
  }
}

export async function extractSale(text: string, options: ExtractSaleOptions): Promise<SaleParse & { readonly extractedBy: ExtractedBy }> {
  const rules = async () => ({ ...(await parseSaleMessage(text, options)), extractedBy: 'rules' as const })
  if (!options.extractor) return rules()
  const language = saleLanguage(text, options.language)
  let extracted
  try {
    extracted = await withTimeout(options.timeoutMs, (signal) => options.extractor!.extract({ text, today: options.today, language, signal }))
  } catch (error) {
    options.onExtractorFailure?.(error)
    return rules()
  }
  return { ...(await resolveExtractedSale(extracted, { text, today: options.today, catalog: options.catalog, currency: options.currency, language })), extractedBy: 'model' }
}

async function withTimeout<T>(ms: number, work: (signal: AbortSignal) => Promise<T>): Promise<T> {
  const controller = new AbortController()
  let timer: ReturnType<typeof setTimeout> | undefined
  const timedOut = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      const error = new SaleExtractionTimeout(ms)
      controller.abort(error)
      reject(error)
    }, ms)
  })
  try {
    return await Promise.race([work(controller.signal), timedOut])
  } finally {
    clearTimeout(timer)
  }
}
