/**
 * A RAG eval report for people: the headline metrics, a table per language, per document and per tag, then every miss
 * with the passage it needed and the documents the search returned instead (what one looks at to fix retrieval).
 */
import type { RagEvalReport, RagMetrics } from './rag-eval-suite.js'

export interface FormatRagReportOptions {
  /** Misses listed at most (the rest are counted); all by default. */
  readonly maxMisses?: number
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`
const ms = (value: number) => `${Math.round(value)} ms`

function table(title: string, buckets: Readonly<Record<string, RagMetrics>>, k: number): string[] {
  const names = Object.keys(buckets)
  if (names.length === 0) return []
  const columns = ['cases', 'hits', 'recall@1', `recall@${k}`, `MRR@${k}`]
  const width = Math.max(title.length, ...names.map((n) => n.length))
  const row = (name: string, cells: readonly string[]) => `${name.padEnd(width)}  ${cells.map((cell, i) => cell.padStart(columns[i]!.length)).join('  ')}`.trimEnd()
  const lines = [row(title, columns)]
  for (const name of names) {
    const b = buckets[name]!
    lines.push(row(name, [String(b.cases), String(b.hits), percent(b.recallAt1), percent(b.recallAtK), b.mrrAtK.toFixed(3)]))
  }
  return lines
}

export function formatRagReport(report: RagEvalReport, options: FormatRagReportOptions = {}): string {
  const { k } = report
  const lines: string[] = []
  lines.push(`RAG retrieval eval: ${report.hits}/${report.cases} found in the top ${k}, recall@${k} ${percent(report.recallAtK)}, recall@1 ${percent(report.recallAt1)}, MRR@${k} ${report.mrrAtK.toFixed(3)}`)
  lines.push(`search latency p50 ${ms(report.latencyMs.p50)}, p95 ${ms(report.latencyMs.p95)}, max ${ms(report.latencyMs.max)}`)
  for (const [title, buckets] of [['language', report.byLanguage], ['document', report.byDocument], ['tag', report.byTag]] as const) {
    const rows = table(title, buckets, k)
    if (rows.length > 0) lines.push('', ...rows)
  }

  const misses = report.results.filter((r) => r.rank === null)
  lines.push('')
  if (misses.length === 0) {
    lines.push('No misses.')
  } else {
    const shown = misses.slice(0, options.maxMisses ?? misses.length)
    lines.push(`Misses (${misses.length}):`)
    for (const miss of shown) {
      lines.push(`- ${miss.id} [${miss.language}] ${miss.question}`)
      lines.push(`    expected ${miss.document}: "${miss.passage}"`)
      if (miss.error !== undefined) lines.push(`    search threw: ${miss.error}`)
      else if (miss.documentRank !== null) lines.push(`    ${miss.document} came at rank ${miss.documentRank}, but not with that passage`)
      const top3 = miss.topFileNames.slice(0, 3)
      lines.push(`    top 3: ${top3.length > 0 ? top3.join(', ') : '(nothing returned)'}`)
    }
    if (shown.length < misses.length) lines.push(`... and ${misses.length - shown.length} more`)
  }
  return `${lines.join('\n')}\n`
}
