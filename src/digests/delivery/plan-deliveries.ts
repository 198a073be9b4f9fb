/**
 * Which fire times become posts. A fire time within the grace window is on time and posted. Older ones were missed
 * (the service was down): under 'skip' they are recorded as skipped; under 'post_late' the most recent missed one is
 * posted late and the older ones skipped — after any downtime at most one late post per schedule, never a flood.
 */
import type { LatePolicy } from '../digest-contract.js'

export interface PlannedDelivery {
  readonly fireAt: Date
  readonly status: 'pending' | 'skipped'
  readonly late: boolean
}

export interface PlanInput {
  /** Fire times in (watermark, now], oldest first. */
  readonly fireTimes: readonly Date[]
  readonly now: Date
  readonly graceMs: number
  readonly latePolicy: LatePolicy
  /**
   * False when the fire times were cut at a limit and more follow before `now`: then none of the missed ones is the
   * most recent, and all are skipped (the next tick sees the rest).
   */
  readonly complete: boolean
}

export function planDeliveries(input: PlanInput): PlannedDelivery[] {
  const missedBefore = input.now.getTime() - input.graceMs
  const missed = input.fireTimes.filter((t) => t.getTime() < missedBefore)
  const lateOne = input.latePolicy === 'post_late' && input.complete ? missed.at(-1) : undefined
  return input.fireTimes.map((fireAt) => {
    if (fireAt.getTime() >= missedBefore) return { fireAt, status: 'pending', late: false }
    return fireAt === lateOne ? { fireAt, status: 'pending', late: true } : { fireAt, status: 'skipped', late: false }
  })
}
