/**
 * The sales target of a span of whole months, through the semantic layer's `target` metric and the SQL guard, at the
 * series' scope: the company's, a region's or a rep's (targets exist for nothing else). A rep asking about their own
 * sales is compared with their own target. Months without a target are reported, not read as a target of zero.
 */
import { compilePlan } from '../semantic/compile-plan.js'
import type { GuardedSqlRunner, SqlPrincipal } from '../sql-guard/index.js'
import { periodsBetween } from './forecast-grain.js'
import type { ForecastFilter } from './forecast-request.js'

export type TargetLookup =
  | { readonly found: true; readonly amount: number; readonly sql: string }
  | { readonly found: false; readonly reason: string }

export interface FetchTargetRequest {
  readonly filter?: ForecastFilter
  readonly principal: SqlPrincipal
  /** First and last day of whole months. */
  readonly start: string
  readonly end: string
  readonly purpose?: string
  readonly question?: string
}

export async function fetchTarget(runner: GuardedSqlRunner, request: FetchTargetRequest): Promise<TargetLookup> {
  const { principal } = request
  let filter = request.filter
  if (filter && filter.dimension !== 'region' && filter.dimension !== 'rep') {
    return { found: false, reason: `Targets are set for the company, regions and reps, not per ${filter.dimension}.` }
  }
  if (principal.role === 'rep') {
    // A rep's history is their own sales: only their own target measures it.
    if (filter && !(filter.dimension === 'rep' && filter.value === principal.repId)) {
      return { found: false, reason: "A rep's forecast is compared only with their own target." }
    }
    filter = { dimension: 'rep', value: principal.repId!, label: filter?.label ?? `rep ${principal.repId}` }
  }
  const plan = {
    metrics: ['target' as const],
    dimensions: ['month' as const],
    filters: filter ? [{ dimension: filter.dimension, values: [filter.value], labels: [filter.label] }] : [],
    timeRange: { start: request.start, end: request.end },
  }
  const compiled = compilePlan(plan)
  const result = await runner.run({ sql: compiled.sql, principal, purpose: request.purpose ?? 'forecast', ...(request.question ? { question: request.question } : {}) })
  if (!result.ok) return { found: false, reason: `The target could not be read: ${result.reason}` }
  const byMonth = new Map(result.rows.map((row) => [String(row.month).slice(0, 10), row.target === null || row.target === undefined ? null : Number(row.target)]))
  const months = periodsBetween(request.start, request.end, 'month')
  const missing = months.filter((m) => byMonth.get(m) === null || byMonth.get(m) === undefined)
  if (missing.length === months.length) return { found: false, reason: `No target is set for ${request.start} to ${request.end}.` }
  if (missing.length > 0) return { found: false, reason: `No target is set for ${missing.map((m) => m.slice(0, 7)).join(', ')}, so attainment of the whole period is not computed.` }
  return { found: true, amount: months.reduce((s, m) => s + byMonth.get(m)!, 0), sql: compiled.sql }
}
