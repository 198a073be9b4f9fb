/**
 * One spreadsheet row as a sentence-like line: "Product: Notebook Pro 14; List price: 7,499.00". Pairing every value
 * with its header keeps a row meaningful on its own, in whichever chunk it lands.
 */
import { cleanLine } from '../clean-text.js'

export function spreadsheetRowText(headers: readonly string[], cells: readonly string[]): string {
  const pairs: string[] = []
  for (let column = 0; column < cells.length; column++) {
    const value = cleanLine(cells[column] ?? '')
    if (value === '') continue
    const header = cleanLine(headers[column] ?? '') || `Column ${column + 1}`
    pairs.push(`${header}: ${value}`)
  }
  return pairs.join('; ')
}
