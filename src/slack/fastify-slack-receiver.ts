/**
 * A Bolt receiver on the shared Fastify server: POST /slack/events takes events, interactivity and slash commands.
 * Transport only — it verifies Slack's signature on the raw body (v0 HMAC-SHA256 of `v0:timestamp:body`, at most
 * five minutes old) before anything is parsed or run, answers Slack's URL verification, and responds as soon as
 * the listener acknowledges (within Slack's 3 seconds) while the listener goes on answering.
 */
import { verifySlackRequest, type App, type Receiver, type ReceiverEvent } from '@slack/bolt'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { Logger } from '../logging/logger.js'
import type { ChatPlatformMount } from '../http/routes/chat-platforms.js'

export const slackEventsPath = '/slack/events'

export interface FastifySlackReceiver extends Receiver {
  readonly mount: ChatPlatformMount
  /** Resolves when every event received so far has been fully handled (tests, graceful shutdown). */
  idle(): Promise<void>
}

const header = (request: FastifyRequest, name: string): string | undefined => {
  const value = request.headers[name]
  return Array.isArray(value) ? value[0] : value
}

function parseBody(raw: string, contentType: string | undefined): Record<string, unknown> {
  if (contentType?.startsWith('application/x-www-form-urlencoded')) {
    const form = new URLSearchParams(raw)
    const payload = form.get('payload')
    // Interactivity posts a JSON `payload` field; slash commands post plain fields.
    return payload !== null ? (JSON.parse(payload) as Record<string, unknown>) : Object.fromEntries(form)
  }
  return JSON.parse(raw) as Record<string, unknown>
}

export function createFastifySlackReceiver(options: { signingSecret: string; logger: Logger; clock: () => Date; beforeStart?: (app: App) => Promise<void> }): FastifySlackReceiver {
  const log = options.logger.child({ component: 'slack' })
  let bolt: App | undefined
  const inFlight = new Set<Promise<void>>()

  const mount: ChatPlatformMount = async (fastify: FastifyInstance) => {
    const app = bolt
    if (!app) throw new Error('The Slack receiver was mounted before a Bolt App was built on it.')
    await options.beforeStart?.(app)
    // Signatures are over the exact bytes Slack sent: keep every body as a string in this plugin's scope.
    fastify.removeAllContentTypeParsers()
    fastify.addContentTypeParser('*', { parseAs: 'string' }, (_request, body, done) => done(null, body))

    fastify.post(slackEventsPath, { schema: { hide: true } }, async (request, reply) => {
      const raw = typeof request.body === 'string' ? request.body : ''
      try {
        verifySlackRequest({
          signingSecret: options.signingSecret,
          body: raw,
          headers: { 'x-slack-signature': header(request, 'x-slack-signature') ?? '', 'x-slack-request-timestamp': Number(header(request, 'x-slack-request-timestamp')) },
          nowMilliseconds: options.clock().getTime(),
        })
      } catch (error) {
        log.warn({ reason: error instanceof Error ? error.message : String(error), requestId: request.id }, 'refused a Slack request whose signature did not verify')
        return reply.code(401).send()
      }
      let body: Record<string, unknown>
      try {
        body = parseBody(raw, header(request, 'content-type'))
      } catch (error) {
        log.warn({ err: error, requestId: request.id }, 'a signed Slack request had a body that is not JSON or a form')
        return reply.code(400).send()
      }
      if (body.ssl_check) return reply.code(200).send()
      if (body.type === 'url_verification') return reply.send({ challenge: body.challenge })

      const retryNum = Number(header(request, 'x-slack-retry-num'))
      const retryReason = header(request, 'x-slack-retry-reason')
      const response = await new Promise<unknown>((resolve) => {
        let acked = false
        const event: ReceiverEvent = {
          body,
          ...(Number.isInteger(retryNum) ? { retryNum } : {}),
          ...(retryReason ? { retryReason } : {}),
          ack: async (ackResponse?: unknown) => {
            if (acked) return
            acked = true
            resolve(ackResponse)
          },
        }
        const work: Promise<void> = app
          .processEvent(event)
          .catch((error: unknown) => log.error({ err: error }, 'Bolt failed to process a Slack request'))
          .finally(() => {
            inFlight.delete(work)
            if (!acked) resolve(undefined)
          })
        inFlight.add(work)
      })
      if (response === undefined || response === '') return reply.code(200).send()
      return typeof response === 'string' ? reply.type('text/plain').send(response) : reply.send(response)
    })
  }

  return {
    mount,
    init(app: App) {
      bolt = app
    },
    // The shared server listens and closes; the receiver has nothing of its own to start.
    async start() {
      return undefined
    },
    async stop() {
      return undefined
    },
    async idle() {
      while (inFlight.size) await Promise.allSettled([...inFlight])
    },
  }
}
