/**
 * A workbook cell as the person who made the sheet sees it: formulas give their saved result, percentages read
 * "12.5%", numbers keep the grouping and decimals of their number format ("7,499.00"), dates read 2025-03-31.
 */
import type ExcelJS from 'exceljs'

export function formatSpreadsheetCell(value: ExcelJS.CellValue, numberFormat: string | undefined): string {
  if (value === null || value === undefined) return ''
  if (typeof value === 'number') return formatNumber(value, numberFormat ?? '')
  if (typeof value === 'string') return value
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE'
  if (value instanceof Date) return formatDate(value)
  if ('formula' in value || 'sharedFormula' in value) {
    // A formula never saved by Excel has no result; its text would mean nothing to a reader.
    return value.result === undefined ? '' : formatSpreadsheetCell(value.result, numberFormat)
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('')
  if ('hyperlink' in value) return hyperlinkText(value)
  if ('error' in value) return value.error
  return ''
}

function formatNumber(value: number, numberFormat: string): string {
  // Only the first section of a format applies to positive numbers; quoted literals and colours are not digits.
  const section = (numberFormat.split(';')[0] ?? '').replace(/"[^"]*"|\[[^\]]*\]/g, '')
  const decimals = /\.(0+)/.exec(section)?.[1]?.length ?? 0
  if (section.includes('%')) return `${formatDigits(value * 100, decimals, false)}%`
  if (/[#0]/.test(section)) return formatDigits(value, decimals, section.includes(','))
  // "General": the shortest faithful form, without binary noise such as 0.30000000000000004.
  return String(Number(value.toPrecision(15)))
}

function formatDigits(value: number, decimals: number, grouping: boolean): string {
  return new Intl.NumberFormat('en-US', { minimumFractionDigits: decimals, maximumFractionDigits: decimals, useGrouping: grouping }).format(value)
}

/** Workbook dates carry no time zone; exceljs hands them over as UTC. Midnight means a plain date. */
function formatDate(date: Date): string {
  if (Number.isNaN(date.getTime())) return ''
  const iso = date.toISOString()
  return iso.endsWith('T00:00:00.000Z') ? iso.slice(0, 10) : `${iso.slice(0, 10)} ${iso.slice(11, 16)}`
}

function hyperlinkText(value: ExcelJS.CellHyperlinkValue): string {
  const text: unknown = value.text
  if (typeof text === 'string') return text
  // exceljs types the text as a string, but a styled link arrives as rich text.
  if (text && typeof text === 'object' && 'richText' in text && Array.isArray(text.richText)) {
    return (text.richText as { text: string }[]).map((part) => part.text).join('')
  }
  return value.hyperlink
}
