/**
 * Decides which decimal mark a file uses by looking at its unambiguous numbers: `12,5` or `1.234,56` vote for the
 * comma (Brazilian style), `12.5` or `1,234.56` for the dot. Ties fall back to the caller's guess (a `;`-delimited
 * CSV is a Brazilian Excel export, so `,`).
 */
import type { DecimalSeparator } from './parse-import-number.js'

export function detectDecimalSeparator(samples: Iterable<string>, fallback: DecimalSeparator): DecimalSeparator {
  let comma = 0
  let dot = 0
  for (const sample of samples) {
    const text = sample.replace(/[^\d.,]/g, '')
    if (/\d,\d{1,2}$/.test(text) || /\d,\d{4,}$/.test(text) || /\.\d{3},\d/.test(text)) comma++
    else if (/\d\.\d{1,2}$/.test(text) || /\d\.\d{4,}$/.test(text) || /,\d{3}\.\d/.test(text)) dot++
  }
  if (comma === dot) return fallback
  return comma > dot ? ',' : '.'
}
