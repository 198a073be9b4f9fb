/**
 * botbuilder's CloudAdapter.process wants an Express/Restify-like request (with the body already parsed) and
 * response. These are the slices it uses, over a Fastify request; the response is recorded and then sent by Fastify,
 * so the shared server's hooks (request id header, logging) still apply.
 */
import type { Request as BotRequest, Response as BotResponse } from 'botbuilder'
import type { FastifyReply, FastifyRequest } from 'fastify'

export function botRequestOf(request: FastifyRequest): BotRequest {
  const body = request.body
  return {
    method: request.method,
    headers: request.headers,
    // CloudAdapter answers 400 itself when the body is not an object.
    ...(body && typeof body === 'object' && !Array.isArray(body) ? { body: body as Record<string, unknown> } : {}),
  }
}

export interface RecordedBotResponse extends BotResponse {
  /** Sends what the adapter wrote through Fastify. */
  sendWith(reply: FastifyReply): FastifyReply
}

export function recordBotResponse(request: FastifyRequest): RecordedBotResponse {
  let statusCode = 200
  let body: unknown
  const headers: Record<string, string> = {}
  return {
    socket: request.raw.socket,
    status(code: unknown) {
      statusCode = Number(code)
      return this
    },
    header(name: unknown, value: unknown) {
      headers[String(name).toLowerCase()] = String(value)
      return this
    },
    send(payload: unknown) {
      body = payload
      return this
    },
    end() {
      return this
    },
    sendWith(reply) {
      void reply.code(statusCode).headers(headers)
      if (body === undefined) return reply.send()
      return typeof body === 'string' ? reply.type('text/plain; charset=utf-8').send(body) : reply.send(body)
    },
  }
}
