/**
 * Scheduled digests at run time: the tick that turns due fire times into deliveries (every N seconds of real time),
 * the queue worker that posts them, a preview that composes without posting, and "run now". Every app instance may
 * run one; the database keeps them from posting anything twice (see tick-schedules.ts and deliver-digest.ts).
 */
import type pg from 'pg'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { AppError } from '../../errors/app-error.js'
import type { Logger } from '../../logging/logger.js'
import type { DigestComposer, DigestContent, DigestDeliverer, DigestDestination, DigestRequest } from '../digest-contract.js'
import { digestScheduleOrThrow } from '../schedule/digest-schedule.repository.js'
import { createDigestDeliveryWorker } from './deliver-digest.js'
import { insertDigestDelivery } from './digest-delivery.repository.js'
import { createDigestQueue, type RetryPolicy } from './digest-queue.js'
import { digestRequestFor } from './digest-request.js'
import { createScheduleTicker, type TickReport } from './tick-schedules.js'

export interface DigestServiceDeps {
  readonly db: Kysely<Database>
  /** The pool under `db`: pg-boss runs its queries on it (PostgreSQL or PGlite alike). */
  readonly pool: pg.Pool
  readonly composer: DigestComposer
  /** One per destination kind this instance can post to. */
  readonly deliverers: readonly DigestDeliverer[]
  readonly clock: () => Date
  readonly logger: Logger
  /** The business time zone: schedules that name none are read in it. */
  readonly timeZone: string
  /** Retries of a failed post (default: 5 retries, from 30 s, with backoff). */
  readonly retry?: RetryPolicy
  /** How often an idle worker asks the queue for a job (default 2 s; pg-boss allows 0.5 and up). */
  readonly pollingIntervalSeconds?: number
  /** How often start() ticks, in real time (default 30 s); 0 leaves ticking to whoever calls tick(). */
  readonly tickIntervalSeconds?: number
  /** A fire time the tick sees later than this was missed, and the late policy applies (default 15 min). */
  readonly graceSeconds?: number
  /** An attempt holding a delivery longer than this is taken for dead (default 10 min). */
  readonly claimTimeoutSeconds?: number
  readonly queueSchema?: string
}

export interface DigestService {
  /** The default zone for schedules that name none. */
  readonly timeZone: string
  /** Destination kinds this instance has a deliverer for. */
  readonly destinationKinds: readonly DigestDestination['kind'][]
  /** The service's clock (the schedules' watermarks are set by it). */
  now(): Date
  /** Records due fire times as deliveries and enqueues their posts; safe to call from every instance at once. */
  tick(): Promise<TickReport>
  /** Composes a schedule's digest as if it fired now (or any request), without posting anything. */
  preview(target: number | DigestRequest): Promise<DigestContent>
  /** Posts a schedule's digest now, through the queue (recorded in the delivery log as trigger 'manual'). */
  runNow(scheduleId: number): Promise<{ deliveryId: number }>
  /** Starts the queue, the worker and (unless tickIntervalSeconds is 0) the ticker. */
  start(): Promise<void>
  /** Stops ticking and lets the running job finish. */
  stop(): Promise<void>
}

export const defaultDigestRetry: RetryPolicy = { limit: 5, delaySeconds: 30, backoff: true }

export function createDigestService(deps: DigestServiceDeps): DigestService {
  const log = deps.logger.child({ component: 'digests' })
  const claimTimeoutSeconds = deps.claimTimeoutSeconds ?? 600
  const queue = createDigestQueue({
    pool: deps.pool,
    logger: deps.logger,
    retry: deps.retry ?? defaultDigestRetry,
    pollingIntervalSeconds: deps.pollingIntervalSeconds ?? 2,
    // pg-boss retries an attempt it thinks died; by then the claim is stale too, so the retry may take the row.
    expireInSeconds: claimTimeoutSeconds,
    ...(deps.queueSchema ? { schema: deps.queueSchema } : {}),
  })
  const tick = createScheduleTicker({ db: deps.db, queue, clock: deps.clock, logger: deps.logger, graceSeconds: deps.graceSeconds ?? 900 })
  const deliver = createDigestDeliveryWorker({ db: deps.db, composer: deps.composer, deliverers: deps.deliverers, clock: deps.clock, logger: deps.logger, claimTimeoutSeconds })

  let ticker: NodeJS.Timeout | undefined
  let running: Promise<unknown> | undefined

  /** One tick at a time per instance: a slow tick is not stacked on by the next interval. */
  function tickInBackground(): void {
    if (running) return
    running = tick()
      .catch((error: unknown) => log.error({ err: error }, 'the digest tick failed; the next one tries again'))
      .finally(() => {
        running = undefined
      })
  }

  return {
    timeZone: deps.timeZone,
    destinationKinds: deps.deliverers.map((d) => d.kind),
    now: deps.clock,
    tick,
    async preview(target) {
      if (typeof target !== 'number') return deps.composer.compose(target)
      const schedule = await digestScheduleOrThrow(deps.db, target)
      return deps.composer.compose(digestRequestFor(schedule, deps.clock()))
    },
    async runNow(scheduleId) {
      await digestScheduleOrThrow(deps.db, scheduleId)
      const now = deps.clock()
      return deps.db.transaction().execute(async (trx) => {
        const deliveryId = await insertDigestDelivery(trx, { scheduleId, fireAt: now, status: 'pending', late: false, trigger: 'manual', now })
        if (deliveryId === undefined) throw new AppError('conflict', 'This schedule already has a delivery for this very moment; try again in a second.')
        await queue.enqueue(trx, { deliveryId })
        return { deliveryId }
      })
    },
    async start() {
      await queue.start()
      await queue.work(async (job) => {
        await deliver(job.deliveryId)
      })
      const seconds = deps.tickIntervalSeconds ?? 30
      if (seconds > 0) {
        // At once, then on the interval: the first tick after a restart is the catch-up one.
        tickInBackground()
        ticker = setInterval(tickInBackground, seconds * 1000)
      }
      log.info({ destinations: deps.deliverers.map((d) => d.kind), tickIntervalSeconds: seconds }, 'scheduled digests started')
    },
    async stop() {
      if (ticker) clearInterval(ticker)
      ticker = undefined
      await running
      await queue.stop()
    },
  }
}
