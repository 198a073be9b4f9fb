/**
 * The queue worker's job: post one delivery. Claim the row (one short UPDATE), compose the content outside any
 * transaction, post it, record the message id. A claim makes a retry of an already-sent delivery a no-op and keeps two
 * workers from posting the same row; what it cannot close is the moment between the platform accepting the post and
 * our UPDATE landing (see markSent below).
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Logger } from '../../logging/logger.js'
import type { DigestComposer, DigestContent, DigestDeliverer, DigestDestination } from '../digest-contract.js'
import { findDigestSchedule } from '../schedule/digest-schedule.repository.js'
import { claimDigestDelivery, findDigestDelivery, markDigestDeliveryFailed, markDigestDeliverySent, type DigestDeliveryContext } from './digest-delivery.repository.js'
import { DeliveryInFlightError, PermanentDeliveryError, describeDeliveryError } from './delivery-errors.js'
import { digestRequestFor } from './digest-request.js'

export type DeliveryOutcome = 'sent' | 'failed' | 'already_done' | 'gone'

export interface DigestDeliveryWorkerDeps {
  readonly db: Kysely<Database>
  readonly composer: DigestComposer
  readonly deliverers: readonly DigestDeliverer[]
  readonly clock: () => Date
  readonly logger: Logger
  /** A 'sending' claim older than this belongs to an attempt that died; it may be taken again. */
  readonly claimTimeoutSeconds: number
  /** Waits between tries of the final UPDATE (tests shorten it). */
  readonly recordRetryDelayMs?: number
}

const lateMarker = { en: 'late', pt: 'atrasado' } as const

/** A late post says so in its title, so nobody mistakes yesterday's numbers for today's. */
const markedLate = (content: DigestContent): DigestContent => ({ ...content, title: `${content.title} (${lateMarker[content.language]})` })

export function createDigestDeliveryWorker(deps: DigestDeliveryWorkerDeps): (deliveryId: number) => Promise<DeliveryOutcome> {
  const log = deps.logger.child({ component: 'digest-delivery' })
  const deliverers = new Map(deps.deliverers.map((d) => [d.kind, d] as const))
  const delayMs = deps.recordRetryDelayMs ?? 1000

  const delivererFor = (destination: DigestDestination): DigestDeliverer => {
    const deliverer = deliverers.get(destination.kind)
    if (!deliverer) throw new PermanentDeliveryError('no_deliverer', `No ${destination.kind} deliverer is configured on this instance; set up the ${destination.kind} surface or change the schedule's destination.`)
    return deliverer
  }

  /**
   * The unavoidable window: the platform has the post, and this UPDATE is what says so. If it cannot land (the
   * process dies, the database is away longer than these tries), the row stays 'sending' and, once the claim is
   * stale, the next attempt posts again — at least once in that window, exactly once everywhere else.
   */
  async function markSent(deliveryId: number, attempt: number, result: Parameters<typeof markDigestDeliverySent>[3]): Promise<void> {
    for (let tryNumber = 1; ; tryNumber++) {
      try {
        if (!(await markDigestDeliverySent(deps.db, deliveryId, attempt, result))) {
          log.warn({ deliveryId, attempt }, 'a digest was posted after its claim went stale and was retaken; it may appear twice')
        }
        return
      } catch (error) {
        if (tryNumber >= 3) throw error
        log.warn({ err: error, deliveryId, tryNumber }, 'could not record a posted digest yet; trying again')
        await new Promise((resolve) => setTimeout(resolve, delayMs * tryNumber))
      }
    }
  }

  return async function deliverDigest(deliveryId) {
    const now = deps.clock()
    const claim = await claimDigestDelivery(deps.db, deliveryId, { now, staleBefore: new Date(now.getTime() - deps.claimTimeoutSeconds * 1000) })
    if (!claim.ok) {
      if (claim.status === undefined) return 'gone'
      if (claim.status === 'sending') throw new DeliveryInFlightError(deliveryId)
      log.info({ deliveryId, status: claim.status }, 'digest delivery already done; nothing to post')
      return 'already_done'
    }
    if (claim.reclaimed) log.warn({ deliveryId, attempt: claim.attempt }, 'a previous attempt stopped mid-post (outcome unknown); posting again')

    const delivery = await findDigestDelivery(deps.db, deliveryId)
    const schedule = delivery && (await findDigestSchedule(deps.db, delivery.scheduleId))
    if (!delivery || !schedule) return 'gone'

    let posted: Awaited<ReturnType<DigestDeliverer['deliver']>>
    let content: DigestContent
    try {
      const deliverer = delivererFor(schedule.destination)
      const composed = await deps.composer.compose(digestRequestFor(schedule, delivery.fireAt))
      content = delivery.late ? markedLate(composed) : composed
      posted = await deliverer.deliver(schedule.destination, content, { deliveryId, scheduleName: schedule.name })
    } catch (error) {
      const description = describeDeliveryError(error)
      await markDigestDeliveryFailed(deps.db, deliveryId, claim.attempt, { error: description, now: deps.clock() })
      if (error instanceof PermanentDeliveryError) {
        log.error({ deliveryId, scheduleId: schedule.id, code: error.code, error: description }, 'digest delivery failed for good; not retrying')
        return 'failed'
      }
      log.warn({ deliveryId, scheduleId: schedule.id, attempt: claim.attempt, error: description }, 'digest delivery failed; the queue retries it with backoff')
      throw error
    }

    const context: DigestDeliveryContext = {
      schedule: { id: schedule.id, name: schedule.name },
      scope: content.scope,
      period: content.period,
      language: content.language,
      startingContext: content.startingContext,
    }
    await markSent(deliveryId, claim.attempt, { messageId: posted.messageId, channelId: posted.channelId ?? null, context, now: deps.clock() })
    log.info({ deliveryId, scheduleId: schedule.id, messageId: posted.messageId, attempt: claim.attempt, late: delivery.late }, 'digest posted')
    return 'sent'
  }
}
