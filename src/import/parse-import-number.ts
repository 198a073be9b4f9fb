/**
 * Reads a number written the way spreadsheets and people write them: `1234.56`, `1.234,56`, `R$ 1.234,56`,
 * `1,234.56`, `-5`, `(5)` (accounting negative), `1 234,56`, `1E+05`.
 *
 * With both separators present the last one is the decimal mark. A separator repeated (`1.234.567`) groups
 * thousands. A single separator followed by exactly three digits (`1.234`, `1,500`) is genuinely ambiguous; it is
 * read with the file's decimal mark (see detectDecimalSeparator) and flagged `ambiguous` so the report can say so.
 */
import type { ImportCell } from './import-table.js'
import { parsed, rejected, type ParseResult } from './parse-result.js'

export type DecimalSeparator = ',' | '.'

export interface ParsedNumber {
  value: number
  /** True when a lone `.`/`,` before three digits had to be interpreted using the file's decimal mark. */
  ambiguous: boolean
}

const currencyPrefix = /^(?:R\$|US\$|\$|€|£|BRL|USD|EUR)/i
const currencySuffix = /(?:R\$|BRL|USD|EUR)$/i
const notANumber = 'is not a number'

export function parseImportNumber(cell: ImportCell, decimalSeparator: DecimalSeparator = '.'): ParseResult<ParsedNumber> {
  if (typeof cell === 'number') return Number.isFinite(cell) ? parsed({ value: cell, ambiguous: false }) : rejected(notANumber)
  if (typeof cell !== 'string') return rejected(notANumber)

  let text = cell.replace(/[\s\u00a0\u2007\u202f]/g, '').replace(/\u2212/g, '-')
  let negative = false
  const accounting = /^\((.*)\)$/.exec(text)
  if (accounting) {
    negative = true
    text = accounting[1]!
  }
  for (let pass = 0; pass < 2; pass++) {
    if (text.startsWith('-')) {
      negative = !negative
      text = text.slice(1)
    } else if (text.startsWith('+')) {
      text = text.slice(1)
    }
    text = text.replace(currencyPrefix, '').replace(currencySuffix, '')
  }
  if (text === '') return rejected(notANumber)

  if (/^\d+(?:\.\d+)?e[+-]?\d+$/i.test(text)) return finish(Number(text), negative, false)
  if (!/^[\d.,]+$/.test(text) || !/\d/.test(text)) return rejected(notANumber)

  const dots = count(text, '.')
  const commas = count(text, ',')
  if (dots > 0 && commas > 0) {
    const decimal: DecimalSeparator = text.lastIndexOf('.') > text.lastIndexOf(',') ? '.' : ','
    const thousands = decimal === '.' ? ',' : '.'
    if (count(text, decimal) > 1) return rejected(notANumber)
    const [whole = '', fraction = ''] = text.split(decimal)
    if (!isGrouped(whole, thousands) || fraction === '') return rejected(notANumber)
    return finish(Number(`${whole.split(thousands).join('')}.${fraction}`), negative, false)
  }

  const separator = dots > 0 ? '.' : commas > 0 ? ',' : null
  if (separator === null) return finish(Number(text), negative, false)
  if (count(text, separator) > 1) {
    return isGrouped(text, separator) ? finish(Number(text.split(separator).join('')), negative, false) : rejected(notANumber)
  }
  const [whole = '', fraction = ''] = text.split(separator)
  if (fraction === '') return rejected(notANumber)
  const ambiguous = fraction.length === 3 && /^[1-9]\d{0,2}$/.test(whole)
  if (ambiguous && separator !== decimalSeparator) return finish(Number(`${whole}${fraction}`), negative, true)
  return finish(Number(`${whole === '' ? '0' : whole}.${fraction}`), negative, ambiguous)
}

/** `1.234.567` with `.` grouping: a first group of 1–3 digits, then groups of exactly 3. */
function isGrouped(text: string, separator: string): boolean {
  const groups = text.split(separator)
  return /^\d{1,3}$/.test(groups[0] ?? '') && groups.slice(1).every((g) => /^\d{3}$/.test(g))
}

function count(text: string, char: string): number {
  return text.split(char).length - 1
}

function finish(value: number, negative: boolean, ambiguous: boolean): ParseResult<ParsedNumber> {
  if (!Number.isFinite(value)) return rejected(notANumber)
  return parsed({ value: negative && value !== 0 ? -value : value, ambiguous })
}
