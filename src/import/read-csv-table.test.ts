import { describe, expect, it } from 'vitest'
import { AppError } from '../errors/app-error.js'
import { detectCsvDelimiter } from './detect-csv-delimiter.js'
import { readCsvTable } from './read-csv-table.js'

const limits = { maxRows: 1_000 }
const read = (text: string | Buffer) => readCsvTable(typeof text === 'string' ? Buffer.from(text, 'utf8') : text, limits)

function errorOf(run: () => unknown): AppError {
  try {
    run()
  } catch (error) {
    if (error instanceof AppError) return error
    throw error
  }
  throw new Error('expected an AppError')
}

describe('detectCsvDelimiter', () => {
  it('picks the delimiter that occurs most in the first non-blank line, outside quotes', () => {
    expect(detectCsvDelimiter('a,b,c\n1,2,3')).toBe(',')
    expect(detectCsvDelimiter('a;b;c\n1,5;2;3')).toBe(';')
    expect(detectCsvDelimiter('"a;b";c,d,e')).toBe(',')
    expect(detectCsvDelimiter('\n\na\tb\tc')).toBe('\t')
    expect(detectCsvDelimiter('single')).toBe(',')
  })
})

describe('readCsvTable', () => {
  it('numbers rows as a spreadsheet does and skips blank lines', () => {
    const table = read('sku,qty\nA,1\n\n , \nB,2\n')
    expect(table.headers).toEqual(['sku', 'qty'])
    expect(table.rows.map((r) => r.rowNumber)).toEqual([2, 5])
    expect(table.blankRowsSkipped).toBe(2)
  })

  it('strips a UTF-8 byte order mark from the first header', () => {
    const table = read(Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from('sku;qty\nA;1\n')]))
    expect(table.headers).toEqual(['sku', 'qty'])
    expect(table.delimiter).toBe(';')
  })

  it('keeps line breaks inside quoted fields within one row', () => {
    const table = read('name,qty\n"Padaria\nCentro",1\nB,2\n')
    expect(table.rows).toEqual([
      { rowNumber: 2, cells: ['Padaria\nCentro', '1'] },
      { rowNumber: 3, cells: ['B', '2'] },
    ])
  })

  it('keeps formula-looking cells as plain text', () => {
    const table = read('name,qty\n"=HYPERLINK(""http://x"",""y"")",1\n')
    expect(table.rows[0]?.cells[0]).toBe('=HYPERLINK("http://x","y")')
  })

  it('reads Windows-1252 text, as Excel saves CSV in Brazil, and says so', () => {
    const table = read(Buffer.from([0x73, 0x74, 0x61, 0x74, 0x75, 0x73, 0x0a, 0x43, 0x6f, 0x6e, 0x63, 0x6c, 0x75, 0xed, 0x64, 0x6f, 0x0a]))
    expect(table.rows[0]?.cells[0]).toBe('Concluído')
    expect(table.encoding).toBe('windows-1252')
    expect(table.notes[0]).toContain('Windows-1252')
  })

  it('refuses an empty file', () => {
    expect(errorOf(() => read('')).message).toBe('The file is empty.')
    expect(errorOf(() => read('\n\n  \n')).message).toBe('The file is empty.')
  })

  it('refuses binary data with a message saying what to do', () => {
    const garbage = Buffer.from(Array.from({ length: 2_000 }, (_, i) => (i * 7919) % 256))
    const error = errorOf(() => read(garbage))
    expect(error.code).toBe('unprocessable')
    expect(error.message).toContain('binary data')
  })

  it('refuses an XLSX sent as CSV', () => {
    expect(errorOf(() => read(Buffer.from([0x50, 0x4b, 0x03, 0x04, 1, 2, 3]))).message).toContain('Import it as XLSX')
  })

  it('refuses a quoted field that never closes, naming the line', () => {
    const error = errorOf(() => read('a,b\n1,"open\n2,3\n'))
    expect(error.code).toBe('validation_failed')
    expect(error.message).toContain('never closed')
  })

  it('refuses more rows than the limit', () => {
    const error = errorOf(() => readCsvTable(Buffer.from('a\n1\n2\n3\n'), { maxRows: 2 }))
    expect(error.code).toBe('payload_too_large')
  })
})
