import { describe, expect, it } from 'vitest'
import { AppError } from '../errors/app-error.js'
import { mapImportColumns, normaliseHeaderName } from './map-import-columns.js'

describe('normaliseHeaderName', () => {
  it('ignores case, accents, spaces, underscores and punctuation', () => {
    expect(normaliseHeaderName('Preço Unitário')).toBe('precounitario')
    expect(normaliseHeaderName(' preco_unitario ')).toBe('precounitario')
    expect(normaliseHeaderName('E-mail Vendedor')).toBe('emailvendedor')
  })
})

describe('mapImportColumns', () => {
  it('maps English and Portuguese headers to fields and reports unknown columns as ignored', () => {
    const columns = mapImportColumns(['Pedido', 'Data Venda', 'Cliente', 'CNPJ', 'Vendedor', 'Código', 'Qtd', 'Preço Unitário', 'Observações'])
    expect(columns.byField.external_ref).toEqual({ index: 0, header: 'Pedido' })
    expect(columns.byField.order_date?.header).toBe('Data Venda')
    expect(columns.byField.customer_name?.header).toBe('Cliente')
    expect(columns.byField.customer_tax_id?.header).toBe('CNPJ')
    expect(columns.byField.rep_name?.header).toBe('Vendedor')
    expect(columns.byField.product_sku?.header).toBe('Código')
    expect(columns.byField.quantity?.header).toBe('Qtd')
    expect(columns.byField.unit_price?.header).toBe('Preço Unitário')
    expect(columns.ignoredColumns).toEqual(['Observações'])
  })

  it('reads only the first of two columns that mean the same field, and says so', () => {
    const columns = mapImportColumns(['date', 'data', 'customer', 'rep', 'sku', 'qty'])
    expect(columns.byField.order_date?.header).toBe('date')
    expect(columns.ignoredColumns).toEqual(['data'])
    expect(columns.warnings[0]).toContain('both mean order_date')
  })

  it('refuses a file without the required columns, naming them and the headers found', () => {
    let error: unknown
    try {
      mapImportColumns(['Nome', 'Valor', 'Observação'])
    } catch (e) {
      error = e
    }
    expect(error).toBeInstanceOf(AppError)
    const appError = error as AppError
    expect(appError.code).toBe('validation_failed')
    expect(appError.message).toContain('order_date')
    expect(appError.message).toContain('customer_name or customer_email or customer_tax_id')
    expect(appError.message).toContain('rep_name or rep_email')
    expect(appError.message).toContain('product_sku')
    expect(appError.message).toContain('quantity')
    expect(appError.message).toContain('"Nome", "Valor", "Observação"')
    expect(appError.details.missingColumns).toHaveLength(5)
  })
})
