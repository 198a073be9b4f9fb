/**
 * The tick: turns the fire times that came due since each schedule's watermark into deliveries and jobs. Any number
 * of app instances may tick at once. Each schedule is handled in one transaction that locks its row (so instances take
 * turns on it), inserts its fire times — unique on (schedule, fire time), so a fire time is recorded once whatever
 * races — enqueues a job only for the rows this transaction inserted, and moves the watermark. Rows, jobs and
 * watermark commit together, or none of them does.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Logger } from '../../logging/logger.js'
import { nextFireTimes } from '../schedule/cron-schedule.js'
import { insertDigestDelivery } from './digest-delivery.repository.js'
import type { DigestQueue } from './digest-queue.js'
import { planDeliveries } from './plan-deliveries.js'

export interface TickReport {
  /** Deliveries enqueued to be posted (on time or late). */
  readonly enqueued: number
  /** Missed fire times recorded as skipped. */
  readonly skipped: number
}

export interface ScheduleTickerDeps {
  readonly db: Kysely<Database>
  readonly queue: DigestQueue
  readonly clock: () => Date
  readonly logger: Logger
  /** A fire time older than this when the tick sees it was missed (the service was down): the late policy applies. */
  readonly graceSeconds: number
  /** Fire times handled per schedule and tick; a longer backlog is worked through over the next ticks. */
  readonly maxFireTimesPerTick?: number
}

const none: TickReport = { enqueued: 0, skipped: 0 }

export function createScheduleTicker(deps: ScheduleTickerDeps): () => Promise<TickReport> {
  const log = deps.logger.child({ component: 'digest-tick' })
  const limit = deps.maxFireTimesPerTick ?? 500

  async function tickSchedule(scheduleId: number, now: Date): Promise<TickReport> {
    return deps.db.transaction().execute(async (trx) => {
      const schedule = await trx
        .selectFrom('digest_schedules')
        .select(['id', 'cron', 'time_zone', 'late_policy', 'last_evaluated_at'])
        .where('id', '=', scheduleId)
        .where('enabled', '=', true)
        .forUpdate()
        .executeTakeFirst()
      // Gone, disabled, or another instance already moved the watermark past now while we waited for the lock.
      if (!schedule || schedule.last_evaluated_at.getTime() >= now.getTime()) return none
      const found = nextFireTimes(schedule.cron, schedule.time_zone, schedule.last_evaluated_at, now, limit + 1)
      const complete = found.length <= limit
      const fireTimes = found.slice(0, limit)
      let enqueued = 0
      let skipped = 0
      for (const planned of planDeliveries({ fireTimes, now, graceMs: deps.graceSeconds * 1000, latePolicy: schedule.late_policy, complete })) {
        const deliveryId = await insertDigestDelivery(trx, { scheduleId, fireAt: planned.fireAt, status: planned.status, late: planned.late, trigger: 'schedule', now })
        if (deliveryId === undefined) continue
        if (planned.status === 'skipped') {
          skipped++
          continue
        }
        await deps.queue.enqueue(trx, { deliveryId })
        enqueued++
      }
      const watermark = complete ? now : fireTimes.at(-1)!
      await trx.updateTable('digest_schedules').set({ last_evaluated_at: watermark }).where('id', '=', scheduleId).execute()
      if (skipped) log.warn({ scheduleId, skipped, late: enqueued > 0 }, 'missed digest fire times recorded as skipped (the service was down)')
      return { enqueued, skipped }
    })
  }

  return async function tick() {
    const now = deps.clock()
    const schedules = await deps.db.selectFrom('digest_schedules').select(['id', 'cron', 'time_zone', 'last_evaluated_at']).where('enabled', '=', true).orderBy('id').execute()
    let enqueued = 0
    let skipped = 0
    for (const schedule of schedules) {
      try {
        // Most ticks find nothing due: decide that without a transaction or a lock.
        if (!nextFireTimes(schedule.cron, schedule.time_zone, schedule.last_evaluated_at, now, 1).length) continue
        const report = await tickSchedule(schedule.id, now)
        enqueued += report.enqueued
        skipped += report.skipped
      } catch (error) {
        // One broken schedule must not hold up the others; it is tried again next tick.
        log.error({ err: error, scheduleId: schedule.id }, 'could not evaluate a digest schedule')
      }
    }
    return { enqueued, skipped }
  }
}
