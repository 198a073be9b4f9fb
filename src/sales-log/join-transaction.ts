/**
 * A Kysely handle whose `transaction()` runs inside an already-open transaction. The order service opens its own
 * transaction for every write; confirming a chat sale must record the order and mark the draft confirmed in ONE
 * transaction (both or neither), so the service is handed this, and its writes join ours.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'

export function joinTransaction(trx: Transaction<Database>): Kysely<Database> {
  return new Proxy(trx, {
    get(target, property) {
      if (property === 'transaction') return () => ({ execute: <T>(work: (inner: Transaction<Database>) => Promise<T>) => work(target) })
      const value: unknown = Reflect.get(target, property, target)
      // Methods keep the real transaction as `this` (Kysely's classes hold private state).
      return typeof value === 'function' ? (value as (...args: unknown[]) => unknown).bind(target) : value
    },
  }) as unknown as Kysely<Database>
}
