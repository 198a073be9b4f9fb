/** Reading sales from messages, over a small fixed catalog: what is understood, and what is asked back. */
import { describe, expect, it } from 'vitest'
import { describeSaleDraft } from '../../src/sales-log/describe-sale-draft.js'
import { parseSaleMessage, type SaleParse } from '../../src/sales-log/parse-sale-message.js'
import { createStaticSaleCatalog } from '../../src/sales-log/sale-catalog.js'

const catalog = createStaticSaleCatalog({
  products: [
    { id: 1, sku: 'SKU-1234', name: 'Widget Pro', listPrice: 1250, active: true },
    { id: 2, sku: 'SKU-5678', name: 'Gadget X', listPrice: 99.9, active: true },
    { id: 3, sku: 'ACS-MUL-00042', name: 'Capa para Notebook Multilaser Pro 4500', listPrice: 89.9, active: true },
    { id: 4, sku: 'ARM-KIN-00007', name: 'Cartão de Memória Kingston Go 300', listPrice: 59.9, active: true },
    { id: 5, sku: 'SKU-0001', name: 'Widget Antigo', listPrice: 10, active: false },
    { id: 6, sku: 'SKU-7777', name: 'Widget Lite', listPrice: 500, active: true },
  ],
  customers: [
    { id: 1, name: 'Acme Ltda' },
    { id: 2, name: 'Globex Corporation' },
    { id: 3, name: 'Mercado Silva' },
    { id: 4, name: 'Farmácia Silva' },
    { id: 5, name: 'Padaria São Jorge' },
  ],
})
const today = '2026-11-21'
const parse = (text: string) => parseSaleMessage(text, { today, catalog })

function draftOf(result: SaleParse) {
  if (!result.ok) throw new Error(`expected a draft, got ${result.code}: ${result.message}`)
  return result.draft
}

describe('parseSaleMessage', () => {
  it('reads the Portuguese example: quantity, product, customer, unit price, discount, today', async () => {
    const result = await parse('vendi 3 Widget Pro para a Acme por R$ 1.200 cada, 5% de desconto')
    expect(result).toMatchObject({ ok: true, language: 'pt' })
    expect(draftOf(result)).toEqual({
      customerId: 1,
      customerName: 'Acme Ltda',
      orderDate: today,
      items: [{ productId: 1, productName: 'Widget Pro', sku: 'SKU-1234', quantity: 3, unitPrice: 1200, listPrice: 1250, discount: 0.05 }],
      notes: [],
    })
  })

  it('reads the English example: "10 x" and a SKU, "at $99", yesterday, and notes that dollars are recorded as the data currency', async () => {
    const result = await parse('sold 10 x SKU-1234 to Globex at $99 yesterday')
    expect(result).toMatchObject({ ok: true, language: 'en' })
    const draft = draftOf(result)
    expect(draft).toMatchObject({ customerId: 2, orderDate: '2026-11-20', items: [{ productId: 1, quantity: 10, unitPrice: 99, discount: 0 }] })
    expect(draft.notes).toContain('Read $99 as R$99.00: amounts are recorded in BRL.')
    expect(draft.notes.some((n) => n.includes('below its list price'))).toBe(true)
  })

  it('reads several items in one message, each at its list price, and says so', async () => {
    const draft = draftOf(await parse('vendi 2 Widget Pro e 1 Gadget X para a Acme'))
    expect(draft.items.map((i) => [i.productName, i.quantity, i.unitPrice])).toEqual([['Widget Pro', 2, 1250], ['Gadget X', 1, 99.9]])
    expect(draft.notes).toEqual([
      'Sem preço na mensagem: usei o preço de tabela de Widget Pro (R$ 1.250,00).',
      'Sem preço na mensagem: usei o preço de tabela de Gadget X (R$ 99,90).',
    ])
  })

  it('gives each item its own price, and a discount said after the customer to every item', async () => {
    const draft = draftOf(await parse('sold 2 Widget Pro at $1,100 and 3 Gadget X at 89.90 to Acme with 10% off'))
    expect(draft.items.map((i) => [i.quantity, i.unitPrice, i.discount])).toEqual([[2, 1100, 0.1], [3, 89.9, 0.1]])
  })

  it('reads quantities in words and as "10x", and a total price divided by the quantity', async () => {
    const tres = draftOf(await parse('vendi três widget pro pra acme por R$ 3.600 no total via pix'))
    expect(tres).toMatchObject({ paymentMethod: 'pix', items: [{ quantity: 3, unitPrice: 1200 }] })
    expect(tres.notes).toEqual(['R$ 3.600,00 no total ÷ 3 = R$ 1.200,00 por unidade.'])
    expect(draftOf(await parse('vendi uma Gadget X para a Acme')).items[0]).toMatchObject({ quantity: 1 })
    expect(draftOf(await parse('sold 10x Gadget X to Globex for 99.90 each, 10% off, online')).items[0]).toMatchObject({ quantity: 10, unitPrice: 99.9, discount: 0.1 })
  })

  it('reads prices in both locales: "R$1.200,50", "1200", "99.90", "$1,200.00"', async () => {
    const price = async (text: string) => draftOf(await parse(text)).items[0]!.unitPrice
    expect(await price('vendi 1 Widget Pro para Acme a R$1.200,50')).toBe(1200.5)
    expect(await price('vendi 1 Widget Pro para Acme por 1200')).toBe(1200)
    expect(await price('sold 1 Gadget X to Acme at 99.90')).toBe(99.9)
    expect(await price('sold 1 Widget Pro to Acme at $1,200.00')).toBe(1200)
  })

  it('reads a price without "cada" or "total" as the reading nearer the list price, and says which it took', async () => {
    const total = draftOf(await parse('vendi 3 Widget Pro para a Acme por R$ 3.750'))
    expect(total.items[0]!.unitPrice).toBe(1250)
    expect(total.notes[0]).toMatch(/^Entendi R\$ 3\.750,00 como o total/)
    const unit = draftOf(await parse('vendi 3 Widget Pro para a Acme por R$ 1.250'))
    expect(unit.items[0]!.unitPrice).toBe(1250)
    expect(unit.notes[0]).toMatch(/^Entendi R\$ 1\.250,00 como o preço de cada unidade/)
  })

  it('reads dates: ontem, hoje, "dia 12", "12/11" (day/month in Portuguese), "11/12" (month/day in English), a date in the future refused', async () => {
    const dateOf = async (text: string) => draftOf(await parse(text)).orderDate
    expect(await dateOf('vendi 1 Gadget X para a Acme ontem')).toBe('2026-11-20')
    expect(await dateOf('vendi 1 Gadget X para a Acme hoje')).toBe('2026-11-21')
    expect(await dateOf('vendi 1 Gadget X para a Acme dia 12')).toBe('2026-11-12')
    expect(await dateOf('vendi 1 Gadget X para a Acme dia 25')).toBe('2026-10-25')
    expect(await dateOf('vendi 1 Gadget X para a Acme em 12/11')).toBe('2026-11-12')
    expect(await dateOf('sold 1 Gadget X to Acme on 11/12')).toBe('2026-11-12')
    expect(await parse('vendi 1 Gadget X para a Acme em 30/11/2026')).toMatchObject({ ok: false, code: 'invalid', message: 'A data 30/11/2026 ainda não chegou: registre a venda depois que ela acontecer.' })
  })

  it('reads channel and payment words: "via pix", "no boleto", "online", "por telefone"', async () => {
    expect(draftOf(await parse('vendi 1 Gadget X para a Acme no boleto, por telefone'))).toMatchObject({ paymentMethod: 'boleto', channel: 'phone' })
    expect(draftOf(await parse('sold 1 Gadget X to Acme online, paid by credit card'))).toMatchObject({ paymentMethod: 'credit_card', channel: 'online' })
  })

  it('keeps "para" and "cartão" inside product names, and matches names without accents or case', async () => {
    const capa = draftOf(await parse('vendi 2 Capa para Notebook Multilaser Pro 4500 para a Acme'))
    expect(capa).toMatchObject({ customerId: 1, items: [{ productId: 3, quantity: 2 }] })
    const cartao = draftOf(await parse('vendi 1 cartao de memoria kingston go 300 para padaria sao jorge no cartão de crédito'))
    expect(cartao).toMatchObject({ customerId: 5, paymentMethod: 'credit_card', items: [{ productId: 4 }] })
    expect(draftOf(await parse('vendi 1 ACS-MUL-00042 para a Acme'))).toMatchObject({ items: [{ productId: 3 }] })
  })

  it('asks back about a misspelt product with the closest name, never guessing', async () => {
    expect(await parse('vendi 3 Widgte Pro para a Acme')).toEqual({
      ok: false, language: 'pt', code: 'unknown_product', message: "Não achei o produto 'Widgte Pro' — você quis dizer Widget Pro?", candidates: ['Widget Pro'],
      alternatives: ['vendi 3 Widget Pro para a Acme'],
    })
    expect(await parse('sold 2 SKU-1243 to Acme')).toMatchObject({ ok: false, language: 'en', code: 'unknown_product', candidates: ['SKU-1234 (Widget Pro)'] })
  })

  it('asks which one when a name fits several products or customers', async () => {
    expect(await parse('vendi 1 Widget para a Acme')).toMatchObject({ ok: false, code: 'ambiguous', candidates: ['Widget Pro', 'Widget Lite'] })
    expect(await parse('vendi 1 Gadget X para Silva')).toMatchObject({ ok: false, code: 'ambiguous', candidates: ['Mercado Silva', 'Farmácia Silva'] })
  })

  it('says what is missing: the customer, the product, the quantity; an unknown customer gets suggestions', async () => {
    expect(await parse('vendi 3 Widget Pro')).toMatchObject({ ok: false, code: 'missing_customer', message: expect.stringContaining('Para qual cliente') })
    expect(await parse('sold to Acme at $99')).toMatchObject({ ok: false, code: 'missing_product', language: 'en' })
    expect(await parse('vendi Widget Pro para a Acme')).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('Quantas unidades de Widget Pro') })
    expect(await parse('vendi 1 Gadget X para a Acmee')).toMatchObject({ ok: false, code: 'unknown_customer', message: "Não achei o cliente 'Acmee' — você quis dizer Acme Ltda?" })
  })

  it('refuses what cannot be recorded: a retired product, half units, a discount over 100%, two prices for several items', async () => {
    expect(await parse('vendi 1 Widget Antigo para a Acme')).toMatchObject({ ok: false, code: 'invalid', message: expect.stringContaining('fora de linha') })
    expect(await parse('vendi 1,5 Widget Pro para a Acme')).toMatchObject({ ok: false, code: 'invalid' })
    expect(await parse('vendi 1 Widget Pro para a Acme com 150% de desconto')).toMatchObject({ ok: false, code: 'invalid' })
    expect(await parse('vendi 2 Widget Pro e 1 Gadget X para a Acme por R$ 100 cada')).toMatchObject({ ok: false, code: 'ambiguous' })
  })

  it('does not take a question for a sale', async () => {
    expect(await parse('revenue by region last month')).toMatchObject({ ok: false, code: 'not_a_sale', language: 'en' })
    expect(await parse('qual foi a maior venda do mês?')).toMatchObject({ ok: false, code: 'not_a_sale', language: 'pt' })
  })

  it('accepts the slash command form "sale …"', async () => {
    expect(draftOf(await parse('sale 2 Gadget X to Acme'))).toMatchObject({ customerId: 1, items: [{ productId: 2, quantity: 2 }] })
  })
})

describe('describeSaleDraft', () => {
  it('summarises one item in Portuguese exactly as the rep will read it', async () => {
    const draft = draftOf(await parse('vendi 3 Widget Pro para a Acme por R$ 1.200 cada, 5% de desconto'))
    expect(describeSaleDraft(draft, 'pt')).toBe('3 × Widget Pro a R$ 1.200,00 (−5%) = R$ 3.420,00 para Acme Ltda em 21/11/2026. Total R$ 3.420,00. Confirmar?')
  })

  it('summarises several items in English, one line each, with the notes before the question', async () => {
    const draft = draftOf(await parse('sold 2 Widget Pro and 1 Gadget X to Globex yesterday via pix'))
    expect(describeSaleDraft(draft, 'en')).toBe(
      [
        '• 2 × Widget Pro at R$1,250.00 = R$2,500.00',
        '• 1 × Gadget X at R$99.90 = R$99.90',
        'For Globex Corporation on Nov 20, 2026 (payment Pix). Total R$2,599.90.',
        'Note: No price in the message: used the list price of Widget Pro (R$1,250.00).',
        'Note: No price in the message: used the list price of Gadget X (R$99.90).',
        'Confirm?',
      ].join('\n'),
    )
  })
})
