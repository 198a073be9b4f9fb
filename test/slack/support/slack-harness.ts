/**
 * The Slack surface as Slack sees it: the real server (createHttpServer with the Slack mount), real Bolt, requests
 * signed with the signing secret exactly as Slack signs them, and Web API calls going to a local stand-in.
 */
import { createHmac, randomUUID } from 'node:crypto'
import type { FastifyInstance, LightMyRequestResponse } from 'fastify'
import type { AnalystAgent } from '../../../agents/agent-contract.js'
import { createHttpServer } from '../../../src/http/create-http-server.js'
import { createChatIdentityResolver } from '../../../src/identity/create-chat-identity-resolver.js'
import { createLogger } from '../../../src/logging/logger.js'
import type { DatabaseKind } from '../../../src/db/open-database.js'
import { createSlackMount, type SlackMount } from '../../../src/slack/create-slack-mount.js'
import { createTestDatabase, type TestDatabase } from '../../support/test-database.js'
import type { DocumentIngestion } from '../../../src/documents/document-contract.js'
import type { DigestService } from '../../../src/digests/delivery/create-digest-service.js'
import type { DigestThreadLookup } from '../../../src/slack/digests/digest-threads.js'
import { botToken, botUserId, startSlackApiStandIn, type SlackApiStandIn } from './slack-api-stand-in.js'

export const signingSecret = 'test-signing-secret-0123456789'
export const teamId = 'T1'

export interface SlackHarness {
  readonly app: FastifyInstance
  readonly database: TestDatabase
  readonly api: SlackApiStandIn
  readonly mount: SlackMount
  /** POSTs a raw body to /slack/events, signed (or with the given signature). */
  post(body: string, contentType: string, options?: { signature?: string; timestamp?: number; headers?: Record<string, string> }): Promise<LightMyRequestResponse>
  /** An Events API envelope around `event`; waits until the bot has finished answering. */
  sendEvent(event: Record<string, unknown>, options?: { eventId?: string; retryNum?: number }): Promise<LightMyRequestResponse>
  sendCommand(text: string, options?: { userId?: string; channelId?: string; channelName?: string }): Promise<LightMyRequestResponse>
  /** A button press on a message the bot posted (block_actions). */
  pressButton(button: { actionId: string; value: string; text?: string }, where: { userId: string; channelId: string; messageTs: string; threadTs?: string }): Promise<LightMyRequestResponse>
  close(): Promise<void>
}

export function slackSignature(secret: string, timestamp: number, body: string): string {
  return `v0=${createHmac('sha256', secret).update(`v0:${timestamp}:${body}`).digest('hex')}`
}

export async function createSlackHarness(
  kind: DatabaseKind,
  options: { agent: AnalystAgent; database?: TestDatabase; clock?: () => Date; documents?: DocumentIngestion; maxDocumentBytes?: number; digests?: DigestService; digestThreads?: DigestThreadLookup },
): Promise<SlackHarness> {
  const database = options.database ?? (await createTestDatabase(kind))
  const api = await startSlackApiStandIn()
  const logger = createLogger({ level: 'silent' })
  const clock = options.clock ?? (() => new Date())
  const mount = createSlackMount({
    config: { slack: { signingSecret, botToken, apiUrl: api.url } },
    agent: options.agent,
    identities: createChatIdentityResolver(database.db),
    db: database.db,
    logger,
    clock,
    apiRetries: 0,
    progressIntervalMs: 0,
    ...(options.documents ? { documents: options.documents } : {}),
    ...(options.maxDocumentBytes !== undefined ? { maxDocumentBytes: options.maxDocumentBytes } : {}),
    ...(options.digests ? { digests: options.digests } : {}),
    ...(options.digestThreads ? { digestThreads: options.digestThreads } : {}),
  })
  const app = await createHttpServer({
    db: database.db,
    databaseKind: kind,
    logger,
    readiness: { pending: () => undefined },
    limits: { bodyLimitBytes: 1024 * 1024, importLimitBytes: 1024 * 1024 },
    chatPlatforms: [mount],
  })
  await app.ready()

  const post: SlackHarness['post'] = async (body, contentType, postOptions = {}) => {
    const timestamp = postOptions.timestamp ?? Math.floor(clock().getTime() / 1000)
    const response = await app.inject({
      method: 'POST',
      url: '/slack/events',
      payload: body,
      headers: {
        'content-type': contentType,
        'x-slack-request-timestamp': String(timestamp),
        'x-slack-signature': postOptions.signature ?? slackSignature(signingSecret, timestamp, body),
        ...(postOptions.headers ?? {}),
      },
    })
    await mount.idle()
    return response
  }

  return {
    app,
    database,
    api,
    mount,
    post,
    sendEvent(event, eventOptions = {}) {
      const envelope = {
        token: 'legacy-verification-token',
        team_id: teamId,
        api_app_id: 'A1',
        event: { event_ts: event.ts, ...event },
        type: 'event_callback',
        event_id: eventOptions.eventId ?? `Ev${randomUUID().replace(/-/g, '').slice(0, 10)}`,
        event_time: Math.floor(clock().getTime() / 1000),
        authorizations: [{ enterprise_id: null, team_id: teamId, user_id: botUserId, is_bot: true, is_enterprise_install: false }],
      }
      return post(JSON.stringify(envelope), 'application/json', eventOptions.retryNum ? { headers: { 'x-slack-retry-num': String(eventOptions.retryNum), 'x-slack-retry-reason': 'http_timeout' } } : {})
    },
    sendCommand(text, commandOptions = {}) {
      const form = new URLSearchParams({
        token: 'legacy-verification-token',
        team_id: teamId,
        team_domain: 'acme',
        channel_id: commandOptions.channelId ?? 'CGENERAL',
        channel_name: commandOptions.channelName ?? 'general',
        user_id: commandOptions.userId ?? 'UMARIA',
        user_name: 'maria',
        command: '/salesmatrix',
        text,
        api_app_id: 'A1',
        response_url: `${api.url.replace(/\/api\/$/, '')}/response-url`,
        trigger_id: 'trigger-1',
      })
      return post(form.toString(), 'application/x-www-form-urlencoded')
    },
    pressButton(button, where) {
      const payload = {
        type: 'block_actions',
        user: { id: where.userId, username: where.userId.toLowerCase(), team_id: teamId },
        api_app_id: 'A1',
        token: 'legacy-verification-token',
        container: { type: 'message', message_ts: where.messageTs, channel_id: where.channelId, is_ephemeral: false },
        trigger_id: 'trigger-2',
        team: { id: teamId, domain: 'acme' },
        channel: { id: where.channelId, name: 'general' },
        message: { type: 'message', user: botUserId, bot_id: 'BBOT', ts: where.messageTs, text: 'answer', ...(where.threadTs ? { thread_ts: where.threadTs } : {}) },
        actions: [{ type: 'button', action_id: button.actionId, block_id: 'smx_turn', text: { type: 'plain_text', text: button.text ?? button.actionId }, value: button.value, action_ts: '1760000100.000001' }],
      }
      return post(new URLSearchParams({ payload: JSON.stringify(payload) }).toString(), 'application/x-www-form-urlencoded')
    },
    async close() {
      await app.close()
      await api.close()
      if (!options.database) await database.close()
    },
  }
}
