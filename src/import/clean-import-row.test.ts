import { describe, expect, it } from 'vitest'
import { cleanImportRow, type CleanContext } from './clean-import-row.js'
import { mapImportColumns } from './map-import-columns.js'

const headers = ['Pedido', 'Data', 'Cliente', 'E-mail', 'UF', 'Vendedor', 'SKU', 'Qtd', 'Preço', 'Custo', 'Desconto', 'Situação', 'Canal']
const context = (overrides: Partial<CleanContext> = {}): CleanContext => ({
  columns: mapImportColumns(headers).byField,
  dateBounds: { earliest: '2000-01-01', latest: '2025-06-30' },
  decimalSeparator: ',',
  ...overrides,
})
const clean = (cells: (string | number | null)[], ctx = context()) => cleanImportRow({ rowNumber: 7, cells }, ctx)

describe('cleanImportRow', () => {
  it('trims and normalises every value of a good row', () => {
    const { line, errors } = clean([' P-1 ', '14/03/2025', ' Loja  Azul ', 'Compras@LojaAzul.com.br', 'pr', 'Maria Silva', 'MS-200', '2', 'R$ 1.234,50', '', '10%', 'Concluído', 'Loja Virtual'])
    expect(errors).toEqual([])
    expect(line).toEqual({
      row: 7,
      externalRef: 'P-1',
      orderDate: '2025-03-14',
      status: 'completed',
      channel: 'online',
      paymentMethod: null,
      customer: { name: 'Loja Azul', email: 'compras@lojaazul.com.br', taxId: null, segment: null, city: null, state: 'PR', country: null, region: 'Sul' },
      rep: { name: 'Maria Silva', email: null },
      product: { sku: 'MS-200', name: null, category: null, brand: null },
      quantity: 2,
      unitPrice: 1234.5,
      unitCost: null,
      discount: 0.1,
      regionFromState: true,
    })
  })

  it('reports every problem of a bad row, each with its column and value', () => {
    const { line, externalRef, errors } = clean(['P-9', 'ontem', '', 'not-an-email', '', '', '', '2.5', '-1', '', '300', 'talvez', ''])
    expect(line).toBeNull()
    expect(externalRef).toBe('P-9')
    expect(errors.map((e) => e.message)).toEqual([
      'Data: "ontem" is not a date; use a date like 2025-03-14 or 14/03/2025.',
      'Situação: "talvez" is not a known status; use completed, pending, cancelled or returned (or concluído, pendente, cancelado, devolvido).',
      'E-mail: "not-an-email" is not an email address.',
      'The sales rep is missing: fill the rep name or email.',
      'SKU is empty; every row needs the product SKU.',
      'Qtd: "2.5" must be a whole number of units.',
      'Preço: "-1" is negative.',
      'Desconto: "300" is above 100%; a discount must be between 0% and 100%.',
    ])
    expect(errors[0]).toMatchObject({ row: 7, column: 'Data', field: 'order_date', value: 'ontem' })
  })

  it('tells the caller about ambiguous numbers and formula-looking text', () => {
    const ambiguous: string[] = []
    const formulas: string[] = []
    const ctx = context({ onAmbiguousNumber: (_row, column, value) => ambiguous.push(`${column}=${value}`), onFormulaLikeText: (_row, column) => formulas.push(column) })
    const { line } = clean(['P-1', '2025-03-14', '=cmd|calc', '', 'SP', 'Maria', 'MS-200', '1.000', '10', '', '', '', ''], ctx)
    expect(line?.quantity).toBe(1000)
    expect(line?.customer.name).toBe('=cmd|calc')
    expect(ambiguous).toEqual(['Qtd=1.000'])
    expect(formulas).toEqual(['Cliente'])
  })
})
