/**
 * The job queue digests go through: pg-boss over the app's own pool (so it runs wherever the app's database does —
 * PostgreSQL or the embedded PGlite), in its own schema. A job is enqueued through the caller's transaction, so the
 * delivery row and its job are committed together or not at all.
 */
import PgBoss from 'pg-boss'
import type pg from 'pg'
import { CompiledQuery, type Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Logger } from '../../logging/logger.js'

export const digestQueueName = 'digest-deliver'

export interface DigestJob {
  readonly deliveryId: number
}

export interface RetryPolicy {
  /** Retries after the first attempt (pg-boss retryLimit): 4 means up to 5 attempts. */
  readonly limit: number
  /** The first retry's delay; with backoff each next one roughly doubles (with jitter). */
  readonly delaySeconds: number
  readonly backoff: boolean
}

export interface DigestQueue {
  start(): Promise<void>
  /** Enqueues inside `trx`: the job exists exactly when that transaction commits. */
  enqueue(trx: Transaction<Database>, job: DigestJob): Promise<void>
  /** Runs `handler` for each job; a throw fails the attempt and the queue retries it per the policy. */
  work(handler: (job: DigestJob) => Promise<void>): Promise<void>
  stop(): Promise<void>
}

export interface DigestQueueOptions {
  readonly pool: pg.Pool
  readonly logger: Logger
  readonly retry: RetryPolicy
  /** How often an idle worker asks for a job (pg-boss allows 0.5 and up). */
  readonly pollingIntervalSeconds: number
  /** An attempt running longer than this is considered dead and retried. */
  readonly expireInSeconds: number
  readonly schema?: string
}

/** pg-boss's database seam over a Kysely transaction. */
const executorOf = (trx: Transaction<Database>): PgBoss.Db => ({
  executeSql: async (text, values) => ({ rows: [...(await trx.executeQuery(CompiledQuery.raw(text, values ?? []))).rows] }),
})

export function createDigestQueue(options: DigestQueueOptions): DigestQueue {
  const log = options.logger.child({ component: 'digest-queue' })
  const boss = new PgBoss({
    db: { executeSql: (text, values) => options.pool.query(text, values) },
    schema: options.schema ?? 'pgboss',
    // Our own tick decides fire times (from the schedules table, with the late policy); pg-boss's cron is not used.
    schedule: false,
  })
  // An EventEmitter 'error' without a listener would crash the process; these are pg-boss's background loops failing.
  boss.on('error', (error) => log.error({ err: error }, 'the digest job queue reported an error'))
  const jobOptions = { retryLimit: options.retry.limit, retryDelay: options.retry.delaySeconds, retryBackoff: options.retry.backoff, expireInSeconds: options.expireInSeconds }

  /**
   * Replicas starting together both create the queue, and pg-boss 10's create_queue can then deadlock (each creates
   * the queue's partition): PostgreSQL aborts one, which finds the queue made by the other when it tries again.
   */
  async function createQueueOnce(): Promise<void> {
    for (let tryNumber = 1; ; tryNumber++) {
      try {
        if (await boss.getQueue(digestQueueName)) return
        await boss.createQueue(digestQueueName, { name: digestQueueName, ...jobOptions })
        return
      } catch (error) {
        if ((error as { code?: string }).code !== '40P01' || tryNumber >= 5) throw error
        log.info({ tryNumber }, 'another instance was creating the digest queue at the same moment; trying again')
      }
    }
  }

  return {
    async start() {
      await boss.start()
      await createQueueOnce()
    },
    async enqueue(trx, job) {
      const id = await boss.send(digestQueueName, { deliveryId: job.deliveryId }, { ...jobOptions, db: executorOf(trx) })
      // null means pg-boss did not insert (no such queue): fail the transaction rather than leave a row without a job.
      if (!id) throw new Error(`The digest job queue refused delivery ${job.deliveryId}; is the '${digestQueueName}' queue created (start())?`)
    },
    async work(handler) {
      await boss.work<DigestJob>(digestQueueName, { pollingIntervalSeconds: options.pollingIntervalSeconds, batchSize: 1 }, async (jobs) => {
        for (const job of jobs) await handler(job.data)
      })
    },
    async stop() {
      await boss.stop({ graceful: true, wait: true })
    },
  }
}
