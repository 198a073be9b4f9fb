import { describe, expect, it } from 'vitest'
import { detectDecimalSeparator } from './detect-decimal-separator.js'
import { parseImportNumber } from './parse-import-number.js'

const value = (cell: string | number, decimal: ',' | '.' = '.') => {
  const result = parseImportNumber(cell, decimal)
  return result.ok ? result.value.value : result.message
}

describe('parseImportNumber', () => {
  it('reads plain, Brazilian, currency and international numbers', () => {
    expect(value('1234.56')).toBe(1234.56)
    expect(value('1.234,56')).toBe(1234.56)
    expect(value('R$ 1.234,56')).toBe(1234.56)
    expect(value('R$1.234,56')).toBe(1234.56)
    expect(value('1,234.56')).toBe(1234.56)
    expect(value('$1,234.56')).toBe(1234.56)
    expect(value('1.234.567,8')).toBe(1234567.8)
    expect(value('1 234,56')).toBe(1234.56)
    expect(value('12,5')).toBe(12.5)
    expect(value('7')).toBe(7)
    expect(value(42.5)).toBe(42.5)
    expect(value('1E+05')).toBe(100000)
  })

  it('reads negatives written with a minus or in accounting parentheses', () => {
    expect(value('-5')).toBe(-5)
    expect(value('(1.234,00)')).toBe(-1234)
    expect(value('R$ -10,00')).toBe(-10)
    expect(value('-R$ 10,00')).toBe(-10)
  })

  it('groups thousands when a separator repeats', () => {
    expect(value('1.234.567')).toBe(1234567)
    expect(value('1,234,567')).toBe(1234567)
    expect(value('1.23.4')).toBe('is not a number')
  })

  it("reads a lone separator before three digits with the file's decimal mark, and flags it as ambiguous", () => {
    expect(parseImportNumber('1.234', ',')).toEqual({ ok: true, value: { value: 1234, ambiguous: true } })
    expect(parseImportNumber('1.234', '.')).toEqual({ ok: true, value: { value: 1.234, ambiguous: true } })
    expect(parseImportNumber('1,500', '.')).toEqual({ ok: true, value: { value: 1500, ambiguous: true } })
    expect(parseImportNumber('0,500', '.')).toEqual({ ok: true, value: { value: 0.5, ambiguous: false } })
  })

  it('refuses text, formulas and empty cells', () => {
    expect(value('abc')).toBe('is not a number')
    expect(value('=1+1')).toBe('is not a number')
    expect(value('R$')).toBe('is not a number')
    expect(value('12abc')).toBe('is not a number')
    expect(value('1,2,3.4.5')).toBe('is not a number')
  })
})

describe('detectDecimalSeparator', () => {
  it('follows the unambiguous numbers of the file', () => {
    expect(detectDecimalSeparator(['1.234,56', '12,5', '3'], '.')).toBe(',')
    expect(detectDecimalSeparator(['1,234.56', '12.5', '3'], ',')).toBe('.')
  })

  it('falls back to the hint when nothing decides', () => {
    expect(detectDecimalSeparator(['3', '1.234'], ',')).toBe(',')
    expect(detectDecimalSeparator([], '.')).toBe('.')
  })
})
