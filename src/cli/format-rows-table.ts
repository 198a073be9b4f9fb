/** Rows as an aligned plain-text table for the terminal. */
export function formatRowsTable(rows: readonly Record<string, unknown>[], columns: readonly string[], options: { truncated?: boolean; maxRows?: number } = {}): string {
  const max = options.maxRows ?? 200
  const text = (value: unknown): string => (value === null || value === undefined ? 'NULL' : value instanceof Date ? value.toISOString() : typeof value === 'object' ? JSON.stringify(value) : String(value))
  const shown = rows.slice(0, max).map((row) => columns.map((c) => text(row[c])))
  const widths = columns.map((c, i) => Math.min(60, Math.max(c.length, ...shown.map((r) => r[i]!.length))))
  const cut = (value: string, width: number) => (value.length > width ? `${value.slice(0, width - 1)}…` : value.padEnd(width))
  const lines = [columns.map((c, i) => cut(c, widths[i]!)).join(' | '), widths.map((w) => '-'.repeat(w)).join('-+-'), ...shown.map((r) => r.map((v, i) => cut(v, widths[i]!)).join(' | '))]
  const footer = `(${rows.length} row${rows.length === 1 ? '' : 's'}${rows.length > max ? `, ${max} shown` : ''}${options.truncated ? '; cut at the row limit' : ''})`
  return [...lines, footer].join('\n')
}
