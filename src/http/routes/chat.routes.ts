/** The chat API the web chat (and any HTTP client) talks to: one turn of a conversation with the analyst agent. */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../../agents/agent-contract.js'
import type { Database } from '../../db/schema.js'

export interface ChatRouteDeps {
  db: Kysely<Database>
  agent: AnalystAgent
}

export function registerChatRoutes(_api: FastifyInstance, _deps: ChatRouteDeps): void {
  // Filled in by the web chat work.
}
