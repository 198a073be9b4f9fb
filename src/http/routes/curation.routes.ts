/** Admin curation: prompt versions, eval cases, the feedback review queue, and stored eval runs. */
import type { FastifyInstance } from 'fastify'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../../agents/agent-contract.js'
import type { Database } from '../../db/schema.js'
import { createDatabaseGoldRunner } from '../../evals/create-database-gold-runner.js'
import type { GoldRunner } from '../../evals/run-evals.js'
import { defaultPromptsDirectory } from '../../prompts/prompt-files.js'
import { createPromptLibrary, type PromptLibrary } from '../../prompts/prompt-library.js'
import { registerEvalCaseRoutes } from './eval-cases.routes.js'
import { registerEvalRunRoutes } from './eval-runs.routes.js'
import { registerFeedbackRoutes } from './feedback.routes.js'
import { registerPromptRoutes } from './prompts.routes.js'

export interface CurationRouteDeps {
  db: Kysely<Database>
  agent: AnalystAgent
  /** The prompt library the agent reads (share the instance); one over `db` and prompts/ when absent. */
  prompts?: PromptLibrary
  /** Business time zone (config TIME_ZONE): the date a promoted question counts as asked on. */
  timeZone?: string
  /** Runs previews' gold SQL; a read-only, rolled-back transaction over `db` when absent. */
  goldRunner?: GoldRunner
}

const defaultTimeZone = 'America/Sao_Paulo'

export function registerCurationRoutes(api: FastifyInstance, deps: CurationRouteDeps): void {
  const prompts = deps.prompts ?? createPromptLibrary({ db: deps.db, directory: defaultPromptsDirectory })
  const goldRunner = deps.goldRunner ?? createDatabaseGoldRunner(deps.db)
  registerPromptRoutes(api, { db: deps.db, agent: deps.agent, prompts, goldRunner })
  registerEvalCaseRoutes(api, { db: deps.db })
  registerFeedbackRoutes(api, { db: deps.db, timeZone: deps.timeZone ?? defaultTimeZone })
  registerEvalRunRoutes(api, { db: deps.db })
}
