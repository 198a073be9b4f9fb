import { describe, expect, it } from 'vitest'
import { AppError } from '../errors/app-error.js'
import { detectImportFormat } from './detect-import-format.js'

const zip = Buffer.from([0x50, 0x4b, 0x03, 0x04, 0, 0])
const ole = Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0, 0])

describe('detectImportFormat', () => {
  it('trusts the zip signature of an XLSX over the name and type', () => {
    expect(detectImportFormat('sales.csv', 'text/csv', zip)).toBe('xlsx')
  })

  it('falls back to the extension, then the content type, then CSV', () => {
    expect(detectImportFormat('Vendas Março.XLSX')).toBe('xlsx')
    expect(detectImportFormat('vendas.csv', undefined, Buffer.from('a,b'))).toBe('csv')
    expect(detectImportFormat(undefined, 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')).toBe('xlsx')
    expect(detectImportFormat(undefined, 'text/csv; charset=utf-8')).toBe('csv')
    expect(detectImportFormat()).toBe('csv')
  })

  it('says an .xlsx name over non-zip bytes is an XLSX, so the reader can call it damaged', () => {
    expect(detectImportFormat('vendas.xlsx', undefined, Buffer.from('hello'))).toBe('xlsx')
  })

  it('refuses old binary .xls workbooks with a way out', () => {
    expect(() => detectImportFormat('old.xls', undefined, ole)).toThrow(AppError)
    expect(() => detectImportFormat('old.xls')).toThrow(/save the file as \.xlsx or CSV/i)
  })
})
