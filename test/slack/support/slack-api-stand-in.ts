/**
 * A local stand-in for Slack's Web API: a node:http server that answers the methods the bot calls with realistic
 * JSON and records every call — chat.postMessage/update/postEphemeral, views.publish, users.info, auth.test,
 * files.uploadV2's three steps (files.getUploadURLExternal, the upload URL, files.completeUploadExternal) and
 * files.info — and serves the files users shared at their url_private_download, to the bot token only (anyone else
 * gets Slack's sign-in page, with status 200, as Slack does).
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'

export interface RecordedCall {
  readonly method: string
  readonly args: Record<string, unknown>
  /** What the stand-in answered (Web API methods only), e.g. the ts chat.postMessage gave the message. */
  readonly response?: Record<string, unknown>
}

/** A file as it appears in a message event's `files`. */
export interface SharedSlackFile {
  readonly id: string
  readonly name: string
  readonly title: string
  readonly mimetype: string
  readonly filetype: string
  readonly size: number
  readonly mode: 'hosted'
  readonly url_private: string
  readonly url_private_download: string
}

export interface SlackApiStandIn {
  /** For SLACK_API_URL / clientOptions.slackApiUrl. */
  readonly url: string
  readonly calls: RecordedCall[]
  /** Bytes posted to each upload URL, by file id. */
  readonly uploads: Map<string, Buffer>
  callsTo(method: string): RecordedCall[]
  /** The next call to `method` answers `{ ok: false, error }`. */
  failNext(method: string, error: string): void
  /** users.info answers this locale for the user (default en-US). */
  setLocale(userId: string, locale: string): void
  /** A file a user shared: served at its url_private_download to `Bearer <botToken>`. */
  shareFile(file: { name: string; bytes: Uint8Array; mimetype?: string; size?: number }): SharedSlackFile
  /** Every download of a shared file, with the Authorization header it came with. */
  readonly downloads: { readonly fileId: string; readonly authorization: string | undefined }[]
  reset(): void
  close(): Promise<void>
}

export const botUserId = 'UBOT'
export const botId = 'BBOT'
/** The bot token the harness configures: the only one that may download shared files. */
export const botToken = 'xoxb-test-token'

const readBody = async (request: IncomingMessage): Promise<Buffer> => {
  const parts: Buffer[] = []
  for await (const part of request) parts.push(part as Buffer)
  return Buffer.concat(parts)
}

/** The file in an upload: the first multipart part's content (WebClient posts multipart/form-data), else the raw body. */
function fileBytes(raw: Buffer, contentType: string | undefined): Buffer {
  const boundary = /boundary=(?:"([^"]+)"|([^;]+))/.exec(contentType ?? '')
  if (!boundary) return raw
  const marker = Buffer.from(`--${boundary[1] ?? boundary[2]}`)
  const start = raw.indexOf(marker)
  const headersEnd = raw.indexOf('\r\n\r\n', start)
  const end = raw.indexOf(Buffer.concat([Buffer.from('\r\n'), marker]), headersEnd)
  return start < 0 || headersEnd < 0 || end < 0 ? raw : raw.subarray(headersEnd + 4, end)
}

/** WebClient sends form fields, with objects and arrays as JSON text. */
function parseArgs(raw: Buffer, contentType: string | undefined): Record<string, unknown> {
  const text = raw.toString('utf8')
  if (contentType?.includes('application/json')) return text ? (JSON.parse(text) as Record<string, unknown>) : {}
  const args: Record<string, unknown> = {}
  for (const [key, value] of new URLSearchParams(text)) {
    args[key] = /^[[{]/.test(value) ? JSON.parse(value) : value
  }
  return args
}

export async function startSlackApiStandIn(): Promise<SlackApiStandIn> {
  const calls: RecordedCall[] = []
  const uploads = new Map<string, Buffer>()
  const failures = new Map<string, string>()
  const locales = new Map<string, string>()
  const shared = new Map<string, { file: SharedSlackFile; bytes: Uint8Array }>()
  const downloads: SlackApiStandIn['downloads'] = []
  let seq = 0
  let base = ''
  const nextTs = () => `1760000000.${String(++seq).padStart(6, '0')}`

  const answer = (method: string, args: Record<string, unknown>): Record<string, unknown> => {
    switch (method) {
      case 'auth.test':
        return { ok: true, url: 'https://acme.slack.com/', team: 'Acme', user: 'salesmatrix', team_id: 'T1', user_id: botUserId, bot_id: botId }
      case 'chat.postMessage': {
        const ts = nextTs()
        return { ok: true, channel: args.channel, ts, message: { type: 'message', text: args.text, user: botUserId, bot_id: botId, ts, ...(args.thread_ts ? { thread_ts: args.thread_ts } : {}) } }
      }
      case 'chat.update':
        return { ok: true, channel: args.channel, ts: args.ts, text: args.text }
      case 'chat.postEphemeral':
        return { ok: true, message_ts: nextTs() }
      case 'views.publish':
        return { ok: true, view: { id: 'V0001', type: 'home' } }
      case 'users.info':
        return { ok: true, user: { id: args.user, name: String(args.user).toLowerCase(), locale: locales.get(String(args.user)) ?? 'en-US' } }
      case 'files.getUploadURLExternal': {
        const fileId = `F${String(++seq).padStart(6, '0')}`
        return { ok: true, upload_url: `${base}/upload/${fileId}`, file_id: fileId }
      }
      case 'files.info': {
        const known = shared.get(String(args.file))
        return known ? { ok: true, file: known.file } : { ok: false, error: 'file_not_found' }
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
      if (path.startsWith('/files-pri/')) {
        const fileId = path.split('/')[2]!.split('-')[1]!
        const authorization = request.headers.authorization
        downloads.push({ fileId, authorization })
        const known = shared.get(fileId)
        if (authorization !== `Bearer ${botToken}` || !known) {
          response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end('<!DOCTYPE html><html><body>Sign in to Slack</body></html>')
          return
        }
        response.writeHead(200, { 'content-type': known.file.mimetype, 'content-length': String(known.bytes.byteLength) }).end(Buffer.from(known.bytes))
        return
      }
      if (path.startsWith('/upload/')) {
        const fileId = path.slice('/upload/'.length)
        uploads.set(fileId, fileBytes(raw, request.headers['content-type']))
        calls.push({ method: 'upload', args: { fileId, bytes: raw.length } })
        response.writeHead(200, { 'content-type': 'text/plain' }).end(`OK - ${raw.length}`)
        return
      }
      const method = path.replace(/^\/api\//, '').split('?')[0]!
      const args = parseArgs(raw, request.headers['content-type'])
      const failure = failures.get(method)
      failures.delete(method)
      const body = failure ? { ok: false, error: failure } : answer(method, args)
      calls.push({ method, args, response: body })
      response.writeHead(200, { 'content-type': 'application/json' }).end(JSON.stringify(body))
    })()
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`

  return {
    url: `${base}/api/`,
    calls,
    uploads,
    callsTo: (method) => calls.filter((c) => c.method === method),
    failNext: (method, error) => void failures.set(method, error),
    setLocale: (userId, locale) => void locales.set(userId, locale),
    downloads,
    shareFile({ name, bytes, mimetype, size }) {
      const id = `F${String(++seq).padStart(6, '0')}`
      const url = `${base}/files-pri/T1-${id}/${encodeURIComponent(name)}`
      const file: SharedSlackFile = { id, name, title: name, mimetype: mimetype ?? 'application/octet-stream', filetype: name.split('.').pop() ?? '', size: size ?? bytes.byteLength, mode: 'hosted', url_private: url, url_private_download: `${url}?download=1` }
      shared.set(id, { file, bytes })
      return file
    },
    reset() {
      calls.length = 0
      uploads.clear()
      downloads.length = 0
    },
    close: () => new Promise<void>((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  }
}
