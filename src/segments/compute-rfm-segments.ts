/**
 * Customer segments by RFM (recency, frequency, monetary value) over the semantic layer's revenue, run through the
 * SQL guard so a rep sees only the customers of their own orders and every run is audited. The grid that names the
 * segments is in rfm-segment-map.ts; the SQL in build-rfm-sql.ts.
 */
import { AppError } from '../errors/app-error.js'
import { calendarDays } from '../planner/calendar-days.js'
import type { Language } from '../semantic/semantic-model.js'
import type { GuardedSqlRunner, GuardedSqlSuccess, SqlPrincipal } from '../sql-guard/index.js'
import { buildRfmAtRiskSql, buildRfmSegmentsSql, type RfmSqlWindow } from './build-rfm-sql.js'
import { rfmSegmentIds, rfmSegments, type RfmSegmentId } from './rfm-segment-map.js'

export interface RfmRequest {
  readonly principal: SqlPrincipal
  /** 'YYYY-MM-DD' in the business time zone: the last day read and the day recency counts from. */
  readonly today: string
  /** How many months of orders up to today to read (default 24). */
  readonly lookbackMonths?: number
  /** Recorded in the query audit, e.g. 'chat', 'digest'. */
  readonly purpose?: string
  /** The user's question, when there was one (audit). */
  readonly question?: string
  /** The language of `notes` (default English); labels and descriptions come in both. */
  readonly language?: Language
}

export interface RfmSegmentSummary {
  readonly segment: RfmSegmentId
  readonly label: { readonly en: string; readonly pt: string }
  readonly customers: number
  readonly revenue: number
  /** Of the period's revenue, 0..1. */
  readonly share: number
  readonly description: { readonly en: string; readonly pt: string }
}

export interface AtRiskCustomer {
  readonly customerId: number
  readonly name: string
  readonly segment: RfmSegmentId
  readonly revenue: number
  readonly orders: number
  /** 'YYYY-MM-DD'. */
  readonly lastOrder: string
  readonly daysSinceLastOrder: number
}

export interface RfmResult {
  /** Every segment, in rfm-segment-map.ts's order (best customers first), including the empty ones. */
  readonly segments: readonly RfmSegmentSummary[]
  /** At Risk and Can't Lose Them customers, most revenue first, at most 20. */
  readonly atRisk: readonly AtRiskCustomer[]
  /** Customers with a completed order in the period (the sum of the segment sizes). */
  readonly customers: number
  readonly period: { readonly start: string; readonly end: string }
  /** The statements sent to the guard (segments, then the at-risk list). */
  readonly sql: string
  readonly notes: readonly string[]
}

export interface RfmSegmenter {
  segment(request: RfmRequest): Promise<RfmResult>
}

export const AT_RISK_LIST_SIZE = 20
const DEFAULT_LOOKBACK_MONTHS = 24

export function createRfmSegmenter(deps: { readonly runner: GuardedSqlRunner }): RfmSegmenter {
  return {
    async segment(request) {
      const window = lookbackWindow(request.today, request.lookbackMonths ?? DEFAULT_LOOKBACK_MONTHS)
      const segmentsSql = buildRfmSegmentsSql(window)
      const atRiskSql = buildRfmAtRiskSql(window, AT_RISK_LIST_SIZE)
      const audit = { principal: request.principal, purpose: request.purpose ?? 'segments', ...(request.question !== undefined ? { question: request.question } : {}) }
      const totals = succeeded(await deps.runner.run({ sql: segmentsSql, ...audit }))
      const listed = succeeded(await deps.runner.run({ sql: atRiskSql, ...audit }))

      const bySegment = new Map<string, { customers: number; revenue: number }>()
      for (const row of totals.rows) bySegment.set(String(row.segment), { customers: Number(row.customers), revenue: Number(row.revenue) })
      const customers = [...bySegment.values()].reduce((sum, s) => sum + s.customers, 0)
      const revenue = [...bySegment.values()].reduce((sum, s) => sum + s.revenue, 0)
      const segments = rfmSegmentIds.map((id): RfmSegmentSummary => {
        const found = bySegment.get(id) ?? { customers: 0, revenue: 0 }
        return {
          segment: id,
          label: rfmSegments[id].label,
          customers: found.customers,
          revenue: roundCents(found.revenue),
          share: revenue > 0 ? found.revenue / revenue : 0,
          description: rfmSegments[id].description,
        }
      })
      const atRisk = listed.rows.map((row): AtRiskCustomer => ({
        customerId: Number(row.customer_id),
        name: String(row.name),
        segment: String(row.segment) as RfmSegmentId,
        revenue: roundCents(Number(row.revenue)),
        orders: Number(row.orders),
        lastOrder: String(row.last_order),
        daysSinceLastOrder: Number(row.days_since_last_order),
      }))
      return {
        segments,
        atRisk,
        customers,
        period: window,
        sql: `${segmentsSql};\n\n${atRiskSql};`,
        notes: notesFor(request, customers, request.language ?? 'en'),
      }
    },
  }
}

function lookbackWindow(today: string, months: number): RfmSqlWindow {
  const end = calendarDays.parse(today)
  if (end === undefined) throw new AppError('bad_request', `"today" must be a date written YYYY-MM-DD, got "${today}".`, { today })
  if (!Number.isSafeInteger(months) || months < 1 || months > 120) {
    throw new AppError('bad_request', `The look-back must be a whole number of months from 1 to 120, got ${months}.`, { lookbackMonths: months })
  }
  // The N whole months up to today: 24 months to 2026-06-30 start on 2024-07-01.
  return { start: calendarDays.format(calendarDays.addMonths(end, -months) + 1), end: calendarDays.format(end) }
}

/** Our own SQL refused or failed is not the user's mistake: a timeout or load is transient, anything else a bug. */
function succeeded(result: Awaited<ReturnType<GuardedSqlRunner['run']>>): GuardedSqlSuccess {
  if (result.ok) return result
  const transient = result.code === 'timeout' || result.code === 'too_expensive'
  throw new AppError(
    transient ? 'not_ready' : 'internal',
    transient ? 'The customer segments took too long to compute; try again shortly.' : 'The customer segments could not be computed.',
    { guardCode: result.code, reason: result.reason },
  )
}

const roundCents = (value: number) => Math.round(value * 100) / 100

function notesFor(request: RfmRequest, customers: number, language: Language): string[] {
  const pt = language === 'pt'
  const months = request.lookbackMonths ?? DEFAULT_LOOKBACK_MONTHS
  const notes = [
    pt
      ? `Pedidos concluídos dos últimos ${months} meses; notas de 1 a 5 por quintil entre os ${customers} clientes que compraram no período (valores iguais, nota igual).`
      : `Completed orders of the last ${months} months; scores 1–5 by quintile among the ${customers} customers who bought in the period (equal figures, equal scores).`,
  ]
  if (request.principal.role === 'rep') notes.push(pt ? 'Só os seus pedidos e os clientes deles.' : 'Only your own orders and their customers.')
  if (customers > 0 && customers < 10) notes.push(pt ? 'Com menos de 10 clientes, os quintis dizem pouco.' : 'With fewer than 10 customers, quintiles say little.')
  return notes
}
