/**
 * The chat API the web chat (and any HTTP client) talks to: one turn of a conversation with the analyst agent.
 *
 * `POST /api/chat` answers as Server-Sent Events by default — `start`, then `progress`… (and a `heartbeat`
 * every few seconds while the agent works), then exactly one `reply` (the AgentReply) or one `error` — or, when
 * the client sends `Accept: application/json` (and not `text/event-stream`), as the AgentReply JSON alone.
 * Conversations are namespaced by API key, so one key can never continue or read another key's thread.
 */
import { randomBytes } from 'node:crypto'
import type { ServerResponse } from 'node:http'
import { z } from 'zod'
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { AgentReply, AgentTurnRequest, AnalystAgent, ProgressEvent } from '../../../agents/agent-contract.js'
import { findDigestContext } from '../../digests/delivery/digest-delivery.repository.js'
import type { Database } from '../../db/schema.js'
import type { Principal } from '../../domain/api-keys/api-key.service.js'
import { AppError, isAppError } from '../../errors/app-error.js'
import type { SqlPrincipal } from '../../sql-guard/index.js'
import { principalOf } from '../authenticate.js'
import { security } from './route-schemas.js'

export interface ChatRouteDeps {
  db: Kysely<Database>
  agent: AnalystAgent
  /** How often a `heartbeat` event tells the client the turn is still being worked on. */
  heartbeatMs?: number
}

const tags = ['chat']

/** The client's own thread id: the server prefixes it with the key, so it only has to be unique per key. */
export const clientThreadIdPattern = /^[A-Za-z0-9_-]{1,64}$/

const chatBody = z
  .object({
    threadId: z.string().regex(clientThreadIdPattern, 'must be 1–64 letters, digits, "_" or "-"').optional().describe('client-chosen conversation id; omit to start a new one'),
    message: z.string().trim().min(1, 'must not be empty').max(2000, 'must be at most 2000 characters'),
    showSql: z.boolean().optional().describe('show the SQL even when the message does not ask for it'),
    digestDeliveryId: z.number().int().positive().optional().describe("a reply to a digest (the web inbox's Reply): a new thread starts from the digest's period and scope"),
    action: z
      .object({ kind: z.enum(['confirm', 'cancel']), actionId: z.uuid() })
      .strict()
      .optional()
      .describe("the answer to a reply's confirmation (Confirm / Cancel of a proposed write, e.g. logging a sale)"),
  })
  .strict()

/** The agent's thread id for a key's client thread: `web:key-<keyId>:<clientThreadId>`. */
export const webThreadId = (keyId: number, clientThreadId: string) => `web:key-${keyId}:${clientThreadId}`

/** API-key principal → the SQL principal the agent runs queries as (rep keys see only their own rows). */
export function sqlPrincipalOf(principal: Principal): SqlPrincipal {
  const userId = `key:${principal.keyId}`
  if (principal.role === 'rep') {
    if (principal.repId === null) throw new AppError('forbidden', 'This rep key is not linked to a sales rep, so it cannot ask about sales.')
    return { userId, role: 'rep', repId: principal.repId }
  }
  return { userId, role: principal.role }
}

const friendlyFailure = (requestId: string) =>
  new AppError('internal', `Sorry, the analyst could not answer this time. Please try again; quote reference ${requestId} if it keeps happening.`)

/** Whether the client asked for the reply as one JSON document rather than an event stream. */
function wantsJson(request: FastifyRequest): boolean {
  const accept = request.headers.accept ?? ''
  return /\bapplication\/json\b/i.test(accept) && !/\btext\/event-stream\b/i.test(accept)
}

export function registerChatRoutes(api: FastifyInstance, deps: ChatRouteDeps): void {
  const r = api.withTypeProvider<ZodTypeProvider>()
  const heartbeatMs = deps.heartbeatMs ?? 3_000

  r.post(
    '/api/chat',
    {
      schema: {
        tags,
        security,
        summary: 'One turn with the analyst: text/event-stream (start, progress, heartbeat, reply | error) by default, the reply as JSON with Accept: application/json',
        body: chatBody,
      },
    },
    async (request, reply) => {
      const principal = principalOf(request)
      const sqlPrincipal = sqlPrincipalOf(principal)
      const clientThreadId = request.body.threadId ?? randomBytes(12).toString('base64url')
      const turn = {
        threadId: webThreadId(principal.keyId, clientThreadId),
        message: request.body.message,
        principal: sqlPrincipal,
        surface: 'web',
        ...(request.body.showSql !== undefined ? { showSql: request.body.showSql } : {}),
        ...(request.body.action ? { action: request.body.action } : {}),
        ...(request.body.digestDeliveryId ? { startingContext: await digestStartingContext(deps.db, request.body.digestDeliveryId, principal.role) } : {}),
      }
      request.log.info({ threadId: turn.threadId, chars: turn.message.length }, 'chat turn')

      if (wantsJson(request)) {
        const answer = await respondOrFriendlyError(request, () => deps.agent.respond(turn))
        void reply.header('x-chat-thread-id', clientThreadId)
        return answer
      }
      return streamTurn(request, reply, { clientThreadId, heartbeatMs, run: (onProgress) => deps.agent.respond({ ...turn, onProgress }) })
    },
  )
}

/** A digest's period and scope as the start of a conversation; only a digest that was delivered has one. */
async function digestStartingContext(db: Kysely<Database>, deliveryId: number, role: Principal['role']): Promise<NonNullable<AgentTurnRequest['startingContext']>> {
  // The web inbox is for admin and analyst keys (company-wide figures); a rep key has no digest to reply to.
  if (role === 'rep') throw new AppError('forbidden', 'Digests are read by admin and analyst keys; a rep key cannot reply to one.')
  const context = await findDigestContext(db, deliveryId)
  if (!context) throw new AppError('not_found', `There is no delivered digest ${deliveryId} to reply to.`)
  return { plan: context.startingContext.plan, understood: context.startingContext.understood, language: context.language }
}

async function respondOrFriendlyError(request: FastifyRequest, run: () => Promise<AgentReply>): Promise<AgentReply> {
  try {
    const answer = await run()
    request.log.info({ turnId: answer.turnId, ok: answer.ok, code: answer.code, intent: answer.intent, totalMs: answer.totalMs }, 'chat reply')
    return answer
  } catch (error) {
    // An AppError already carries a message that is safe to show; anything else stays in the log.
    if (isAppError(error) && error.code !== 'internal') throw error
    request.log.error({ err: error }, 'the analyst agent failed')
    throw friendlyFailure(request.id)
  }
}

/**
 * Writes the turn as Server-Sent Events on the raw response. A client that goes away mid-turn only stops the
 * writing: the agent finishes its turn (it is recorded), and nothing is written to the closed socket.
 */
async function streamTurn(
  request: FastifyRequest,
  reply: FastifyReply,
  input: { clientThreadId: string; heartbeatMs: number; run: (onProgress: (event: ProgressEvent) => void) => Promise<AgentReply> },
): Promise<void> {
  reply.hijack()
  const raw: ServerResponse = reply.raw
  raw.on('error', (error) => request.log.warn({ err: error }, 'chat stream socket error'))
  raw.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache, no-transform',
    connection: 'keep-alive',
    'x-accel-buffering': 'no',
    'x-request-id': request.id,
    'x-chat-thread-id': input.clientThreadId,
  })
  const open = () => !raw.destroyed && !raw.writableEnded
  const send = (event: string, data: unknown) => {
    if (open()) raw.write(`event: ${event}\ndata: ${JSON.stringify(data)}\n\n`)
  }
  let disconnected = false
  raw.on('close', () => {
    if (!raw.writableFinished) disconnected = true
  })

  const started = Date.now()
  send('start', { threadId: input.clientThreadId, requestId: request.id })
  const heartbeat = setInterval(() => send('heartbeat', { elapsedMs: Date.now() - started }), input.heartbeatMs)
  try {
    const answer = await respondOrFriendlyError(request, () => input.run((event) => send('progress', { step: event.step, message: event.message })))
    send('reply', answer)
  } catch (error) {
    const known = isAppError(error) ? error : friendlyFailure(request.id)
    send('error', { code: known.code, status: known.status, detail: known.message, request_id: request.id })
  } finally {
    clearInterval(heartbeat)
    if (open()) raw.end()
    if (disconnected) request.log.info({ elapsedMs: Date.now() - started }, 'chat client disconnected before the reply; the turn finished anyway')
  }
}
