/** Admin curation of prompt templates: versions, activation, rollback, and previews on curated eval cases. */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { AnalystAgent } from '../../../agents/agent-contract.js'
import type { Database } from '../../db/schema.js'
import { previewPromptVersion } from '../../evals/preview-prompt-version.js'
import type { GoldRunner } from '../../evals/run-evals.js'
import { promptNamePattern } from '../../prompts/prompt-files.js'
import type { PromptLibrary } from '../../prompts/prompt-library.js'
import { actorOf, principalOf, requireRole } from '../authenticate.js'
import { caseIdSchema, tagSchema } from './eval-cases.routes.js'
import { security } from './route-schemas.js'

const tags = ['prompts']
const nameParams = z.object({ name: z.string().max(80).regex(promptNamePattern, 'a prompt name is kebab-case, e.g. analyst-system') })
const versionParams = nameParams.extend({ version: z.coerce.number().int().min(1).max(999_999) })
const newVersionBody = z
  .object({
    text: z.string().max(100_000).refine((t) => t.trim().length > 0, 'must not be empty'),
    note: z.string().trim().max(1000).optional().describe('what changed and why'),
  })
  .strict()
const previewBody = z
  .object({
    caseIds: z.array(caseIdSchema).max(200).optional().describe('active eval cases to run; default: all active (up to limit)'),
    tags: z.array(tagSchema).max(20).optional().describe('only active cases with any of these tags'),
    limit: z.number().int().min(1).max(200).optional().describe('at most this many cases (default 20)'),
  })
  .strict()

export interface PromptRouteDeps {
  db: Kysely<Database>
  agent: AnalystAgent
  prompts: PromptLibrary
  goldRunner: GoldRunner
}

export function registerPromptRoutes(app: FastifyInstance, deps: PromptRouteDeps): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])
  const detail = (name: string) => deps.prompts.detail(name)

  r.get('/api/prompts', { schema: { tags, security, summary: 'Prompts with their active and latest versions' }, preHandler: admins }, async () => ({ data: await deps.prompts.list() }))

  r.get(
    '/api/prompts/:name',
    { schema: { tags, security, summary: 'A prompt: every version with its text (newest first), the active one, and the activation history', params: nameParams }, preHandler: admins },
    async (request) => detail(request.params.name),
  )

  r.post(
    '/api/prompts/:name/versions',
    { schema: { tags, security, summary: 'Save a new version (highest + 1); it is not active until activated', params: nameParams, body: newVersionBody }, preHandler: admins },
    async (request, reply) => {
      const created = await deps.prompts.createVersion(request.params.name, { text: request.body.text, note: request.body.note ?? null }, actorOf(request))
      return reply.code(201).send({ name: request.params.name, ...created })
    },
  )

  r.post(
    '/api/prompts/:name/versions/:version/activate',
    { schema: { tags, security, summary: 'Make this version the active one; the next agent turn uses it', params: versionParams }, preHandler: admins },
    async (request) => {
      const outcome = await deps.prompts.activate(request.params.name, request.params.version, actorOf(request))
      return { ...outcome, prompt: await detail(request.params.name) }
    },
  )

  r.post(
    '/api/prompts/:name/rollback',
    { schema: { tags, security, summary: 'Re-activate the version that was active before the latest activation; 409 when there is none', params: nameParams }, preHandler: admins },
    async (request) => {
      const outcome = await deps.prompts.rollback(request.params.name, actorOf(request))
      return { ...outcome, prompt: await detail(request.params.name) }
    },
  )

  r.post(
    '/api/prompts/:name/versions/:version/preview',
    {
      schema: {
        tags,
        security,
        summary: 'Run curated eval cases through the agent with this version (not activated) and score them against their gold SQL; stored as an eval run',
        params: versionParams,
        body: previewBody.optional(),
      },
      preHandler: admins,
    },
    async (request) => {
      const { name, version } = request.params
      await deps.prompts.version(name, version)
      const principal = principalOf(request)
      const body = request.body ?? {}
      const preview = await previewPromptVersion(
        { db: deps.db, agent: deps.agent, goldRunner: deps.goldRunner, principal: { userId: `key:${principal.keyId}`, role: principal.role } },
        { name, version, ...(body.caseIds ? { caseIds: body.caseIds } : {}), ...(body.tags ? { tags: body.tags } : {}), ...(body.limit ? { limit: body.limit } : {}) },
      )
      const { report } = preview
      return {
        prompt: preview.prompt,
        runId: preview.runId,
        model: preview.model,
        promptUsed: preview.promptUsed,
        note: preview.note ?? null,
        total: report.total,
        passed: report.passed,
        accuracy: report.accuracy,
        latencyMs: report.latencyMs,
        byTag: report.byTag,
        byLanguage: report.byLanguage,
        cases: report.cases,
      }
    },
  )
}
