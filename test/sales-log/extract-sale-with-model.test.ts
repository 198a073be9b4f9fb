/**
 * Reading a sale with a model: a scripted LangChain chat model's structured output is resolved and checked exactly
 * as the rule-based parser's reading — same catalog, same failures — and the rules read the message whenever the
 * model fails, answers in the wrong shape or does not answer in time.
 */
import type { CallbackManagerForLLMRun } from '@langchain/core/callbacks/manager'
import type { BaseMessage } from '@langchain/core/messages'
import { FakeListChatModel } from '@langchain/core/utils/testing'
import { describe, expect, it } from 'vitest'
import { extractSale } from '../../src/sales-log/extract-sale.js'
import { createModelSaleExtractor } from '../../src/sales-log/extract-sale-with-model.js'
import type { ExtractedSale, SaleExtractor } from '../../src/sales-log/extracted-sale.js'
import { parseSaleMessage } from '../../src/sales-log/parse-sale-message.js'
import { createStaticSaleCatalog } from '../../src/sales-log/sale-catalog.js'

const catalog = createStaticSaleCatalog({
  products: [
    { id: 1, sku: 'SKU-1234', name: 'Widget Pro', listPrice: 1250, active: true },
    { id: 2, sku: 'SKU-5678', name: 'Gadget X', listPrice: 99.9, active: true },
    { id: 5, sku: 'SKU-0001', name: 'Widget Antigo', listPrice: 10, active: false },
  ],
  customers: [
    { id: 1, name: 'Acme Ltda' },
    { id: 2, name: 'Globex Corporation' },
  ],
})
const today = '2026-11-21'

/** A chat model that answers each call with the next scripted JSON (FakeListChatModel's structured output parses it). */
function scriptedModel(...outputs: unknown[]) {
  return new FakeListChatModel({ responses: outputs.map((o) => (typeof o === 'string' ? o : JSON.stringify(o))) })
}

const read = (text: string, extractor: SaleExtractor | undefined, extra: { timeoutMs?: number; onExtractorFailure?: (error: unknown) => void } = {}) =>
  extractSale(text, { today, catalog, currency: 'BRL', language: 'pt', extractor, timeoutMs: extra.timeoutMs ?? 5_000, onExtractorFailure: extra.onExtractorFailure })

const sale = (overrides: Partial<ExtractedSale> = {}): ExtractedSale => ({
  items: [{ product: 'Widget Pro', quantity: 3, unitPrice: 1200, discountPercent: 5 }],
  customer: 'Acme',
  ...overrides,
})

describe('extracting a sale with a model', () => {
  it("resolves the model's reading into the same draft the rule-based parser makes of the message", async () => {
    const text = 'vendi 3 Widget Pro para a Acme por R$ 1.200 cada, 5% de desconto'
    const byModel = await read(text, createModelSaleExtractor(scriptedModel(sale())))
    const byRules = await parseSaleMessage(text, { today, catalog })
    expect(byModel).toEqual({ ...byRules, extractedBy: 'model' })
  })

  it('reads SKUs, totals, dates, channels and payment methods the model returns, with the same notes as the parser', async () => {
    const model = scriptedModel({ items: [{ product: 'SKU-5678', quantity: 4, totalPrice: 360 }], customer: 'Globex', date: '2026-11-20', channel: 'by phone', paymentMethod: 'pix' })
    const result = await read('sold 4 SKU-5678 to Globex for 360 in total yesterday by phone via pix', createModelSaleExtractor(model))
    expect(result).toMatchObject({
      ok: true,
      extractedBy: 'model',
      language: 'en',
      draft: { customerId: 2, orderDate: '2026-11-20', channel: 'phone', paymentMethod: 'pix', items: [{ productId: 2, quantity: 4, unitPrice: 90, discount: 0 }] },
    })
    expect(result.ok && result.draft.notes).toEqual(['R$360.00 in total ÷ 4 = R$90.00 each.'])
  })

  it('a model naming an unknown product gets the same clear failure as the parser, with the close names as rewritten messages', async () => {
    const text = 'vendi 3 Widgte Pro para a Acme'
    const byModel = await read(text, createModelSaleExtractor(scriptedModel(sale({ items: [{ product: 'Widgte Pro', quantity: 3 }] }))))
    const byRules = await parseSaleMessage(text, { today, catalog })
    expect(byModel).toEqual({ ...byRules, extractedBy: 'model' })
    expect(byModel).toMatchObject({ ok: false, code: 'unknown_product', message: "Não achei o produto 'Widgte Pro' — você quis dizer Widget Pro?", alternatives: ['vendi 3 Widget Pro para a Acme'] })
  })

  it('rejects what the parser would reject: a negative or fractional quantity, a discount over 100%, a negative price, a future date, a retired product, an unknown customer', async () => {
    const cases: [Partial<ExtractedSale>, string, string][] = [
      [{ items: [{ product: 'Widget Pro', quantity: -3 }] }, 'invalid', "A quantidade '-3' não é um número inteiro de unidades maior que zero."],
      [{ items: [{ product: 'Widget Pro', quantity: 1.5 }] }, 'invalid', "A quantidade '1.5' não é um número inteiro de unidades maior que zero."],
      [{ items: [{ product: 'Widget Pro', quantity: 1, discountPercent: 150 }] }, 'invalid', "O desconto '150%' precisa estar entre 0% e 100%."],
      [{ items: [{ product: 'Widget Pro', quantity: 1, unitPrice: -10 }] }, 'invalid', expect.stringContaining("Não entendi o preço '-10'")],
      [{ date: '2026-12-01' }, 'invalid', 'A data 01/12/2026 ainda não chegou: registre a venda depois que ela acontecer.'],
      [{ date: '2026-02-30' }, 'invalid', expect.stringContaining("Não entendi a data '2026-02-30'")],
      [{ items: [{ product: 'Widget Antigo', quantity: 1 }] }, 'invalid', expect.stringContaining('fora de linha')],
      [{ customer: 'Acmee' }, 'unknown_customer', "Não achei o cliente 'Acmee' — você quis dizer Acme Ltda?"],
      [{ customer: '' }, 'missing_customer', expect.stringContaining('Para qual cliente')],
      [{ items: [], customer: '' }, 'not_a_sale', expect.stringContaining('Não entendi como uma venda')],
    ]
    for (const [overrides, code, message] of cases) {
      const result = await read('vendi Widget Pro para a Acmee', createModelSaleExtractor(scriptedModel(sale(overrides))))
      expect(result, JSON.stringify(overrides)).toMatchObject({ ok: false, code, message, extractedBy: 'model' })
    }
  })

  it('falls back to the rule-based parser, and reports it, when the model fails, answers in the wrong shape or does not answer in time', async () => {
    const text = 'vendi 2 Gadget X para a Acme'
    const failures: unknown[] = []
    const onExtractorFailure = (error: unknown) => failures.push(error)
    const throwing: SaleExtractor = { extract: async () => Promise.reject(new Error('model unavailable')) }
    const silent: SaleExtractor = { extract: async () => new Promise<ExtractedSale>(() => undefined) }
    const results = [
      await read(text, throwing, { onExtractorFailure }),
      await read(text, createModelSaleExtractor(scriptedModel('not json at all')), { onExtractorFailure }),
      await read(text, createModelSaleExtractor(scriptedModel({ items: 'two gadgets', customer: 'Acme' })), { onExtractorFailure }),
      await read(text, silent, { onExtractorFailure, timeoutMs: 1 }),
    ]
    const byRules = await parseSaleMessage(text, { today, catalog })
    for (const result of results) expect(result).toEqual({ ...byRules, extractedBy: 'rules' })
    expect(failures).toHaveLength(4)
    expect(failures[0]).toMatchObject({ message: 'model unavailable' })
    expect(failures[2]).toMatchObject({ code: 'internal', message: expect.stringContaining('does not match the schema') })
    expect(failures[3]).toMatchObject({ name: 'SaleExtractionTimeout' })
  })

  it('gives the model the rep\'s message as written and today\'s date, and no catalog names', async () => {
    const seen: BaseMessage[][] = []
    class RecordingModel extends FakeListChatModel {
      override async _generate(messages: BaseMessage[], options?: this['ParsedCallOptions'], runManager?: CallbackManagerForLLMRun) {
        seen.push(messages)
        return super._generate(messages, options, runManager)
      }
    }
    const model = new RecordingModel({ responses: [JSON.stringify(sale())] })
    await createModelSaleExtractor(model).extract({ text: 'vendi 3 Widget Pro para a Acme', today, language: 'pt' })
    expect(seen).toHaveLength(1)
    const [system, human] = seen[0]!
    expect(system!.content).toContain('Today is 2026-11-21.')
    expect(system!.content).not.toMatch(/Acme|Widget|Gadget|Globex/)
    expect(human!.content).toBe('vendi 3 Widget Pro para a Acme')
  })
})
