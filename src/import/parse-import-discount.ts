/**
 * Reads a discount as a fraction of the line: `10%` → 0.1; a plain number below 1 is already a fraction (`0.1`);
 * a plain number from 1 to 100 is a percentage (`10` → 0.1, and `1` → 0.01). Anything outside 0–100% is refused.
 * The result is rounded to 4 decimals (the column is numeric(5,4)).
 */
import type { ImportCell } from './import-table.js'
import { parseImportNumber, type DecimalSeparator, type ParsedNumber } from './parse-import-number.js'
import { parsed, rejected, type ParseResult } from './parse-result.js'

export function parseImportDiscount(cell: ImportCell, decimalSeparator: DecimalSeparator = '.'): ParseResult<ParsedNumber> {
  const isPercent = typeof cell === 'string' && /%\s*$/.test(cell)
  const number = parseImportNumber(isPercent ? (cell as string).replace(/%\s*$/, '') : cell, decimalSeparator)
  if (!number.ok) return rejected('is not a discount; write it as 10%, 10 or 0.1')
  const { value, ambiguous } = number.value
  if (value < 0) return rejected('is negative; a discount must be between 0% and 100%')
  const fraction = isPercent || value >= 1 ? value / 100 : value
  if (fraction > 1) return rejected('is above 100%; a discount must be between 0% and 100%')
  return parsed({ value: Math.round(fraction * 10_000) / 10_000, ambiguous })
}
