import { describe, expect, it } from 'vitest'
import { parseImportDiscount } from './parse-import-discount.js'

const discount = (cell: string | number, decimal: ',' | '.' = '.') => {
  const result = parseImportDiscount(cell, decimal)
  return result.ok ? result.value.value : result.message
}

describe('parseImportDiscount', () => {
  it('reads a percentage, a fraction, or a number from 1 to 100 as a percentage', () => {
    expect(discount('10%')).toBe(0.1)
    expect(discount('10 %')).toBe(0.1)
    expect(discount('12,5%', ',')).toBe(0.125)
    expect(discount('0.1')).toBe(0.1)
    expect(discount(0.25)).toBe(0.25)
    expect(discount('10')).toBe(0.1)
    expect(discount('1')).toBe(0.01)
    expect(discount('100')).toBe(1)
    expect(discount('0')).toBe(0)
  })

  it('refuses negative discounts and discounts above 100%', () => {
    expect(discount('-5%')).toContain('negative')
    expect(discount('150')).toContain('above 100%')
    expect(discount('101%')).toContain('above 100%')
    expect(discount('lots')).toContain('is not a discount')
  })

  it('rounds to the four decimals the database keeps', () => {
    expect(discount('33.33333%')).toBe(0.3333)
  })
})
