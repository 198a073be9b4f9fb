/**
 * Reads the first worksheet of an XLSX workbook into an ImportTable. Cells give their values, never their formulas
 * (a formula cell gives the result Excel saved with it); date cells arrive as dates, percentage cells as `10%`.
 * Anything that is not a readable workbook is refused with a clear message.
 */
import ExcelJS from 'exceljs'
import { AppError } from '../errors/app-error.js'
import type { ImportCell, ImportTable, ImportTableRow } from './import-table.js'
import type { ReadTableLimits } from './read-csv-table.js'

const zipMagic = Buffer.from([0x50, 0x4b, 0x03, 0x04])
const oleMagic = Buffer.from([0xd0, 0xcf, 0x11, 0xe0])

export async function readXlsxTable(content: Buffer, limits: ReadTableLimits): Promise<ImportTable> {
  if (content.length === 0) throw new AppError('validation_failed', 'The file is empty.', { reason: 'empty_file' })
  if (content.subarray(0, 4).equals(oleMagic)) {
    throw new AppError('unprocessable', 'This is an old Excel 97-2003 (.xls) file, which is not supported. Save it as .xlsx or CSV and import that.', { reason: 'xls_not_supported' })
  }
  if (!content.subarray(0, 4).equals(zipMagic)) {
    throw new AppError('unprocessable', 'The file is not a valid XLSX workbook (an .xlsx file is a zip archive, and this one is not). Save it again from Excel as .xlsx, or export it as CSV.', { reason: 'not_a_zip' })
  }

  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(content as unknown as ArrayBuffer)
  } catch (error) {
    throw new AppError('unprocessable', 'The XLSX workbook could not be read; it may be damaged or not really a spreadsheet. Save it again from Excel, or export it as CSV.', { reason: 'unreadable_workbook' }, { cause: error })
  }
  const [sheet, ...otherSheets] = workbook.worksheets
  if (!sheet) throw new AppError('validation_failed', 'The workbook has no worksheets.', { reason: 'no_worksheet' })
  if (sheet.actualRowCount > limits.maxRows + 1) {
    throw new AppError('payload_too_large', `The worksheet has more than ${limits.maxRows} data rows; split it into smaller files.`, { maxRows: limits.maxRows })
  }

  const notes: string[] = []
  if (otherSheets.length > 0) {
    notes.push(`Only the first worksheet ("${sheet.name}") was read; ignored: ${otherSheets.map((s) => `"${s.name}"`).join(', ')}.`)
  }

  let header: { rowNumber: number; cells: ImportCell[] } | null = null
  const rows: ImportTableRow[] = []
  let blankRowsSkipped = 0
  let previousRowNumber = 0
  let formulasWithoutValue = 0
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    const cells: ImportCell[] = []
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      const read = readCell(cell.value, cell.numFmt)
      if (read.formulaWithoutValue) formulasWithoutValue++
      cells[column - 1] = read.value
    })
    for (let i = 0; i < cells.length; i++) cells[i] ??= null
    const blank = cells.every((c) => c === null || (typeof c === 'string' && c.trim() === ''))
    if (header) blankRowsSkipped += rowNumber - previousRowNumber - 1
    previousRowNumber = rowNumber
    if (blank) {
      if (header) blankRowsSkipped++
      return
    }
    if (!header) header = { rowNumber, cells }
    else rows.push({ rowNumber, cells })
  })
  if (formulasWithoutValue > 0) {
    notes.push(`${formulasWithoutValue} formula cell(s) had no saved value and were read as empty; open and save the file in Excel to store their values.`)
  }
  const headerRow = header as { rowNumber: number; cells: ImportCell[] } | null
  if (!headerRow) throw new AppError('validation_failed', `The file is empty: worksheet "${sheet.name}" has no data.`, { reason: 'empty_file', sheetName: sheet.name })
  return {
    headers: headerRow.cells.map((c) => (c === null ? '' : c instanceof Date ? c.toISOString().slice(0, 10) : String(c).trim())),
    headerRowNumber: headerRow.rowNumber,
    rows,
    blankRowsSkipped,
    sheetName: sheet.name,
    delimiter: null,
    encoding: null,
    notes,
  }
}

function readCell(value: ExcelJS.CellValue, numFmt: string | undefined): { value: ImportCell; formulaWithoutValue?: boolean } {
  if (value === null || value === undefined) return { value: null }
  if (typeof value === 'number') {
    // A percentage cell stores 0.1 for 10%; say so, so a discount of 100% (stored as 1) is not read as 1%.
    if (numFmt?.includes('%')) return { value: `${Number((value * 100).toFixed(8))}%` }
    return { value }
  }
  if (typeof value === 'string' || typeof value === 'boolean' || value instanceof Date) return { value }
  if ('formula' in value || 'sharedFormula' in value) {
    const result = value.result
    if (result === undefined || result === null) return { value: null, formulaWithoutValue: true }
    if (typeof result === 'object' && !(result instanceof Date)) return { value: result.error }
    return readCell(result, numFmt)
  }
  if ('richText' in value) return { value: value.richText.map((part) => part.text).join('') }
  if ('hyperlink' in value) {
    const text: unknown = value.text
    if (typeof text === 'string') return { value: text }
    if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
      return { value: (text.richText as { text: string }[]).map((part) => part.text).join('') }
    }
    return { value: value.hyperlink }
  }
  if ('error' in value) return { value: value.error }
  return { value: null }
}
