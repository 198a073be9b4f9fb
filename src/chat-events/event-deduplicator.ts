/**
 * Chat platforms redeliver what they think we missed (Slack's X-Slack-Retry-Num, the Bot Framework's retries), and with
 * several replicas any of them may get the retry. An event id is answered once: an in-memory set with a time to live
 * stops retries to this process cheaply, and the chat_events table's primary key (platform, event_id) stops them
 * across replicas.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface EventDeduplicator {
  /** True the first time an event id is seen (and records it); false for every later delivery. */
  firstDelivery(eventId: string): Promise<boolean>
}

export interface EventDeduplicatorOptions {
  readonly platform: 'slack' | 'teams'
  readonly db?: Kysely<Database>
  readonly clock: () => Date
  /** Platforms retry for about an hour at most; keep ids a day. */
  readonly ttlMs?: number
  readonly maxEntries?: number
}

export function createEventDeduplicator(options: EventDeduplicatorOptions): EventDeduplicator {
  const ttlMs = options.ttlMs ?? 24 * 60 * 60 * 1000
  const maxEntries = options.maxEntries ?? 50_000
  const seen = new Map<string, number>()
  let insertsSincePrune = 0

  const forgetExpired = (now: number) => {
    for (const [id, at] of seen) {
      if (now - at < ttlMs && seen.size <= maxEntries) break
      seen.delete(id)
    }
  }

  return {
    async firstDelivery(eventId) {
      const now = options.clock().getTime()
      forgetExpired(now)
      const at = seen.get(eventId)
      if (at !== undefined && now - at < ttlMs) return false
      seen.set(eventId, now)
      if (!options.db) return true
      const inserted = await options.db
        .insertInto('chat_events')
        .values({ platform: options.platform, event_id: eventId, received_at: new Date(now) })
        .onConflict((oc) => oc.columns(['platform', 'event_id']).doNothing())
        .returning('event_id')
        .executeTakeFirst()
      if (++insertsSincePrune >= 500) {
        insertsSincePrune = 0
        await options.db.deleteFrom('chat_events').where('received_at', '<', sql<Date>`${new Date(now - ttlMs)}`).execute()
      }
      return inserted !== undefined
    },
  }
}
