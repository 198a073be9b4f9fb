/**
 * A client of the running service's chat API (POST /api/chat, Server-Sent Events): the terminal chat talks to the
 * same agent, memory and permissions as the web chat — and works while `npm start` holds the embedded database.
 */
import type { AgentReply, ProgressEvent } from '../../agents/agent-contract.js'
import { AppError } from '../errors/app-error.js'

export interface ChatClientOptions {
  readonly url: string
  readonly apiKey: string
  /** fetch, replaceable in tests. */
  readonly fetch?: typeof fetch
}

export interface ChatTurnInput {
  readonly threadId: string
  readonly message: string
  readonly showSql?: boolean
  readonly onProgress?: (event: ProgressEvent) => void
}

export function createChatClient(options: ChatClientOptions) {
  const doFetch = options.fetch ?? fetch
  const base = options.url.replace(/\/+$/, '')
  const headers = { authorization: `Bearer ${options.apiKey}`, 'content-type': 'application/json' }

  const request = async (path: string, init: RequestInit): Promise<Response> => {
    try {
      return await doFetch(`${base}${path}`, { ...init, headers: { ...headers, ...(init.headers ?? {}) } })
    } catch (error) {
      throw new AppError('not_ready', `Cannot reach SalesMatrix at ${base} (${(error as Error).message}). Start it with \`npm start\`, or set SALESMATRIX_URL / --url.`, {}, { cause: error })
    }
  }

  const problem = async (response: Response): Promise<never> => {
    const body = (await response.json().catch(() => ({}))) as { detail?: string; title?: string }
    const code = response.status === 401 ? 'unauthorized' : response.status === 403 ? 'forbidden' : response.status === 503 ? 'not_ready' : response.status === 404 ? 'not_found' : 'bad_request'
    throw new AppError(code, body.detail ?? body.title ?? `The service answered ${response.status}.`)
  }

  return {
    async send(input: ChatTurnInput): Promise<AgentReply> {
      const response = await request('/api/chat', {
        method: 'POST',
        headers: { accept: 'text/event-stream' },
        body: JSON.stringify({ threadId: input.threadId, message: input.message, ...(input.showSql ? { showSql: true } : {}) }),
      })
      if (!response.ok || !response.body) return problem(response)
      let answer: AgentReply | undefined
      for await (const event of readServerSentEvents(response.body)) {
        if (event.event === 'progress') input.onProgress?.(JSON.parse(event.data) as ProgressEvent)
        else if (event.event === 'reply') answer = JSON.parse(event.data) as AgentReply
        else if (event.event === 'error') {
          const failure = JSON.parse(event.data) as { detail?: string; request_id?: string }
          throw new AppError('internal', failure.detail ?? `The turn failed (reference ${failure.request_id ?? '?'}).`)
        }
      }
      if (!answer) throw new AppError('internal', 'The service closed the stream without a reply.')
      return answer
    },

    async feedback(turnId: string, rating: 'up' | 'down'): Promise<void> {
      const response = await request(`/api/turns/${encodeURIComponent(turnId)}/feedback`, { method: 'POST', body: JSON.stringify({ rating }) })
      if (!response.ok) await problem(response)
    },
  }
}

export type ChatClient = ReturnType<typeof createChatClient>

/** Parses a text/event-stream body into { event, data } records (data lines joined by newlines). */
export async function* readServerSentEvents(body: ReadableStream<Uint8Array>): AsyncGenerator<{ event: string; data: string }> {
  const decoder = new TextDecoder()
  let buffer = ''
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) {
    buffer += decoder.decode(chunk, { stream: true })
    let end: number
    while ((end = buffer.indexOf('\n\n')) >= 0) {
      const block = buffer.slice(0, end)
      buffer = buffer.slice(end + 2)
      let event = 'message'
      const data: string[] = []
      for (const line of block.split('\n')) {
        if (line.startsWith('event:')) event = line.slice(6).trim()
        else if (line.startsWith('data:')) data.push(line.slice(5).replace(/^ /, ''))
      }
      if (data.length) yield { event, data: data.join('\n') }
    }
  }
}
