/**
 * An eval report for people (a summary, accuracy per language and per tag, then every failure with its reason and
 * the SQL the answer ran) or for machines (JSON, the report as is).
 */
import type { AccuracyBucket, EvalReport } from './run-evals.js'

export interface FormatEvalReportOptions {
  /** Named in the heading, e.g. 'core'. */
  readonly suite?: string
  /** Failures listed at most (the rest are counted); all by default. */
  readonly maxFailures?: number
}

const percent = (fraction: number) => `${(fraction * 100).toFixed(1)}%`
const ms = (value: number) => `${Math.round(value)} ms`

function table(title: string, buckets: Readonly<Record<string, AccuracyBucket>>): string[] {
  const names = Object.keys(buckets)
  if (names.length === 0) return []
  const width = Math.max(title.length, ...names.map((n) => n.length))
  const lines = [`${title.padEnd(width)}  cases  passed  accuracy`]
  for (const name of names) {
    const b = buckets[name]!
    lines.push(`${name.padEnd(width)}  ${String(b.total).padStart(5)}  ${String(b.passed).padStart(6)}  ${percent(b.accuracy).padStart(8)}`)
  }
  return lines
}

export function formatEvalReport(report: EvalReport, format: 'text' | 'json' = 'text', options: FormatEvalReportOptions = {}): string {
  if (format === 'json') return JSON.stringify(report, null, 2)

  const lines: string[] = []
  lines.push(`Eval${options.suite ? ` ${options.suite}` : ''}: ${report.passed}/${report.total} passed, accuracy ${percent(report.accuracy)}`)
  lines.push(`started ${report.startedAt}, finished ${report.finishedAt}`)
  lines.push(`answer latency p50 ${ms(report.latencyMs.p50)}, p95 ${ms(report.latencyMs.p95)}, max ${ms(report.latencyMs.max)}`)
  lines.push('')
  lines.push(...table('language', report.byLanguage))
  lines.push('')
  lines.push(...table('tag', report.byTag))

  const failures = report.cases.filter((c) => !c.passed)
  lines.push('')
  if (failures.length === 0) {
    lines.push('No failures.')
  } else {
    const shown = failures.slice(0, options.maxFailures ?? failures.length)
    lines.push(`Failures (${failures.length}):`)
    for (const failure of shown) {
      lines.push(`- ${failure.id} [${failure.lang}] ${failure.question}`)
      lines.push(`    ${failure.reason ?? 'failed'}`)
      if (failure.sql) lines.push(`    sql: ${failure.sql.replace(/\s+/g, ' ').trim()}`)
    }
    if (shown.length < failures.length) lines.push(`... and ${failures.length - shown.length} more`)
  }
  return `${lines.join('\n')}\n`
}
