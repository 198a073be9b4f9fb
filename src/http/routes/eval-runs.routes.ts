/** Stored eval runs, newest first, so accuracy can be compared across prompt versions, models and time. */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { findEvalRun, listEvalRuns } from '../../evals/eval-run.repository.js'
import { AppError } from '../../errors/app-error.js'
import { requireRole } from '../authenticate.js'
import { idParams, security } from './route-schemas.js'

const tags = ['eval runs']
const runsQuery = z.object({
  suite: z.string().trim().min(1).max(200).optional().describe("e.g. core, curated, prompt-preview"),
  promptVersion: z.string().trim().min(1).max(200).optional().describe('e.g. analyst-system@3'),
  model: z.string().trim().min(1).max(200).optional().describe('e.g. offline-planner, openai:gpt-4.1'),
  limit: z.coerce.number().int().min(1).max(500).default(50),
})

export function registerEvalRunRoutes(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])

  r.get(
    '/api/eval-runs',
    { schema: { tags, security, summary: 'Eval runs, newest first: accuracy, latencies and per-tag scores with the prompt version and model of each', querystring: runsQuery }, preHandler: admins },
    async (request) => ({ data: await listEvalRuns(deps.db, request.query) }),
  )

  r.get('/api/eval-runs/:id', { schema: { tags, security, summary: 'One eval run with every case result', params: idParams }, preHandler: admins }, async (request) => {
    const run = await findEvalRun(deps.db, request.params.id)
    if (!run) throw new AppError('not_found', `Eval run ${request.params.id} does not exist.`, { entity: 'eval_runs', id: request.params.id })
    return run
  })
}
