/** Admin curation: prompt versions, eval cases, and the feedback review queue. */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../../agents/agent-contract.js'
import type { Database } from '../../db/schema.js'

export interface CurationRouteDeps {
  db: Kysely<Database>
  agent: AnalystAgent
}

export function registerCurationRoutes(_api: FastifyInstance, _deps: CurationRouteDeps): void {
  // Filled in by the prompt and eval curation work.
}
