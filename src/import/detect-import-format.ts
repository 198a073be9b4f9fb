/**
 * Decides whether an upload is CSV or XLSX. The bytes win (an XLSX is a zip: `PK\x03\x04`), then the file name's
 * extension, then the content type; anything else is treated as CSV (the CSV reader refuses binary data).
 * Old binary .xls workbooks are refused with a message saying how to convert them.
 */
import { AppError } from '../errors/app-error.js'
import type { ImportFormat } from './import-report.js'

const xlsxTypes = ['application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/vnd.ms-excel.sheet.macroenabled.12']
const csvTypes = ['text/csv', 'text/plain', 'application/csv', 'text/tab-separated-values', 'text/comma-separated-values']

const xlsNotSupported = () =>
  new AppError('unsupported_media_type', 'Old Excel 97-2003 (.xls) files are not supported. Save the file as .xlsx or CSV and import that.', { reason: 'xls_not_supported' })

export function detectImportFormat(filename?: string, contentType?: string, content?: Uint8Array): ImportFormat {
  if (content && content.length >= 4) {
    if (content[0] === 0x50 && content[1] === 0x4b && content[2] === 0x03 && content[3] === 0x04) return 'xlsx'
    if (content[0] === 0xd0 && content[1] === 0xcf && content[2] === 0x11 && content[3] === 0xe0) throw xlsNotSupported()
  }
  const extension = /\.([a-z0-9]+)$/i.exec(filename?.trim() ?? '')?.[1]?.toLowerCase()
  if (extension === 'xlsx' || extension === 'xlsm') return 'xlsx'
  if (extension === 'csv' || extension === 'txt' || extension === 'tsv') return 'csv'
  if (extension === 'xls' && !content) throw xlsNotSupported()
  const type = contentType?.split(';')[0]?.trim().toLowerCase()
  if (type && xlsxTypes.includes(type)) return 'xlsx'
  if (type && csvTypes.includes(type)) return 'csv'
  return 'csv'
}
