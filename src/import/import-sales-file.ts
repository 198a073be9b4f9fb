/**
 * Bulk import of sales from a CSV or XLSX file — one row per order line — for the HTTP API and the CLI.
 *
 * Semantics:
 * - Columns are found by header name in English or Portuguese (see import-fields.ts); a file without the required
 *   columns is refused whole (AppError validation_failed naming what is missing and the headers found).
 * - Every row is cleaned (dates, numbers in Brazilian or international style, discounts, status synonyms) and
 *   checked; every problem is reported against the spreadsheet row number (header = row 1).
 * - Rows sharing an external_ref are one order; an order whose external_ref exists is updated (header and items
 *   replaced), never duplicated, and left untouched when nothing changed. A row without external_ref is its own
 *   order with a stable reference hashed from the sale's identity, so importing the same file twice writes nothing
 *   the second time. Exact copies of a row are imported once and reported as warnings.
 * - mode 'all-or-nothing' (default): any row error → nothing is written, `committed: false`, every error listed.
 *   mode 'partial': each valid order is written whole; an order with any bad row is skipped whole and reported
 *   (`committed: false` only when no order at all was valid).
 * - Either way all writes, plus one audit entry (action 'import', entity 'orders'), happen in ONE transaction, so
 *   a database failure midway leaves nothing half-written.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { recordAudit, type Actor } from '../domain/audit/audit.repository.js'
import { AppError, isAppError } from '../errors/app-error.js'
import { cleanImportRow, type CleanLine } from './clean-import-row.js'
import { detectDecimalSeparator } from './detect-decimal-separator.js'
import { groupImportOrders } from './group-import-orders.js'
import type { ImportField } from './import-fields.js'
import { importLimits } from './import-limits.js'
import { summariseImportReport, type ImportFormat, type ImportMode, type ImportReport, type ImportRowError, type ImportWarning } from './import-report.js'
import { cellToText, type ImportTable } from './import-table.js'
import { loadImportDimensions } from './load-import-dimensions.js'
import { mapImportColumns } from './map-import-columns.js'
import { ImportPlanner, type PlannedOrder } from './plan-import-orders.js'
import { readCsvTable } from './read-csv-table.js'
import { readXlsxTable } from './read-xlsx-table.js'
import { writeImportPlan } from './write-import-plan.js'

export { detectImportFormat } from './detect-import-format.js'
export type { ImportFormat, ImportMode, ImportReport, ImportRowError, ImportWarning } from './import-report.js'

export interface ImportSalesFileInput {
  content: Buffer
  format: ImportFormat
  filename?: string
  mode?: ImportMode
  actor: Actor
  /** Stored on every order written; defaults to 'import'. */
  source?: string
  /** The clock that says what "today" is (UTC) for refusing future dates; defaults to the system clock. */
  clock?: () => Date
  /** Overrides importLimits.maxRows (tests, CLI). */
  maxRows?: number
}

const modes: readonly ImportMode[] = ['all-or-nothing', 'partial']
const numericFields: readonly ImportField[] = ['quantity', 'unit_price', 'unit_cost', 'discount']

export async function importSalesFile(db: Kysely<Database>, input: ImportSalesFileInput): Promise<ImportReport> {
  const mode = input.mode ?? 'all-or-nothing'
  if (!modes.includes(mode)) throw new AppError('bad_request', `Unknown import mode "${String(mode)}"; use all-or-nothing or partial.`, { fields: [{ path: 'mode', message: 'must be all-or-nothing or partial' }] })
  if (input.format !== 'csv' && input.format !== 'xlsx') {
    throw new AppError('unsupported_media_type', `Unknown file format "${String(input.format)}"; import a CSV or an XLSX file.`)
  }
  const limits = { maxRows: input.maxRows ?? importLimits.maxRows }
  const table = input.format === 'csv' ? readCsvTable(input.content, limits) : await readXlsxTable(input.content, limits)
  const columns = mapImportColumns(table.headers)
  if (table.rows.length === 0) throw new AppError('validation_failed', 'The file has a header row but no data rows.', { reason: 'no_data_rows' })
  const header = (field: ImportField) => columns.byField[field]?.header ?? field

  const warnings: ImportWarning[] = [...table.notes, ...columns.warnings].map((message) => ({ message }))
  const errors: ImportRowError[] = []

  // ---- clean every row ---------------------------------------------------------------------------------------
  const decimalSeparator = detectDecimalSeparator(numericSamples(table, columns.byField), table.delimiter === ';' ? ',' : '.')
  const today = (input.clock ?? (() => new Date()))().toISOString().slice(0, 10)
  const ambiguous = { count: 0, example: '' }
  const formulaLike = new Map<string, { count: number; firstRow: number }>()
  const lines: CleanLine[] = []
  /** Orders that cannot be written: keyed by external_ref, or by `row:N` for a bad row without one. */
  const badOrders = new Set<string>()
  for (const row of table.rows) {
    const cleaned = cleanImportRow(row, {
      columns: columns.byField,
      dateBounds: { earliest: importLimits.earliestDate, latest: today },
      decimalSeparator,
      onAmbiguousNumber: (rowNumber, column, value) => {
        if (ambiguous.count++ === 0) ambiguous.example = `"${value}" (row ${rowNumber}, ${column})`
      },
      onFormulaLikeText: (rowNumber, column) => {
        const seen = formulaLike.get(column)
        if (seen) seen.count++
        else formulaLike.set(column, { count: 1, firstRow: rowNumber })
      },
    })
    errors.push(...cleaned.errors)
    if (cleaned.line) lines.push(cleaned.line)
    else badOrders.add(cleaned.externalRef ?? `row:${row.rowNumber}`)
  }
  if (ambiguous.count > 0) {
    const reading = decimalSeparator === ',' ? "'.' as the thousands separator and ',' as the decimal mark" : "'.' as the decimal mark and ',' as the thousands separator"
    warnings.push({ message: `${ambiguous.count} number(s) such as ${ambiguous.example} could be read two ways; they were read with ${reading}, as the rest of the file does.` })
  }
  for (const [column, seen] of formulaLike) {
    warnings.push({ row: seen.firstRow, column, message: `${seen.count} value(s) in column "${column}" start like a spreadsheet formula (first on row ${seen.firstRow}); they were imported as plain text.` })
  }

  // ---- group lines into orders -------------------------------------------------------------------------------
  const grouped = groupImportOrders(lines, header)
  warnings.push(...grouped.warnings)
  errors.push(...grouped.errors)
  const refOfRow = new Map<number, string>()
  for (const order of grouped.orders) for (const line of order.lines) refOfRow.set(line.row, order.externalRef)
  for (const error of grouped.errors) badOrders.add(refOfRow.get(error.row) ?? `row:${error.row}`)

  try {
    return await db.transaction().execute(async (trx) => {
      // ---- check against the database and plan --------------------------------------------------------------
      const planner = new ImportPlanner(await loadImportDimensions(trx, grouped.orders), header)
      const accepted: PlannedOrder[] = []
      const defaultsFilled: Record<string, number> = {}
      const plannedWarnings: ImportWarning[] = []
      for (const draft of grouped.orders) {
        const known = badOrders.has(draft.externalRef)
        const result = planner.planOrder(draft, { accept: !known })
        if (!result.ok) {
          errors.push(...result.errors)
          badOrders.add(draft.externalRef)
          continue
        }
        if (known) continue
        accepted.push(result.order)
        plannedWarnings.push(...result.warnings)
        for (const [field, count] of Object.entries(result.defaults)) defaultsFilled[field] = (defaultsFilled[field] ?? 0) + count
      }
      const costless = planner.productsWithDefaultedCost()

      const report: ImportReport = {
        format: input.format,
        mode,
        filename: input.filename ?? null,
        sheetName: table.sheetName,
        delimiter: table.delimiter,
        encoding: table.encoding,
        columns: Object.fromEntries(Object.entries(columns.byField).map(([field, column]) => [field, column.header])),
        ignoredColumns: columns.ignoredColumns,
        rowsRead: table.rows.length,
        rowsImported: 0,
        rowsWithErrors: new Set(errors.map((e) => e.row)).size,
        blankRowsSkipped: table.blankRowsSkipped,
        duplicateRowsSkipped: grouped.duplicateRowsSkipped,
        ordersCreated: 0,
        ordersUpdated: 0,
        ordersUnchanged: 0,
        ordersSkipped: badOrders.size,
        dimensionsCreated: { regions: 0, categories: 0, products: 0, customers: 0, reps: 0 },
        defaultsFilled: {},
        errors: [],
        errorCount: errors.length,
        errorsTruncated: errors.length > importLimits.maxReportedErrors,
        warnings: [],
        warningCount: 0,
        committed: false,
      }
      errors.sort((a, b) => a.row - b.row)
      report.errors = errors.slice(0, importLimits.maxReportedErrors)

      if (mode === 'all-or-nothing' && errors.length > 0) {
        warnings.push({ message: `Nothing was imported: ${report.rowsWithErrors} row(s) have errors, and this import is all-or-nothing. Fix them, or import in partial mode to load the valid orders.` })
        return finish(report, warnings)
      }
      if (accepted.length === 0) {
        warnings.push({ message: 'Nothing was imported: every order in the file has at least one row with an error.' })
        return finish(report, warnings)
      }

      // ---- write ---------------------------------------------------------------------------------------------
      const written = await writeImportPlan(trx, accepted, input.source ?? 'import')
      if (mode === 'partial' && badOrders.size > 0) {
        warnings.push({ message: `${badOrders.size} order(s) were skipped whole because at least one of their rows has an error; the other ${accepted.length} were imported.` })
      }
      if (costless.length > 0) {
        warnings.push({ message: `${costless.length} new product(s) had no unit cost, so their cost was set to 0 and their margin will read 100% until a cost is set: ${costless.slice(0, 20).join(', ')}${costless.length > 20 ? ', …' : ''}.` })
      }
      warnings.push(...plannedWarnings)
      Object.assign(report, {
        ...written,
        rowsImported: accepted.reduce((sum, o) => sum + o.lines.length, 0),
        defaultsFilled,
        committed: true,
      })
      finish(report, warnings)
      await recordAudit(trx, input.actor, { action: 'import', entity: 'orders', after: summariseImportReport(report) })
      return report
    })
  } catch (error) {
    throw isAppError(error) ? error : importDatabaseError(error)
  }
}

function finish(report: ImportReport, warnings: readonly ImportWarning[]): ImportReport {
  report.warningCount = warnings.length
  report.warnings = warnings.slice(0, importLimits.maxReportedWarnings)
  return report
}

/** The text of the numeric cells, to tell which decimal mark the file uses. */
function* numericSamples(table: ImportTable, byField: Partial<Record<ImportField, { index: number }>>): Generator<string> {
  const indexes = numericFields.map((f) => byField[f]?.index).filter((i): i is number => i !== undefined)
  for (const row of table.rows) {
    for (const index of indexes) {
      const cell = row.cells[index]
      if (typeof cell === 'string') yield cellToText(cell)
    }
  }
}

interface PgErrorSlice { code?: unknown }

function importDatabaseError(error: unknown): AppError {
  const code = (error as PgErrorSlice | null)?.code
  if (code === '23505' || code === '40001' || code === '40P01') {
    return new AppError('conflict', 'Another change to the same orders, customers, reps or products happened during the import, so nothing was saved. Please import the file again.', { reason: String(code) }, { cause: error })
  }
  return new AppError('internal', 'The import failed while saving to the database, so nothing was saved.', {}, { cause: error })
}
