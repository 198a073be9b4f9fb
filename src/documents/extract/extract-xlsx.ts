/**
 * XLSX: every visible worksheet becomes a section named after it; each row below the sheet's header row becomes a
 * 'row' block ("Header: value; …"). Hidden sheets, rows and columns are left out: what the author hid is not what
 * readers are meant to find (and "very hidden" sheets are a known place to tuck content away). The title is the
 * workbook's own (File › Properties), when set.
 */
import ExcelJS from 'exceljs'
import { corruptDocument, documentTooLarge } from '../document-errors.js'
import { createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'
import { extractLimits } from './extract-limits.js'
import { formatSpreadsheetCell } from './format-spreadsheet-cell.js'
import { spreadsheetRowText } from './spreadsheet-row-text.js'

export async function extractXlsx(fileName: string, bytes: Uint8Array): Promise<ExtractedContent> {
  const workbook = new ExcelJS.Workbook()
  try {
    await workbook.xlsx.load(Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength) as unknown as ArrayBuffer)
  } catch (error) {
    throw corruptDocument(fileName, 'XLSX', error)
  }

  const collector = createBlockCollector(fileName)
  let rowCount = 0
  for (const sheet of workbook.worksheets) {
    if (sheet.state !== 'visible') continue
    const rows = visibleRows(sheet)
    const [header, ...data] = rows
    if (!header || data.length === 0) continue
    rowCount += data.length
    if (rowCount > extractLimits.maxRows) throw documentTooLarge(fileName, `it has more than ${extractLimits.maxRows.toLocaleString('en-US')} rows`)
    collector.heading(1, sheet.name, { sheet: sheet.name })
    for (const row of data) collector.add('row', spreadsheetRowText(header, row), { sheet: sheet.name })
  }
  const title = workbook.title?.trim()
  return { ...(title && { title }), blocks: collector.blocks }
}

/** The sheet's non-blank, visible rows as text cells (hidden columns blanked, so columns stay aligned). */
function visibleRows(sheet: ExcelJS.Worksheet): string[][] {
  const rows: string[][] = []
  sheet.eachRow({ includeEmpty: false }, (row) => {
    if (row.hidden) return
    const cells: string[] = []
    row.eachCell({ includeEmpty: false }, (cell, column) => {
      cells[column - 1] = sheet.getColumn(column).hidden ? '' : formatSpreadsheetCell(cell.value, cell.numFmt)
    })
    const filled = Array.from(cells, (cell) => cell ?? '')
    if (filled.some((cell) => cell.trim() !== '')) rows.push(filled)
  })
  return rows
}
