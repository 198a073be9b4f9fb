/**
 * A local stand-in of the two embedding HTTP APIs the embedders call: OpenAI's POST /v1/embeddings (float or base64
 * vectors, as the client asks) and Ollama's POST /api/embed (what @langchain/ollama 1.3.0 calls through the ollama
 * client). Vectors come from the local hashed embedder, so they are deterministic; every request is recorded, and
 * the next few can be made to fail.
 */
import { createServer, type IncomingMessage, type Server } from 'node:http'
import type { AddressInfo } from 'node:net'
import { embedText } from '../../../../src/documents/embeddings/local-hashed-embedder.js'

export interface RecordedEmbeddingRequest {
  readonly path: string
  readonly authorization: string | undefined
  readonly body: { model?: string; input?: string | string[]; dimensions?: number; encoding_format?: string; truncate?: boolean }
}

export interface EmbeddingApiStandIn {
  /** The server's root; OpenAI's base URL is `${url}/v1`. */
  readonly url: string
  readonly requests: RecordedEmbeddingRequest[]
  /** Answers the next `times` requests with this HTTP status and an error body. */
  failNext(status: number, times?: number): void
  /** Answers with vectors of this many dimensions whatever was asked (a misconfigured model); undefined = as asked. */
  answerWithDimension(dimension: number | undefined): void
  close(): Promise<void>
}

export async function startEmbeddingApiStandIn(options: { dimension: number }): Promise<EmbeddingApiStandIn> {
  const requests: RecordedEmbeddingRequest[] = []
  let failures: { status: number; left: number } | undefined
  let forcedDimension: number | undefined
  const server: Server = createServer((request, response) => {
    void (async () => {
      const body = (await readJson(request)) as RecordedEmbeddingRequest['body']
      const path = (request.url ?? '').split('?')[0]!
      requests.push({ path, authorization: request.headers.authorization, body })
      const json = (status: number, payload: unknown) => {
        response.writeHead(status, { 'content-type': 'application/json' })
        response.end(JSON.stringify(payload))
      }
      if (failures && failures.left > 0) {
        failures.left -= 1
        return json(failures.status, { error: { message: 'stand-in failure: upstream secret-host.internal refused', type: 'server_error' } })
      }
      const inputs = typeof body.input === 'string' ? [body.input] : (body.input ?? [])
      const dimension = forcedDimension ?? body.dimensions ?? options.dimension
      const vectors = inputs.map((text) => embedText(text, dimension))
      if (request.method === 'POST' && path === '/v1/embeddings') {
        const encode = (vector: number[]) => (body.encoding_format === 'base64' ? Buffer.from(new Float32Array(vector).buffer).toString('base64') : vector)
        return json(200, {
          object: 'list',
          data: vectors.map((vector, index) => ({ object: 'embedding', index, embedding: encode(vector) })),
          model: body.model,
          usage: { prompt_tokens: inputs.length, total_tokens: inputs.length },
        })
      }
      if (request.method === 'POST' && path === '/api/embed') {
        return json(200, { model: body.model, embeddings: vectors, total_duration: 1, load_duration: 0, prompt_eval_count: inputs.length })
      }
      json(404, { error: `no stand-in for ${request.method} ${path}` })
    })().catch((error: unknown) => {
      response.writeHead(500)
      response.end(String(error))
    })
  })
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const { port } = server.address() as AddressInfo
  return {
    url: `http://127.0.0.1:${port}`,
    requests,
    failNext(status, times = 1) {
      failures = { status, left: times }
    },
    answerWithDimension(dimension) {
      forcedDimension = dimension
    },
    close: () => new Promise((resolve) => server.close(() => resolve())),
  }
}

async function readJson(request: IncomingMessage): Promise<unknown> {
  let text = ''
  for await (const chunk of request) text += String(chunk)
  return text ? JSON.parse(text) : {}
}
