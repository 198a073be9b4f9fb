/**
 * Text widths for Vega's layout when no canvas is installed. Vega's fallback guesses 0.8 em per character — about 60%
 * too wide for Liberation Sans — which pads every chart with empty space and cuts labels early. Liberation Sans is
 * metric-compatible with Arial, so Arial's advance widths give Vega the real sizes. Vega documents replacing
 * `textMetrics.width` for exactly this (vl-convert does the same).
 */
import * as vega from 'vega'

/** Arial advance widths in thousandths of an em, for ' ' (32) to '~' (126). */
const ascii = [
  278, 278, 355, 556, 556, 889, 667, 191, 333, 333, 389, 584, 278, 333, 278, 278, 556, 556, 556, 556, 556, 556, 556, 556, 556, 556, 278, 278, 584, 584, 584, 556,
  1015, 667, 667, 722, 722, 667, 611, 778, 722, 278, 500, 667, 556, 833, 722, 778, 667, 778, 722, 667, 611, 722, 667, 944, 667, 667, 611, 278, 278, 278, 469, 556,
  333, 556, 556, 500, 556, 556, 278, 556, 556, 222, 222, 500, 222, 833, 556, 556, 556, 556, 333, 500, 278, 556, 500, 722, 500, 500, 500, 334, 260, 334, 584,
]
const wide: Record<string, number> = { '—': 1000, '–': 556, '−': 584, '×': 584, 'º': 365, 'ª': 370, '€': 556, '…': 1000, '\u00a0': 278 }
const boldFactor = 1.08

function charWidth(char: string): number {
  const known = wide[char]
  if (known !== undefined) return known
  // Accented letters are as wide as their base letter ("ã" as "a").
  const base = char.normalize('NFD').charCodeAt(0)
  return base >= 32 && base <= 126 ? ascii[base - 32]! : 556
}

export function textWidth(text: string, fontSize: number, bold = false): number {
  let thousandths = 0
  for (const char of text) thousandths += charWidth(char)
  return (thousandths / 1000) * fontSize * (bold ? boldFactor : 1)
}

/** The slice of vega-scenegraph's text metrics we replace (not in vega's type declarations). */
interface TextMetricsSlice {
  width: (item: { fontSize?: number; fontWeight?: string | number; limit?: number }, text: unknown) => number
}

let installed = false

/** Installs the Arial-metric widths in Vega once; rendering calls it, so importing this module changes nothing. */
export function useArialTextMetrics(): void {
  if (installed) return
  const metrics = (vega as unknown as { textMetrics?: TextMetricsSlice }).textMetrics
  if (!metrics) return
  metrics.width = (item, text) => {
    const size = item.fontSize ?? 11
    const weight = item.fontWeight
    const bold = weight === 'bold' || (typeof weight === 'number' && weight >= 600)
    return textWidth(text === null || text === undefined ? '' : String(text).trim(), size, bold)
  }
  installed = true
}
