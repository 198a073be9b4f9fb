/**
 * Tables that do not fit in a message. Block Kit has no tables: up to 20 rows go in a code block of aligned
 * columns; longer ones go to the thread as a CSV file (raw values, headers in the reply's language).
 */
import type { ReplyTable } from '../../agents/agent-contract.js'

export const maxRowsInMessage = 20

const csvCell = (value: unknown): string => {
  if (value === null || value === undefined) return ''
  const text = value instanceof Date ? value.toISOString() : String(value)
  // A leading = + - @ would make a spreadsheet run the cell as a formula.
  const safe = /^[=+\-@\t\r]/.test(text) && !/^-?\d/.test(text) ? `'${text}` : text
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe
}

export function tableToCsv(table: ReplyTable): string {
  const header = table.columns.map((c) => csvCell(c.label)).join(',')
  const rows = table.rows.map((row) => table.columns.map((c) => csvCell(row[c.name])).join(','))
  return [header, ...rows].join('\r\n') + '\r\n'
}

/** Aligned columns (dimensions left, figures right) from the locale-formatted cells; not yet escaped. */
export function tableToAlignedText(table: ReplyTable, maxRows = maxRowsInMessage): string {
  const header = table.columns.map((c) => c.label)
  const shown = table.display.slice(0, maxRows).map((row) => row.map((cell) => (cell.length > 40 ? `${cell.slice(0, 39)}…` : cell)))
  const widths = header.map((h, i) => Math.max(h.length, ...shown.map((r) => (r[i] ?? '').length)))
  const numeric = table.columns.map((c) => c.role !== 'dimension')
  const pad = (text: string, i: number) => (numeric[i] ? text.padStart(widths[i]!) : text.padEnd(widths[i]!))
  return [header.map(pad).join('  '), widths.map((n) => '─'.repeat(n)).join('  '), ...shown.map((r) => r.map((c, i) => pad(c, i)).join('  '))].join('\n')
}
