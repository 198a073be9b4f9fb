/**
 * The current period's expected total: what was sold so far plus the forecast of the rest. The span is the quarter
 * for monthly forecasts (the month when the forecast stops before the quarter ends), the month for daily ones (or
 * today), the week for weekly ones. The rest of the current, partial period counts for its remaining share of days;
 * the interval of the sum comes from the chosen model's backtest errors of the same weighted sum.
 */
import { addPeriods, periodLabel, periodLastDay, periodStart, quarterOf, type ForecastGrain } from './forecast-grain.js'
import type { ErrorBounds } from './prediction-intervals.js'

export interface PeriodSpan {
  readonly start: string
  readonly end: string
  readonly label: string
}

export interface PeriodEndExpectation {
  readonly period: PeriodSpan
  readonly actualToDate: number
  readonly expected: number
  readonly lo80: number
  readonly hi80: number
  readonly lo95: number
  readonly hi95: number
}

/** The span the expectation is about, given the last forecast period's start. */
export function reportingSpan(today: string, grain: ForecastGrain, lastForecastPeriod: string): PeriodSpan {
  const lastDay = periodLastDay(lastForecastPeriod, grain)
  const own = periodStart(today, grain)
  const ownSpan = { start: own, end: periodLastDay(own, grain), label: periodLabel(own, grain) }
  if (grain === 'week') return ownSpan
  const wider = grain === 'month' ? quarterOf(today) : { start: periodStart(today, 'month'), end: periodLastDay(periodStart(today, 'month'), 'month'), label: periodLabel(periodStart(today, 'month'), 'month') }
  return lastDay >= wider.end ? wider : ownSpan
}

export interface PeriodEndInput {
  readonly span: PeriodSpan
  readonly grain: ForecastGrain
  /** Complete periods of the history (start, value). */
  readonly complete: readonly { readonly period: string; readonly value: number }[]
  /** The current period: its start, the actual so far and the share of its days still to come. */
  readonly current: { readonly period: string; readonly actualToDate: number; readonly remaining: number }
  /** Full-period point forecasts from the current period on. */
  readonly points: readonly number[]
  readonly sumBounds: (weights: readonly number[]) => ErrorBounds
}

export function expectPeriodEnd(input: PeriodEndInput): PeriodEndExpectation {
  const { span, grain, current, points } = input
  const before = input.complete.filter((p) => p.period >= span.start && p.period <= span.end).reduce((s, p) => s + p.value, 0)
  const actualToDate = before + current.actualToDate
  const weights: number[] = []
  for (let step = 0, period = current.period; step < points.length && period <= span.end; step++, period = addPeriods(period, grain, 1)) {
    weights.push(step === 0 ? current.remaining : 1)
  }
  const expected = actualToDate + weights.reduce((s, w, h) => s + w * points[h]!, 0)
  const b = input.sumBounds(weights)
  // What was sold is sold: the total cannot end below it.
  const floor = (v: number) => Math.max(actualToDate, v)
  return { period: span, actualToDate, expected, lo80: floor(expected + b.lo80), hi80: expected + b.hi80, lo95: floor(expected + b.lo95), hi95: expected + b.hi95 }
}
