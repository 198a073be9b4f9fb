import { describe, expect, it } from 'vitest'
import type { CleanLine } from './clean-import-row.js'
import { deriveExternalRef, groupImportOrders } from './group-import-orders.js'

const line = (row: number, overrides: Partial<CleanLine> = {}): CleanLine => ({
  row,
  externalRef: 'P-1',
  orderDate: '2025-03-14',
  status: null,
  channel: null,
  paymentMethod: null,
  customer: { name: 'Loja Azul', email: null, taxId: null, segment: null, city: null, state: null, country: null, region: 'Sul' },
  rep: { name: null, email: 'joao@acme.com' },
  product: { sku: 'MS-200', name: null, category: null, brand: null },
  quantity: 1,
  unitPrice: 100,
  unitCost: null,
  discount: null,
  regionFromState: false,
  ...overrides,
})
const header = (field: string) => field

describe('groupImportOrders', () => {
  it('makes one order of the lines that share an external_ref, a blank order field taking the others\' value', () => {
    const grouped = groupImportOrders([line(2, { status: 'pending' }), line(3, { product: { sku: 'NB-100', name: null, category: null, brand: null } })], header)
    expect(grouped.errors).toEqual([])
    expect(grouped.orders).toHaveLength(1)
    expect(grouped.orders[0]).toMatchObject({ externalRef: 'P-1', derivedRef: false, status: 'pending' })
    expect(grouped.orders[0]!.lines.map((l) => l.row)).toEqual([2, 3])
  })

  it('rejects the lines of an order whose order fields disagree', () => {
    const grouped = groupImportOrders([line(2), line(3, { channel: 'online' }), line(4, { channel: 'phone' }), line(5, { rep: { name: null, email: 'maria@acme.com' } })], header)
    expect(grouped.errors.map((e) => [e.row, e.field])).toEqual([
      [4, 'channel'],
      [5, 'rep_email'],
    ])
  })

  it('compares customer names without minding case or accents', () => {
    const other = line(3)
    other.customer = { ...other.customer, name: 'LOJA AZUL' }
    expect(groupImportOrders([line(2), other], header).errors).toEqual([])
  })

  it('imports an exact copy of a line once, with a warning', () => {
    const grouped = groupImportOrders([line(2), line(3), line(4, { quantity: 2 })], header)
    expect(grouped.duplicateRowsSkipped).toBe(1)
    expect(grouped.warnings).toEqual([{ row: 3, message: 'Row 3 is an exact copy of row 2; it was imported once.' }])
    expect(grouped.orders[0]!.lines.map((l) => l.row)).toEqual([2, 4])
  })

  it('gives a line without external_ref a reference that depends only on the sale, not on the row', () => {
    const a = line(2, { externalRef: null })
    const b = line(90, { externalRef: null, status: 'completed', unitCost: 40 })
    expect(deriveExternalRef(a)).toMatch(/^auto-[0-9a-f]{24}$/)
    expect(deriveExternalRef(a)).toBe(deriveExternalRef(b))
    expect(deriveExternalRef(a)).not.toBe(deriveExternalRef(line(2, { externalRef: null, quantity: 2 })))
  })

  it('refuses two different rows that look like the same sale when neither has an external_ref', () => {
    const grouped = groupImportOrders([line(2, { externalRef: null }), line(3, { externalRef: null, status: 'cancelled' })], header)
    expect(grouped.errors).toHaveLength(1)
    expect(grouped.errors[0]!.row).toBe(3)
    expect(grouped.errors[0]!.message).toContain('looks like the same sale as row 2')
  })
})
