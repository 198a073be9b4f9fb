/** Admin curation of the eval set: create, edit, tag and retire eval cases (never deleted, so old runs stay readable). */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { createEvalCase, findEvalCaseOrThrow, listEvalCases, retireEvalCase, updateEvalCase } from '../../evals/eval-case.repository.js'
import { evalLanguages } from '../../evals/load-eval-cases.js'
import { actorOf, requireRole } from '../authenticate.js'
import { security } from './route-schemas.js'

const tags = ['eval cases']

export const caseIdSchema = z.string().max(120).regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, hyphens)')
export const tagSchema = z.string().max(60).regex(/^[a-z0-9_-]+(?::[a-z0-9_-]+)?$/, 'tags look like "metric:revenue" or "top_n"')
export const isoDateSchema = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
  }, 'is not a real calendar date')
export const goldSqlSchema = z.string().max(20_000)

const question = z.string().trim().min(1).max(2000)
const note = z.string().trim().max(1000)
const tagList = z.array(tagSchema).max(30)

const caseParams = z.object({ id: caseIdSchema })
const listQuery = z.object({
  tag: tagSchema.optional(),
  status: z.enum(['active', 'retired']).optional(),
  source: z.enum(['file', 'admin', 'feedback']).optional(),
  q: z.string().trim().max(200).optional().describe('words in the id or question'),
  limit: z.coerce.number().int().min(1).max(2000).default(500),
})
const createBody = z
  .object({
    id: caseIdSchema,
    question,
    lang: z.enum(evalLanguages),
    today: isoDateSchema.describe('the date the question is asked on'),
    expect: z.enum(['answer', 'refuse']),
    goldSql: goldSqlSchema.nullable().optional().describe('one read-only SELECT the SQL guard accepts; required when expect is "answer"'),
    ordered: z.boolean().optional(),
    tags: tagList.optional(),
    note: note.nullable().optional(),
  })
  .strict()
const patchBody = z
  .object({
    question: question.optional(),
    lang: z.enum(evalLanguages).optional(),
    today: isoDateSchema.optional(),
    expect: z.enum(['answer', 'refuse']).optional(),
    goldSql: goldSqlSchema.nullable().optional(),
    ordered: z.boolean().optional(),
    tags: tagList.optional().describe('replaces the tags'),
    addTags: tagList.optional(),
    removeTags: tagList.optional(),
    note: note.nullable().optional(),
    status: z.enum(['active', 'retired']).optional(),
    version: z.number().int().min(1).optional().describe('the version you read; a newer one is a 409 instead of a lost edit'),
  })
  .strict()

export function registerEvalCaseRoutes(app: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])

  r.get('/api/eval-cases', { schema: { tags, security, summary: 'Curated eval cases in id order, filtered by tag, status, source or words', querystring: listQuery }, preHandler: admins }, async (request) => ({
    data: await listEvalCases(deps.db, request.query),
  }))

  r.get('/api/eval-cases/:id', { schema: { tags, security, summary: 'One eval case', params: caseParams }, preHandler: admins }, async (request) => findEvalCaseOrThrow(deps.db, request.params.id))

  r.post(
    '/api/eval-cases',
    { schema: { tags, security, summary: 'Create an eval case; its gold SQL must pass the SQL guard (422 otherwise)', body: createBody }, preHandler: admins },
    async (request, reply) => reply.code(201).send(await createEvalCase(deps.db, request.body, actorOf(request))),
  )

  r.patch(
    '/api/eval-cases/:id',
    { schema: { tags, security, summary: 'Edit an eval case: fields, tags (replace, add, remove), status', params: caseParams, body: patchBody }, preHandler: admins },
    async (request) => {
      const { version, ...patch } = request.body
      return updateEvalCase(deps.db, request.params.id, { ...patch, ...(version === undefined ? {} : { expectedVersion: version }) }, actorOf(request))
    },
  )

  r.post(
    '/api/eval-cases/:id/retire',
    { schema: { tags, security, summary: 'Retire an eval case: runs skip it; PATCH status "active" brings it back', params: caseParams }, preHandler: admins },
    async (request) => retireEvalCase(deps.db, request.params.id, actorOf(request)),
  )
}
