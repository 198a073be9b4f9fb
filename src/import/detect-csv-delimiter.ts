/**
 * Picks the delimiter of a CSV from its first non-blank line: whichever of `,`, `;` and tab occurs most often
 * outside quotes. Brazilian Excel writes `;` because `,` is the decimal mark there. Defaults to `,`.
 */
export type CsvDelimiter = ',' | ';' | '\t'

export function detectCsvDelimiter(text: string): CsvDelimiter {
  const firstLine = firstNonBlankLine(text)
  const counts: Record<CsvDelimiter, number> = { ',': 0, ';': 0, '\t': 0 }
  let inQuotes = false
  for (const char of firstLine) {
    if (char === '"') inQuotes = !inQuotes
    else if (!inQuotes && (char === ',' || char === ';' || char === '\t')) counts[char]++
  }
  const best = (Object.entries(counts) as [CsvDelimiter, number][]).reduce((a, b) => (b[1] > a[1] ? b : a))
  return best[1] > 0 ? best[0] : ','
}

function firstNonBlankLine(text: string): string {
  let inQuotes = false
  let start = 0
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '"') inQuotes = !inQuotes
    else if (!inQuotes && (char === '\n' || char === '\r')) {
      const line = text.slice(start, i)
      if (line.trim() !== '') return line
      start = i + 1
    }
  }
  return text.slice(start)
}
