/** What an import tells its caller (HTTP, CLI): counts, every cleaning decision, and each rejected row. */
import type { ImportField } from './import-fields.js'

export type ImportFormat = 'csv' | 'xlsx'
export type ImportMode = 'all-or-nothing' | 'partial'

export interface ImportRowError {
  /** 1-based, as a spreadsheet shows it: the header is row 1. */
  row: number
  /** The column's header as written in the file. */
  column?: string
  field?: ImportField
  /** The offending cell as text (cut to 100 characters). */
  value?: string
  message: string
}

export interface ImportWarning {
  row?: number
  column?: string
  message: string
}

export interface ImportDimensionCounts {
  regions: number
  categories: number
  products: number
  customers: number
  reps: number
}

export interface ImportReport {
  format: ImportFormat
  mode: ImportMode
  filename: string | null
  /** XLSX: the worksheet read (always the first). */
  sheetName: string | null
  /** CSV: the delimiter detected. */
  delimiter: ',' | ';' | '\t' | null
  /** CSV: the text encoding used. */
  encoding: string | null
  /** Which header was read for each field. */
  columns: Partial<Record<ImportField, string>>
  ignoredColumns: string[]
  /** Non-blank data rows in the file. */
  rowsRead: number
  /** Rows now in the database as the file says (in orders created, updated or already identical). */
  rowsImported: number
  /** Distinct rows with at least one error. */
  rowsWithErrors: number
  blankRowsSkipped: number
  /** Exact copies of an earlier row, imported once (each copy is also a warning). */
  duplicateRowsSkipped: number
  ordersCreated: number
  ordersUpdated: number
  /** Orders whose external_ref already existed with exactly this content: left untouched. */
  ordersUnchanged: number
  /** Orders not written because at least one of their rows has an error. */
  ordersSkipped: number
  dimensionsCreated: ImportDimensionCounts
  /** Values the import supplied, by field: per row for line values, per order for order values, per record for dimensions. */
  defaultsFilled: Record<string, number>
  /** The first errors (see errorCount for the total), sorted by row. */
  errors: ImportRowError[]
  errorCount: number
  errorsTruncated: boolean
  warnings: ImportWarning[]
  warningCount: number
  /**
   * True when the import's transaction committed with its audit entry. False when nothing was saved: in
   * all-or-nothing mode because some row had an error; in partial mode because no order at all was valid.
   */
  committed: boolean
}

/** The part of the report kept in the audit trail. */
export type ImportAuditSummary = Omit<ImportReport, 'errors' | 'warnings' | 'columns'>

export function summariseImportReport(report: ImportReport): ImportAuditSummary {
  const { errors: _errors, warnings: _warnings, columns: _columns, ...summary } = report
  return summary
}
