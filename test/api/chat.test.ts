/**
 * The chat API over the real HTTP stack, with a scripted analyst agent behind it (the agent is an interface;
 * the database, keys and authentication are real).
 */
import { request as httpRequest } from 'node:http'
import type { AddressInfo } from 'node:net'
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { AgentReply, AgentTurnRequest, AnalystAgent, ProgressEvent } from '../../agents/agent-contract.js'
import { AppError } from '../../src/errors/app-error.js'
import { describeEachDatabase } from '../support/test-database.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

type Script = (request: AgentTurnRequest) => Promise<AgentReply>

function replyFor(request: AgentTurnRequest, overrides: Partial<AgentReply> = {}): AgentReply {
  return {
    turnId: `turn-${request.message.length}`,
    threadId: request.threadId,
    ok: true,
    intent: 'analytics',
    language: 'en',
    text: 'Revenue by region — March 2025:\n```\nRegion  Revenue\n```\n\nHow computed: Revenue = sum of line totals.',
    headline: 'Revenue by region — March 2025:',
    sql: 'select region, sum(total) from sales group by region',
    showSql: request.showSql ?? false,
    table: {
      columns: [
        { name: 'region', label: 'Region', role: 'dimension' },
        { name: 'revenue', label: 'Revenue', role: 'metric' },
      ],
      rows: [{ region: 'Sul', revenue: 10 }],
      display: [['Sul', 'R$ 10,00']],
      truncated: false,
    },
    wantsChart: false,
    suggestions: ['and the month before?'],
    model: 'offline',
    usage: { inputTokens: 0, outputTokens: 0 },
    totalMs: 5,
    ...overrides,
  }
}

/** The default script: two progress events, then an answer. */
const answering: Script = async (request) => {
  request.onProgress?.({ step: 'understanding', message: 'Understanding the question…' })
  request.onProgress?.({ step: 'querying', message: 'Querying the sales data…' })
  return replyFor(request)
}

interface SseEvent { event: string; data: unknown }

function parseSse(body: string): SseEvent[] {
  return body
    .split('\n\n')
    .filter((block) => block.trim())
    .map((block) => {
      const lines = block.split('\n')
      const event = lines.find((l) => l.startsWith('event: '))?.slice(7) ?? 'message'
      const data = lines.filter((l) => l.startsWith('data: ')).map((l) => l.slice(6)).join('\n')
      return { event, data: JSON.parse(data) as unknown }
    })
}

describeEachDatabase('chat API', (kind) => {
  let t: TestApp
  const received: AgentTurnRequest[] = []
  let script: Script = answering
  const agent: AnalystAgent = {
    respond(request) {
      received.push(request)
      return script(request)
    },
  }
  const keyIds: Record<string, number> = {}

  beforeAll(async () => {
    t = await createTestApp(kind, { agent })
    for (const row of await t.database.db.selectFrom('api_keys').select(['id', 'name']).execute()) keyIds[row.name] = row.id
  })
  afterAll(async () => t?.close())
  beforeEach(() => {
    received.length = 0
    script = answering
  })

  const chat = (key: string | undefined, payload: unknown, accept = 'application/json') =>
    t.as(key, { method: 'POST', url: '/api/chat', headers: { accept }, payload: payload as Record<string, unknown> })

  it('refuses a request without an API key with 401 problem+json, before the agent hears anything', async () => {
    const response = await chat(undefined, { message: 'revenue last month' })
    expect(response.statusCode).toBe(401)
    expect(response.headers['content-type']).toContain('application/problem+json')
    expect(received).toHaveLength(0)
  })

  it('rejects an empty message, a message over 2000 characters and a malformed thread id as problem+json', async () => {
    const cases = [
      { payload: { message: '   ' }, path: 'message' },
      { payload: { message: 'x'.repeat(2001) }, path: 'message' },
      { payload: { message: 'hi', threadId: '../other-thread' }, path: 'threadId' },
      { payload: { message: 'hi', threadId: 'a'.repeat(65) }, path: 'threadId' },
      { payload: { message: 'hi', threadId: 'web:key-1:abc' }, path: 'threadId' },
    ]
    for (const { payload, path } of cases) {
      const response = await chat(t.keys.admin, payload)
      expect(response.statusCode, JSON.stringify(payload).slice(0, 80)).toBe(400)
      expect(response.headers['content-type']).toContain('application/problem+json')
      const problem = response.json()
      expect(problem.code).toBe('validation_failed')
      expect(problem.errors.map((e: { path: string }) => e.path)).toContain(path)
    }
    expect(received).toHaveLength(0)
  })

  it("passes a Confirm or Cancel press on a reply's confirmation to the agent as the turn's action, and refuses a malformed one", async () => {
    const actionId = '3f1c2a4e-8b7d-4c6e-9a1b-2d3e4f5a6b7c'
    const response = await chat(t.keys.maria, { threadId: 'sale-1', message: 'Confirmar', action: { kind: 'confirm', actionId } })
    expect(response.statusCode).toBe(200)
    expect(received[0]).toMatchObject({ message: 'Confirmar', threadId: `web:key-${keyIds.maria}:sale-1`, action: { kind: 'confirm', actionId } })
    received.length = 0
    await chat(t.keys.maria, { threadId: 'sale-1', message: 'show revenue' })
    expect(received[0]).not.toHaveProperty('action')
    for (const action of [{ kind: 'delete', actionId }, { kind: 'confirm', actionId: 'not-a-uuid' }, { kind: 'cancel', actionId, repId: 2 }]) {
      const refused = await chat(t.keys.maria, { message: 'Confirmar', action })
      expect(refused.statusCode, JSON.stringify(action)).toBe(400)
      expect(refused.json().errors.map((e: { path: string }) => e.path.split('.')[0])).toContain('action')
    }
    expect(received).toHaveLength(1)
  })

  it('answers with the agent reply as JSON when the client accepts application/json', async () => {
    const response = await chat(t.keys.analyst, { threadId: 'thread-1', message: 'revenue by region last month', showSql: true })
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('application/json')
    expect(response.headers['x-chat-thread-id']).toBe('thread-1')
    const reply = response.json() as AgentReply
    expect(reply).toMatchObject({ ok: true, showSql: true, threadId: `web:key-${keyIds.analyst}:thread-1`, suggestions: ['and the month before?'] })
    expect(reply.table?.display).toEqual([['Sul', 'R$ 10,00']])
    expect(received[0]).toMatchObject({ message: 'revenue by region last month', surface: 'web', showSql: true, principal: { userId: `key:${keyIds.analyst}`, role: 'analyst' } })
  })

  it('streams start, progress events in order, then exactly one reply as text/event-stream by default', async () => {
    const response = await chat(t.keys.admin, { threadId: 'streamed', message: 'revenue by region last month' }, 'text/event-stream')
    expect(response.statusCode).toBe(200)
    expect(response.headers['content-type']).toContain('text/event-stream')
    expect(response.headers['x-request-id']).toBeTruthy()
    const events = parseSse(response.body)
    expect(events.map((e) => e.event)).toEqual(['start', 'progress', 'progress', 'reply'])
    expect(events[0]!.data).toEqual({ threadId: 'streamed', requestId: response.headers['x-request-id'] })
    expect((events[1]!.data as ProgressEvent).step).toBe('understanding')
    expect((events[2]!.data as ProgressEvent).step).toBe('querying')
    expect(events[3]!.data).toMatchObject({ ok: true, threadId: `web:key-${keyIds.admin}:streamed` })

    // No Accept header at all (curl's */*) also streams.
    const plain = await t.as(t.keys.admin, { method: 'POST', url: '/api/chat', headers: { accept: '*/*' }, payload: { message: 'hi' } })
    expect(plain.headers['content-type']).toContain('text/event-stream')
  })

  it('keeps each key in its own threads: the same client thread id means different conversations for different keys', async () => {
    await chat(t.keys.admin, { threadId: 'shared-name', message: 'revenue' })
    await chat(t.keys.analyst, { threadId: 'shared-name', message: 'revenue' })
    await chat(t.keys.analyst, { message: 'a new conversation' })
    expect(received.map((r) => r.threadId)).toEqual([
      `web:key-${keyIds.admin}:shared-name`,
      `web:key-${keyIds.analyst}:shared-name`,
      expect.stringMatching(new RegExp(`^web:key-${keyIds.analyst}:[A-Za-z0-9_-]{16}$`)),
    ])
    expect(received[2]!.threadId).not.toBe(received[1]!.threadId)
  })

  it('runs a rep key as a rep principal carrying its rep id, and admins and analysts as themselves', async () => {
    await chat(t.keys.maria, { message: 'my revenue this month' })
    await chat(t.keys.joao, { message: 'my revenue this month' })
    await chat(t.keys.admin, { message: 'revenue' })
    expect(received.map((r) => r.principal)).toEqual([
      { userId: `key:${keyIds.maria}`, role: 'rep', repId: t.fixture.repIds.maria },
      { userId: `key:${keyIds.joao}`, role: 'rep', repId: t.fixture.repIds.joao },
      { userId: `key:${keyIds.admin}`, role: 'admin' },
    ])
  })

  it('answers an agent failure with a short friendly error and a reference id, leaking nothing of the failure', async () => {
    script = async (request) => {
      request.onProgress?.({ step: 'understanding', message: 'Understanding the question…' })
      throw new Error('connect ECONNREFUSED 10.0.0.7:5432 password=hunter2 at /srv/secret/agent.ts:42')
    }
    const json = await chat(t.keys.admin, { message: 'revenue' })
    expect(json.statusCode).toBe(500)
    expect(json.headers['content-type']).toContain('application/problem+json')
    const problem = json.json()
    expect(problem.request_id).toBe(json.headers['x-request-id'])
    expect(problem.detail).toContain(problem.request_id)
    expect(json.body).not.toMatch(/ECONNREFUSED|hunter2|secret|agent\.ts|stack/i)

    const streamed = await chat(t.keys.admin, { message: 'revenue' }, 'text/event-stream')
    expect(streamed.statusCode).toBe(200)
    const events = parseSse(streamed.body)
    expect(events.map((e) => e.event)).toEqual(['start', 'progress', 'error'])
    const error = events[2]!.data as { code: string; detail: string; request_id: string }
    expect(error.code).toBe('internal')
    expect(error.request_id).toBe(streamed.headers['x-request-id'])
    expect(error.detail).toContain(error.request_id)
    expect(streamed.body).not.toMatch(/ECONNREFUSED|hunter2|secret|agent\.ts/i)
  })

  it('passes on a typed error the agent raises with its own safe message and status', async () => {
    script = async () => {
      throw new AppError('not_ready', 'The language model is not configured; set one up or use the offline planner.')
    }
    const response = await chat(t.keys.admin, { message: 'revenue' })
    expect(response.statusCode).toBe(503)
    expect(response.json()).toMatchObject({ code: 'not_ready', detail: expect.stringContaining('not configured') })
  })

  it('survives a client that disconnects mid-stream: the turn finishes and the server keeps answering', async () => {
    let release!: () => void
    const released = new Promise<void>((resolve) => (release = resolve))
    let finished: AgentReply | undefined
    script = async (request) => {
      request.onProgress?.({ step: 'understanding', message: 'Understanding the question…' })
      await released
      // Progress after the client left must be dropped quietly, not thrown back at the agent.
      request.onProgress?.({ step: 'querying', message: 'Querying the sales data…' })
      finished = replyFor(request)
      return finished
    }
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    const { port } = t.app.server.address() as AddressInfo
    const firstChunk = await new Promise<string>((resolve, reject) => {
      const req = httpRequest(
        { host: '127.0.0.1', port, method: 'POST', path: '/api/chat', headers: { authorization: `Bearer ${t.keys.admin}`, 'content-type': 'application/json', accept: 'text/event-stream' } },
        (res) => {
          res.once('data', (chunk: Buffer) => {
            resolve(String(chunk))
            req.destroy()
          })
        },
      )
      req.on('error', (error) => (error.message.includes('socket hang up') || error.message.includes('aborted') ? undefined : reject(error)))
      req.end(JSON.stringify({ message: 'revenue by region last month' }))
    })
    expect(firstChunk).toContain('event: start')
    await new Promise((resolve) => setTimeout(resolve, 50))
    release()
    await expect.poll(() => finished).toBeDefined()

    script = answering
    const after = await chat(t.keys.admin, { message: 'still there?' })
    expect(after.statusCode).toBe(200)
  })
})
