/**
 * 👍/👎 on agent turns from any surface, and the admins' review queue. Feedback never changes answers by itself:
 * only an admin's promotion turns it into an eval case.
 */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { Principal } from '../../domain/api-keys/api-key.service.js'
import { decodeCursor, encodeCursor } from '../../domain/pagination.js'
import { dismissFeedback, listFeedback, promoteFeedback, recordFeedback } from '../../evals/feedback.repository.js'
import { evalLanguages } from '../../evals/load-eval-cases.js'
import { actorOf, principalOf, requireRole } from '../authenticate.js'
import { caseIdSchema, goldSqlSchema, isoDateSchema, tagSchema } from './eval-cases.routes.js'
import { idParams, pageQuery, security } from './route-schemas.js'

const tags = ['feedback']

/** How agent_turns.user_id names an API-key user (the chat API records turns under the same id). */
export const turnUserIdOf = (principal: Principal): string => `key:${principal.keyId}`

const turnParams = z.object({ turnId: z.string().max(64) })
const feedbackBody = z
  .object({
    rating: z.enum(['up', 'down']),
    comment: z.string().max(1000).optional(),
  })
  .strict()
const queueQuery = z.object({
  ...pageQuery,
  status: z.enum(['pending', 'promoted', 'dismissed']).optional().describe('default: every status'),
  rating: z.enum(['up', 'down']).optional(),
})
const promoteBody = z
  .object({
    id: caseIdSchema.optional().describe('the new case id; default fb-<feedback id>-<first words of the question>'),
    question: z.string().trim().min(1).max(2000).optional(),
    lang: z.enum(evalLanguages).optional(),
    today: isoDateSchema.optional().describe("default: the turn's date in the business time zone"),
    expect: z.enum(['answer', 'refuse']).optional().describe('default: answer when the turn ran SQL'),
    goldSql: goldSqlSchema.optional().describe("default: the turn's SQL; required for a 👎 turn"),
    ordered: z.boolean().optional(),
    tags: z.array(tagSchema).max(30).optional().describe('default: ["feedback"]'),
    note: z.string().trim().max(1000).optional(),
  })
  .strict()

export function registerFeedbackRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; timeZone: string }): void {
  const r = app.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])

  r.post(
    '/api/turns/:turnId/feedback',
    { schema: { tags, security, summary: 'Rate one of your own turns 👍/👎 (again to change it); it waits in the review queue', params: turnParams, body: feedbackBody } },
    async (request, reply) => {
      const { feedback, created } = await recordFeedback(
        deps.db,
        { turnId: request.params.turnId, userId: turnUserIdOf(principalOf(request)), rating: request.body.rating, comment: request.body.comment ?? null },
        actorOf(request),
      )
      return reply.code(created ? 201 : 200).send(feedback)
    },
  )

  r.get(
    '/api/feedback',
    { schema: { tags, security, summary: 'The review queue, newest first: each rating with the question, plan, SQL and answer of its turn', querystring: queueQuery }, preHandler: admins },
    async (request) => {
      const { limit, cursor, status, rating } = request.query
      const before = decodeCursor(cursor)
      const rows = await listFeedback(deps.db, { limit: limit + 1, ...(status ? { status } : {}), ...(rating ? { rating } : {}), ...(before === undefined ? {} : { before }) })
      const data = rows.slice(0, limit)
      return { data, next_cursor: rows.length > limit && data.length > 0 ? encodeCursor(data[data.length - 1]!.id) : null }
    },
  )

  r.post(
    '/api/feedback/:id/promote',
    { schema: { tags, security, summary: "Turn reviewed feedback into a verified, active eval case (source feedback) from the turn's question and SQL", params: idParams, body: promoteBody.optional() }, preHandler: admins },
    async (request, reply) => {
      const promoted = await promoteFeedback(deps.db, request.params.id, request.body ?? {}, actorOf(request), { timeZone: deps.timeZone })
      return reply.code(201).send(promoted)
    },
  )

  r.post(
    '/api/feedback/:id/dismiss',
    { schema: { tags, security, summary: 'Dismiss feedback: it leaves the queue and never becomes an eval case', params: idParams }, preHandler: admins },
    async (request) => dismissFeedback(deps.db, request.params.id, actorOf(request)),
  )
}
