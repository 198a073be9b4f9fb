/**
 * Digest services over real test databases, with a clock the test moves by hand, the fixed composer, the Slack
 * stand-in and the web inbox. Queue polling is short so tests wait for deliveries with expect.poll, not sleeps.
 */
import type { Kysely } from 'kysely'
import type pg from 'pg'
import type { Database } from '../../../../src/db/schema.js'
import { createLogger } from '../../../../src/logging/logger.js'
import { createDigestService, type DigestService, type DigestServiceDeps } from '../../../../src/digests/delivery/create-digest-service.js'
import { createSlackDigestDeliverer } from '../../../../src/digests/delivery/slack-digest-deliverer.js'
import { createWebInboxDeliverer } from '../../../../src/digests/delivery/web-inbox-deliverer.js'
import { createDigestSchedule } from '../../../../src/digests/schedule/digest-schedule.repository.js'
import { validateSchedule, type DigestScheduleInput } from '../../../../src/digests/schedule/validate-schedule.js'
import type { DigestSchedule } from '../../../../src/digests/digest-contract.js'
import { digestBotToken } from '../../support/slack-api-stand-in.js'
import { createFixedDigestComposer, type FixedDigestComposer } from './fixed-digest-composer.js'

export const silentLogger = createLogger({ level: 'silent' })
export const testActor = { keyId: null, name: 'test:digests' }

/** A clock the test sets; every instance of a test shares one, as servers share real time. */
export interface ManualClock {
  (): Date
  set(instant: string | Date): void
}

export function createManualClock(start: string): ManualClock {
  let now = new Date(start)
  const clock = (() => now) as ManualClock
  clock.set = (instant) => {
    now = new Date(instant)
  }
  return clock
}

export interface DigestInstance {
  readonly service: DigestService
  readonly composer: FixedDigestComposer
}

export function createDigestInstance(
  handle: { db: Kysely<Database>; pool: pg.Pool },
  options: { clock: ManualClock; slackApiUrl: string; chart?: boolean } & Partial<Pick<DigestServiceDeps, 'retry' | 'graceSeconds' | 'claimTimeoutSeconds'>>,
): DigestInstance {
  const composer = createFixedDigestComposer({ chart: options.chart ?? false })
  const service = createDigestService({
    db: handle.db,
    pool: handle.pool,
    composer,
    deliverers: [createSlackDigestDeliverer({ botToken: digestBotToken, apiUrl: options.slackApiUrl, logger: silentLogger, timeoutMs: 5000 }), createWebInboxDeliverer({ db: handle.db })],
    clock: options.clock,
    logger: silentLogger,
    timeZone: 'America/Sao_Paulo',
    retry: options.retry ?? { limit: 3, delaySeconds: 1, backoff: true },
    pollingIntervalSeconds: 0.5,
    tickIntervalSeconds: 0,
    ...(options.graceSeconds !== undefined ? { graceSeconds: options.graceSeconds } : {}),
    ...(options.claimTimeoutSeconds !== undefined ? { claimTimeoutSeconds: options.claimTimeoutSeconds } : {}),
  })
  return { service, composer }
}

export async function scheduleDigest(db: Kysely<Database>, input: Partial<DigestScheduleInput> & { cron: string }, now: Date): Promise<DigestSchedule> {
  const valid = validateSchedule({ name: 'Daily digest', destination: { kind: 'slack', channelId: 'C0DIGEST1' }, ...input }, { defaultTimeZone: 'America/Sao_Paulo' })
  return createDigestSchedule(db, valid, testActor, now)
}

/** The delivery log of a schedule, oldest fire time first, as plain rows. */
export async function deliveriesOf(db: Kysely<Database>, scheduleId: number) {
  return db.selectFrom('digest_deliveries').selectAll().where('schedule_id', '=', scheduleId).orderBy('fire_at').execute()
}
