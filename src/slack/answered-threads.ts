/**
 * Threads the bot answered in: a reply there without a mention continues the conversation; elsewhere the bot
 * stays quiet. This process remembers the threads it answered; agent_turns (every turn the agent recorded) tells
 * a replica about the others.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

export interface AnsweredThreads {
  remember(threadId: string): void
  has(threadId: string): Promise<boolean>
}

export function createAnsweredThreads(db: Kysely<Database>, options: { maxEntries?: number } = {}): AnsweredThreads {
  const max = options.maxEntries ?? 10_000
  const known = new Set<string>()
  return {
    remember(threadId) {
      if (known.size >= max) known.delete(known.values().next().value!)
      known.add(threadId)
    },
    async has(threadId) {
      if (known.has(threadId)) return true
      const turn = await db.selectFrom('agent_turns').select('id').where('thread_id', '=', threadId).limit(1).executeTakeFirst()
      return turn !== undefined
    },
  }
}
