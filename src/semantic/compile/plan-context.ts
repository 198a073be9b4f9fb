/**
 * What every part of the compiler needs to know about a validated plan: its breakdown keys, the attributes it groups
 * or filters by, and its periods (the main range and the comparison), with the periods of a time breakdown lined up.
 *
 * Lining up a comparison with a time breakdown: the k-th period of the comparison range is compared with the k-th
 * period of the main range (same_period_last_year: month M with month M − 12; previous_period: the periods just
 * before). Comparison periods are shifted forward onto the main range's periods and keyed by the main period's first
 * day; comparison periods that would land after the main range's last period are left out.
 */
import type { QueryPlan } from '../query-plan.js'
import { dimensions, timeDimensionIds, type DimensionId, type TimeDimensionId } from '../semantic-model.js'
import { periodCalendar } from './period-calendar.js'
import type { SalesAttribute } from './sales-sources.js'

export interface PlanKey {
  readonly dimension: DimensionId
  /** Column name of the key inside the compiled SQL: k1 for the first breakdown, k2 for the second. */
  readonly column: 'k1' | 'k2'
  readonly kind: 'time' | 'entity' | 'attribute'
}

export interface PlanBucket {
  /** First day of the period in this range. */
  readonly start: number
  /** The key it is reported under: its own first day, or the main range period it is compared with. */
  readonly key: number
  /** Its last day within the range (the range end for a period the range ends inside). */
  readonly end: number
}

export interface PlanPeriod {
  /** 0: the main range; 1: the comparison range. */
  readonly index: 0 | 1
  readonly start: number
  /** Last day read: the range end, or earlier when comparison periods beyond the main range are left out. */
  readonly end: number
  /** Periods of the time breakdown to move forward so they line up with the main range (0 for the main range). */
  readonly shift: number
  /** The periods of the time breakdown in this range; one bucket for the whole range without a time breakdown. */
  readonly buckets: readonly PlanBucket[]
}

export interface PlanContext {
  readonly plan: QueryPlan
  readonly keys: readonly PlanKey[]
  readonly timeKey: (PlanKey & { readonly unit: TimeDimensionId }) | undefined
  /** Non-time breakdowns, in plan order. */
  readonly entityKeys: readonly PlanKey[]
  /** Every attribute grouped or filtered by (time excluded). */
  readonly attributes: ReadonlySet<SalesAttribute>
  /** Only completed orders count, unless the plan filters or breaks down by status. */
  readonly completedOnly: boolean
  readonly periods: readonly PlanPeriod[]
}

const isTime = (d: DimensionId): d is TimeDimensionId => (timeDimensionIds as readonly string[]).includes(d)

export function buildPlanContext(plan: QueryPlan): PlanContext {
  const keys: PlanKey[] = plan.dimensions.map((dimension, i) => ({
    dimension,
    column: i === 0 ? 'k1' : 'k2',
    kind: dimensions[dimension].kind,
  }))
  const time = keys.find((k) => isTime(k.dimension))
  const timeKey = time ? { ...time, unit: time.dimension as TimeDimensionId } : undefined
  const attributes = new Set<SalesAttribute>()
  for (const k of keys) if (!isTime(k.dimension)) attributes.add(k.dimension as SalesAttribute)
  for (const f of plan.filters) attributes.add(f.dimension)

  const mainStart = periodCalendar.parse(plan.timeRange.start)!
  const mainEnd = periodCalendar.parse(plan.timeRange.end)!
  const periods: PlanPeriod[] = [period(0, mainStart, mainEnd, timeKey?.unit, mainStart, mainEnd)]
  if (plan.comparison) {
    const start = periodCalendar.parse(plan.comparison.range.start)!
    const end = periodCalendar.parse(plan.comparison.range.end)!
    periods.push(period(1, start, end, timeKey?.unit, mainStart, mainEnd))
  }
  return {
    plan,
    keys,
    timeKey,
    entityKeys: keys.filter((k) => !isTime(k.dimension)),
    attributes,
    completedOnly: !attributes.has('status'),
    periods,
  }
}

function period(index: 0 | 1, start: number, end: number, unit: TimeDimensionId | undefined, mainStart: number, mainEnd: number): PlanPeriod {
  if (!unit) return { index, start, end, shift: 0, buckets: [{ start, key: start, end }] }
  const cal = periodCalendar
  const shift = cal.periodNumber(mainStart, unit) - cal.periodNumber(start, unit)
  // The last period of this range that still lands on a period of the main range.
  const lastKept = cal.addPeriods(cal.periodStart(mainEnd, unit), unit, -shift)
  const keptEnd = Math.min(end, cal.addPeriods(lastKept, unit, 1) - 1)
  const buckets = cal.periodsBetween(start, keptEnd, unit).map((first) => ({
    start: first,
    key: cal.addPeriods(first, unit, shift),
    end: Math.min(cal.addPeriods(first, unit, 1) - 1, keptEnd),
  }))
  return { index, start, end: keptEnd, shift, buckets }
}
