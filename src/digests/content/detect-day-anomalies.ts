/**
 * Days of the period whose revenue is far outside its usual range. "Usual" is the same weekday in the 8 weeks before
 * the day (8 values): a B2B distributor's Monday and Sunday differ several-fold, so a trailing 56-day window would
 * call every Sunday low and every weekday high. A day is flagged when its robust z-score against those 8 values is
 * at least 3 in size. The spread is floored at 5% of the usual level, so that a weekday with remarkably steady
 * sales does not flag an ordinary day; a weekday that had no sales at all in 8 weeks has no usual range and is never
 * flagged. Days without sales count as 0 (the semantic layer omits them).
 * One semantic-layer plan reads revenue by day from 56 days before the period to its end.
 */
import type { DigestAnomaly } from '../digest-contract.js'
import { toIsoDate, toNumber } from '../../charts/result-shape.js'
import { calendarDays } from '../../planner/calendar-days.js'
import type { PlanFilter } from '../../semantic/query-plan.js'
import type { DigestPeriod } from './compute-digest-period.js'
import type { DigestFormatter } from './digest-formatter.js'
import type { DigestQueries } from './digest-queries.js'
import { formatDigestWeekday } from './format-digest-dates.js'
import { median as medianOf, robustScore } from './robust-score.js'

export const anomalyThreshold = 3
export const baselineWeeks = 8
/** The spread's floor, as a share of the usual level. */
const minSpreadShare = 0.05

export async function detectDayAnomalies(queries: DigestQueries, period: DigestPeriod, filters: readonly PlanFilter[], format: DigestFormatter): Promise<DigestAnomaly[]> {
  const first = calendarDays.parse(period.current.start)!
  const last = calendarDays.parse(period.current.end)!
  const from = first - baselineWeeks * 7
  const result = await queries.runPlan({ metrics: ['revenue'], dimensions: ['day'], filters, timeRange: { start: calendarDays.format(from), end: period.current.end } })
  const revenue = new Map<number, number>()
  for (const row of result.rows) {
    const day = calendarDays.parse(toIsoDate(row.day) ?? '')
    if (day !== undefined) revenue.set(day, toNumber(row.revenue) ?? 0)
  }
  const on = (day: number) => revenue.get(day) ?? 0

  const anomalies: DigestAnomaly[] = []
  for (let day = first; day <= last; day++) {
    const baseline = Array.from({ length: baselineWeeks }, (_, k) => on(day - 7 * (k + 1)))
    const value = on(day)
    const { median, score } = robustScore(value, baseline, minSpreadShare * Math.abs(medianOf(baseline)))
    if (score === undefined || Math.abs(score) < anomalyThreshold) continue
    const iso = calendarDays.format(day)
    anomalies.push({ subject: iso, kind: 'day', value, expected: median, score, display: describe(iso, value, median, score, format) })
  }
  return anomalies
}

function describe(iso: string, value: number, usual: number, score: number, format: DigestFormatter): string {
  const when = formatDigestWeekday(iso, format.language)
  const size = format.times(Math.abs(score))
  if (format.language === 'pt') {
    return `${format.wholeMoney(value)} em ${when}, ${size} a variação usual ${score > 0 ? 'acima' : 'abaixo'} do típico de ${format.wholeMoney(usual)}`
  }
  return `${format.wholeMoney(value)} on ${when}, ${size} the usual spread ${score > 0 ? 'above' : 'below'} the typical ${format.wholeMoney(usual)}`
}
