/** A spreadsheet reduced to what the import needs: one header row and the non-blank rows under it. */

/** One cell as read: text from a CSV; for an XLSX the cell's value (never its formula). */
export type ImportCell = string | number | boolean | Date | null

export interface ImportTableRow {
  /** The row number a spreadsheet user sees (the header is row 1 when the file starts with it). */
  rowNumber: number
  cells: ImportCell[]
}

export interface ImportTable {
  headers: string[]
  headerRowNumber: number
  rows: ImportTableRow[]
  blankRowsSkipped: number
  /** XLSX: the worksheet that was read. */
  sheetName: string | null
  /** CSV: the delimiter detected. */
  delimiter: ',' | ';' | '\t' | null
  /** CSV: the text encoding the bytes were decoded with. */
  encoding: string | null
  /** Things worth telling the user about how the file was read (other sheets ignored, encoding guessed…). */
  notes: string[]
}

/** Renders a cell for messages and comparisons; never throws. */
export function cellToText(cell: ImportCell): string {
  if (cell === null) return ''
  if (cell instanceof Date) return Number.isNaN(cell.getTime()) ? '' : cell.toISOString().slice(0, 10)
  return String(cell).trim()
}
