/**
 * Reads a CSV file into an ImportTable: decodes it, detects `,` / `;` / tab, honours quoted fields (including line
 * breaks inside quotes), keeps every cell as text (a cell like `=HYPERLINK(...)` is just text), and numbers rows
 * the way a spreadsheet shows them. Blank lines are skipped and counted.
 */
import { CsvError, parse } from 'csv-parse/sync'
import { AppError } from '../errors/app-error.js'
import { decodeCsvText } from './decode-csv-text.js'
import { detectCsvDelimiter } from './detect-csv-delimiter.js'
import type { ImportTable, ImportTableRow } from './import-table.js'

export interface ReadTableLimits {
  maxRows: number
}

const maxRecordBytes = 1_000_000

export function readCsvTable(content: Buffer, limits: ReadTableLimits): ImportTable {
  if (content.length === 0) throw new AppError('validation_failed', 'The file is empty.', { reason: 'empty_file' })
  if (content.subarray(0, 4).equals(Buffer.from([0x50, 0x4b, 0x03, 0x04]))) {
    throw new AppError('validation_failed', 'This file is an XLSX workbook (a zip archive), not a CSV. Import it as XLSX.', { reason: 'xlsx_given_as_csv' })
  }
  const { text, encoding } = decodeCsvText(content)
  if (text.trim() === '') throw new AppError('validation_failed', 'The file is empty.', { reason: 'empty_file' })
  const delimiter = detectCsvDelimiter(text)

  let records: string[][]
  try {
    records = parse(text, {
      delimiter,
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: false,
      max_record_size: maxRecordBytes,
    }) as string[][]
  } catch (error) {
    throw csvReadError(error)
  }

  const headerIndex = records.findIndex((record) => !isBlank(record))
  const header = records[headerIndex]
  if (headerIndex < 0 || !header) throw new AppError('validation_failed', 'The file is empty.', { reason: 'empty_file' })

  const rows: ImportTableRow[] = []
  let blankRowsSkipped = 0
  for (let i = headerIndex + 1; i < records.length; i++) {
    const record = records[i]!
    if (isBlank(record)) {
      blankRowsSkipped++
      continue
    }
    rows.push({ rowNumber: i + 1, cells: record })
    if (rows.length > limits.maxRows) {
      throw new AppError('payload_too_large', `The file has more than ${limits.maxRows} data rows; split it into smaller files.`, { maxRows: limits.maxRows })
    }
  }

  const notes: string[] = []
  if (encoding === 'windows-1252') notes.push('The file is not UTF-8; it was read as Windows-1252 (the encoding Excel uses for CSV in Brazil).')
  return {
    headers: header.map((h) => h.trim()),
    headerRowNumber: headerIndex + 1,
    rows,
    blankRowsSkipped,
    sheetName: null,
    delimiter,
    encoding,
    notes,
  }
}

function isBlank(record: readonly string[]): boolean {
  return record.every((cell) => cell.trim() === '')
}

function csvReadError(error: unknown): AppError {
  if (error instanceof CsvError) {
    const line = typeof error.lines === 'number' ? ` (near line ${error.lines})` : ''
    switch (error.code) {
      case 'CSV_QUOTE_NOT_CLOSED':
        return new AppError('validation_failed', `The CSV has a quoted field that is never closed${line}. Check for a stray double quote (").`, { reason: error.code }, { cause: error })
      case 'CSV_MAX_RECORD_SIZE':
        return new AppError('validation_failed', `The CSV has a row larger than ${maxRecordBytes / 1_000_000} MB${line}; it is probably not a sales spreadsheet.`, { reason: error.code }, { cause: error })
      default:
        return new AppError('validation_failed', `The CSV could not be read${line}: ${error.code}.`, { reason: error.code }, { cause: error })
    }
  }
  return new AppError('unprocessable', 'The CSV could not be read.', {}, { cause: error })
}
