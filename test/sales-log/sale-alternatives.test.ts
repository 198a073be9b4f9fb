/** "Did you mean …?" as buttons: each close match rewritten into the rep's own message, ready to send back. */
import { describe, expect, it } from 'vitest'
import { parseSaleMessage } from '../../src/sales-log/parse-sale-message.js'
import { saleAlternatives } from '../../src/sales-log/sale-alternatives.js'
import { createStaticSaleCatalog } from '../../src/sales-log/sale-catalog.js'

const catalog = createStaticSaleCatalog({
  products: [
    { id: 1, sku: 'SKU-1234', name: 'Widget Pro', listPrice: 1250, active: true },
    { id: 2, sku: 'SKU-1235', name: 'Widget Lite', listPrice: 500, active: true },
    { id: 3, sku: 'SKU-1236', name: 'Widget Max', listPrice: 2000, active: true },
    { id: 4, sku: 'SKU-1237', name: 'Widget Mini', listPrice: 300, active: true },
    { id: 5, sku: 'SKU-1238', name: 'Widget Plus', listPrice: 900, active: true },
  ],
  customers: [
    { id: 1, name: 'Acme Ltda' },
    { id: 2, name: 'Mercado Silva' },
    { id: 3, name: 'Farmácia Silva' },
  ],
})
const today = '2026-11-21'
const parse = (text: string) => parseSaleMessage(text, { today, catalog })

describe('sale alternatives', () => {
  it('an ambiguous product offers the message with each candidate\'s exact name, at most four', async () => {
    const result = await parse('vendi 3 Widget para a Acme por R$ 1.200 cada')
    expect(result).toMatchObject({ ok: false, code: 'ambiguous' })
    expect(!result.ok && result.alternatives).toEqual([
      'vendi 3 Widget Max para a Acme por R$ 1.200 cada',
      'vendi 3 Widget Pro para a Acme por R$ 1.200 cada',
      'vendi 3 Widget Lite para a Acme por R$ 1.200 cada',
      'vendi 3 Widget Mini para a Acme por R$ 1.200 cada',
    ])
  })

  it('each alternative reads as a complete sale when sent back', async () => {
    const result = await parse('vendi 3 Widget para a Acme')
    const alternatives = !result.ok ? result.alternatives ?? [] : []
    expect(alternatives.length).toBeGreaterThan(0)
    for (const text of alternatives) expect(await parse(text), text).toMatchObject({ ok: true })
  })

  it('an ambiguous or misspelt customer offers the message with each customer\'s exact name', async () => {
    expect(await parse('vendi 3 Widget Pro para a Silva')).toMatchObject({
      ok: false, code: 'ambiguous', alternatives: ['vendi 3 Widget Pro para a Mercado Silva', 'vendi 3 Widget Pro para a Farmácia Silva'],
    })
    expect(await parse('sold 3 Widget Pro to Acmee at $1,200')).toMatchObject({ ok: false, code: 'unknown_customer', alternatives: ['sold 3 Widget Pro to Acme Ltda at $1,200'] })
  })

  it('a misspelt SKU is replaced by the close SKUs themselves', async () => {
    const result = await parse('sold 2 SKU-1243 to Acme')
    expect(result).toMatchObject({ ok: false, code: 'unknown_product' })
    expect(!result.ok && result.alternatives).toEqual(expect.arrayContaining(['sold 2 SKU-1234 to Acme']))
  })

  it('offers nothing when the words cannot be found in the message as typed, or there is nothing to choose', () => {
    expect(saleAlternatives('vendi 3 Widget para a Acme', 'Gizmo', ['Widget Pro'])).toEqual([])
    expect(saleAlternatives('vendi 3 Widget para a Acme', 'Widget', [])).toEqual([])
    // Whole words only: "Pro" inside "Product" is not replaced.
    expect(saleAlternatives('vendi 1 Product para a Acme', 'Pro', ['Widget Pro'])).toEqual([])
    expect(saleAlternatives('vendi  3  widget   para a Acme', 'Widget', ['Widget Pro'])).toEqual(['vendi  3  Widget Pro   para a Acme'])
  })
})
