/**
 * The SQL behind an answer, for its "Show SQL" button: the button carries only the turn id (button values are
 * short), and the SQL comes from this process's recent answers or from agent_turns, where the agent records it.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface TurnSqlStore {
  remember(turnId: string, sql: string): void
  find(turnId: string): Promise<string | undefined>
}

const uuidPattern = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i

export function createTurnSqlStore(db: Kysely<Database>, options: { maxEntries?: number } = {}): TurnSqlStore {
  const max = options.maxEntries ?? 1000
  const recent = new Map<string, string>()
  return {
    remember(turnId, sql) {
      if (recent.size >= max) recent.delete(recent.keys().next().value!)
      recent.set(turnId, sql)
    },
    async find(turnId) {
      const known = recent.get(turnId)
      if (known !== undefined) return known
      if (!uuidPattern.test(turnId)) return undefined
      const row = await db.selectFrom('agent_turns').select('sql').where('id', '=', turnId).executeTakeFirst()
      return row?.sql ?? undefined
    },
  }
}
