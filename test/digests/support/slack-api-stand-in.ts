/**
 * A local stand-in for the parts of Slack's Web API a digest uses: chat.postMessage and files.uploadV2's three steps
 * (files.getUploadURLExternal, the upload URL, files.completeUploadExternal). It records every call, answers like
 * Slack, and can be told to fail the next calls to a method — with HTTP 500, HTTP 429, or `{ ok: false, error }`.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export const digestBotToken = 'xoxb-digest-test-token'

export interface RecordedSlackCall {
  readonly method: string
  readonly args: Record<string, unknown>
  /** What the stand-in answered: ok, or why not. */
  readonly outcome: 'ok' | 'http_500' | 'http_429' | string
}

/** How a call fails: an HTTP status, or Slack's `{ ok: false, error }` (e.g. 'ratelimited', 'channel_not_found'). */
export type SlackFailure = { readonly http: 500 | 429 } | { readonly error: string }

export interface SlackApiStandIn {
  /** For the deliverer's apiUrl. */
  readonly url: string
  readonly calls: readonly RecordedSlackCall[]
  /** Calls to `method` (only the successful ones with `{ ok: true }`). */
  callsTo(method: string, options?: { okOnly?: boolean }): RecordedSlackCall[]
  /** The next calls to `method` fail, in this order; later calls succeed again. */
  failNext(method: string, ...failures: SlackFailure[]): void
  /** Every call to `method` fails this way until `recover(method)`. */
  failAlways(method: string, failure: SlackFailure): void
  recover(method: string): void
  close(): Promise<void>
}

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

/** WebClient posts form fields, objects and arrays as JSON text. */
function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8')
  if (contentType?.includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  const args: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value
  return args
}

export async function startSlackApiStandIn(): Promise<SlackApiStandIn> {
  const calls: RecordedSlackCall[] = []
  const queued = new Map<string, SlackFailure[]>()
  const always = new Map<string, SlackFailure>()
  let seq = 0
  let base = ''

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'chat.postMessage': {
        const ts = `1760000000.${String(++seq).padStart(6, '0')}`
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, ts } }
      }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++seq).padStart(6, '0')}`
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId }
      }
      case 'files.completeUploadExternal': {
        const files = (args.files as { id: string; title?: string }[] | undefined) ?? []
        return { ok: true, files: files.map((f) => ({ id: f.id, title: f.title ?? '' })) }
      }
      default:
        return { ok: false, error: 'unknown_method' }
    }
  }

  const server: Server = createServer((request, response) => {
    void (async () => {
      const raw = await readBody(request)
      const path = request.url ?? ''
      if (path.startsWith('/upload/')) {
        calls.push({ method: 'upload', args: { fileId: path.slice('/upload/'.length), bytes: raw.length }, outcome: 'ok' })
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`)
        return
      }
      const method = path.replace(/^\/api\//, '').split('?')[0]!
      const args = parseArgs(raw, request.headers['content-type'])
      if (request.headers.authorization !== `Bearer ${digestBotToken}`) {
        calls.push({ method, args, outcome: 'invalid_auth' })
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ ok: false, error: 'invalid_auth' }))
        return
      }
      const failure = queued.get(method)?.shift() ?? always.get(method)
      if (failure && 'http' in failure) {
        calls.push({ method, args, outcome: `http_${failure.http}` })
        response.writeHead(failure.http, { 'content-type': 'text/plain', ...(failure.http === 429 ? { 'retry-after': '1' } : {}) }).end('stand-in failure')
        return
      }
      const body = failure ? { ok: false, error: failure.error } : answer(method, args)
      calls.push({ method, args, outcome: body.ok ? 'ok' : String(body.error) })
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: `${base}/api/`,
    calls,
    callsTo: (method, options = {}) => calls.filter((c) => c.method === method && (!options.okOnly || c.outcome === 'ok')),
    failNext: (method, ...failures) => void queued.set(method, [...(queued.get(method) ?? []), ...failures]),
    failAlways: (method, failure) => void always.set(method, failure),
    recover: (method) => void always.delete(method),
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections()
        server.close((error) => (error ? reject(error) : resolve()))
      }),
  }
}
