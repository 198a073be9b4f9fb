/**
 * Reads a sale date from a cell: ISO `2025-03-14`, Brazilian `14/03/2025` (day first, also `14-03-2025`, `14.03.2025`
 * and `14/03/25`), compact `20250314`, an Excel date cell, or an Excel serial number (`45730`). A time after the
 * date is ignored. Dates outside [earliest, today] are refused as likely typos. Returns `YYYY-MM-DD`.
 */
import type { ImportCell } from './import-table.js'
import { parsed, rejected, type ParseResult } from './parse-result.js'

export interface DateBounds {
  /** Inclusive, `YYYY-MM-DD`. */
  earliest: string
  /** Inclusive, `YYYY-MM-DD`: no sale can be dated after today. */
  latest: string
}

const excelEpochMs = Date.UTC(1899, 11, 30)
const dayMs = 86_400_000
const hint = 'use a date like 2025-03-14 or 14/03/2025'

export function parseImportDate(cell: ImportCell, bounds: DateBounds): ParseResult<string> {
  const date = readDate(cell)
  if (!date.ok) return date
  if (date.value < bounds.earliest) return rejected(`is before ${bounds.earliest}; that looks like a typo`)
  if (date.value > bounds.latest) return rejected(`is in the future (today is ${bounds.latest})`)
  return date
}

function readDate(cell: ImportCell): ParseResult<string> {
  if (cell instanceof Date) {
    return Number.isNaN(cell.getTime()) ? rejected('is not a valid date') : parsed(cell.toISOString().slice(0, 10))
  }
  if (typeof cell === 'number') return fromSerial(cell)
  if (typeof cell !== 'string') return rejected(`is not a date; ${hint}`)
  const text = cell.trim()

  let m = /^(\d{4})[-/](\d{1,2})[-/](\d{1,2})(?:[T\s].*)?$/.exec(text)
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]))

  m = /^(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}|\d{2})(?:\s.*)?$/.exec(text)
  if (m) {
    const year = m[3]!.length === 2 ? 2000 + Number(m[3]) : Number(m[3])
    const result = fromParts(year, Number(m[2]), Number(m[1]))
    if (!result.ok && Number(m[2]) > 12 && Number(m[1]) <= 12) {
      return rejected('is not a valid date; dates are read day first (dd/mm/yyyy), so the month cannot be above 12')
    }
    return result
  }

  m = /^(\d{4})(\d{2})(\d{2})$/.exec(text)
  if (m) return fromParts(Number(m[1]), Number(m[2]), Number(m[3]))

  if (/^\d{5}(?:[.,]\d+)?$/.test(text)) return fromSerial(Number(text.replace(',', '.')))
  return rejected(`is not a date; ${hint}`)
}

function fromSerial(serial: number): ParseResult<string> {
  // Serial 1 is 1900-01-01; 2958465 is 9999-12-31, the largest date Excel knows.
  if (!Number.isFinite(serial) || serial < 1 || serial >= 2_958_466) return rejected(`is not a date; ${hint}`)
  return parsed(new Date(excelEpochMs + Math.floor(serial) * dayMs).toISOString().slice(0, 10))
}

function fromParts(year: number, month: number, day: number): ParseResult<string> {
  const date = new Date(Date.UTC(year, month - 1, day))
  if (year < 1000 || date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    return rejected('is not a valid calendar date')
  }
  return parsed(date.toISOString().slice(0, 10))
}
