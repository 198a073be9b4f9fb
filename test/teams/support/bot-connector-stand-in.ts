/**
 * A local stand-in for the Bot Framework connector (the service behind `activity.serviceUrl`): it records what the bot
 * sends — new activities, replies in a thread, updates — and answers like the real one, with an id per activity. It
 * also plays the file storage behind a shared file's pre-authenticated download URL (GET /files/…), recording each
 * download.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface SentActivity {
  readonly method: 'POST' | 'PUT'
  readonly conversationId: string
  /** The activity replied to (POST …/activities/:id) or updated (PUT …/activities/:id). */
  readonly activityId?: string
  readonly authorization?: string
  readonly activity: {
    type: string
    text?: string
    summary?: string
    replyToId?: string
    conversation?: { id: string }
    attachments?: { contentType: string; content: Record<string, unknown> }[]
  }
}

export interface BotConnectorStandIn {
  readonly url: string
  readonly sent: SentActivity[]
  /** A file a user attached: its download URL, served without authentication (as Teams' pre-authenticated URLs are). */
  shareFile(name: string, bytes: Uint8Array): string
  /** The file paths downloaded, in order. */
  readonly downloads: string[]
  /** What was sent since the last call, and forget it. */
  take(): SentActivity[]
  close(): Promise<void>
}

const activitiesPath = /^\/v3\/conversations\/([^/]+)\/activities(?:\/([^/]+))?\/?$/

export async function startBotConnectorStandIn(): Promise<BotConnectorStandIn> {
  const sent: SentActivity[] = []
  const files = new Map<string, Uint8Array>()
  const downloads: string[] = []
  let next = 0
  let fileSeq = 0
  let base = ''
  const server: Server = createServer((request, response) => {
    const path = new URL(request.url ?? '/', 'http://localhost').pathname
    if (request.method === 'GET' && path.startsWith('/files/')) {
      downloads.push(path)
      const bytes = files.get(path)
      if (!bytes) response.writeHead(404, { 'content-type': 'text/plain' }).end('The link has expired.')
      else response.writeHead(200, { 'content-type': 'application/octet-stream', 'content-length': String(bytes.byteLength) }).end(Buffer.from(bytes))
      return
    }
    void readJson(request).then(
      (body) => {
        const match = activitiesPath.exec(new URL(request.url ?? '/', 'http://localhost').pathname)
        if (!match || (request.method !== 'POST' && request.method !== 'PUT')) {
          response.writeHead(404, { 'content-type': 'application/json' }).end(JSON.stringify({ error: { code: 'NotFound', message: `${request.method} ${request.url}` } }))
          return
        }
        const activityId = match[2] === undefined ? undefined : decodeURIComponent(match[2])
        sent.push({
          method: request.method,
          conversationId: decodeURIComponent(match[1]!),
          ...(activityId !== undefined ? { activityId } : {}),
          ...(request.headers.authorization ? { authorization: request.headers.authorization } : {}),
          activity: body as SentActivity['activity'],
        })
        response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify({ id: activityId && request.method === 'PUT' ? activityId : `sent-${++next}` }))
      },
      (error: unknown) => {
        response.writeHead(400, { 'content-type': 'text/plain' }).end(String(error))
      },
    )
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  base = `http://127.0.0.1:${port}`
  return {
    url: `${base}/`,
    sent,
    downloads,
    shareFile(name, bytes) {
      const path = `/files/${++fileSeq}/${encodeURIComponent(name)}`
      files.set(path, bytes)
      return `${base}${path}?tempauth=test`
    },
    take: () => sent.splice(0, sent.length),
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = []
  for await (const chunk of request) chunks.push(chunk as Buffer)
  const text = Buffer.concat(chunks).toString('utf8')
  return text ? (JSON.parse(text) as unknown) : undefined
}
