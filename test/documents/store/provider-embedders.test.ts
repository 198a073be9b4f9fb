import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Config } from '../../../src/config/config.js'
import { createEmbedder } from '../../../src/documents/embeddings/create-embedder.js'
import { embedText } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { AppError } from '../../../src/errors/app-error.js'
import { startEmbeddingApiStandIn, type EmbeddingApiStandIn } from './support/embedding-api-stand-in.js'

type EmbeddingSettings = Config['embeddings']
const settings = (overrides: Partial<EmbeddingSettings>): EmbeddingSettings => ({ provider: 'local', model: undefined, baseUrl: undefined, apiKey: undefined, dimension: undefined, ...overrides })
const texts = (n: number) => Array.from({ length: n }, (_, i) => `Passage number ${i} about discounts and commissions.`)

describe('embedders of real models, against a local stand-in of their HTTP APIs', () => {
  let api: EmbeddingApiStandIn
  beforeAll(async () => {
    api = await startEmbeddingApiStandIn({ dimension: 48 })
  })
  afterAll(async () => api?.close())
  beforeEach(() => {
    api.requests.length = 0
    api.failNext(200, 0)
    api.answerWithDimension(undefined)
  })

  const providers = [
    { provider: 'openai' as const, path: '/v1/embeddings', baseUrl: () => `${api.url}/v1`, model: 'text-embedding-3-small' },
    { provider: 'ollama' as const, path: '/api/embed', baseUrl: () => api.url, model: 'nomic-embed-text' },
  ]

  for (const p of providers) {
    describe(p.provider, () => {
      it(`discovers the dimension with one probe when none is configured, and names the model ${p.provider}:<model>`, async () => {
        const embedder = await createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.baseUrl() }))
        expect(embedder).toMatchObject({ model: `${p.provider}:${p.model}`, dimension: 48 })
        expect(api.requests.map((r) => [r.path, r.body.model])).toEqual([[p.path, p.model]])
      })

      it('sends the texts in batches of 64 and returns their vectors in order', async () => {
        const embedder = await createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.baseUrl(), dimension: 48 }))
        const input = texts(150)
        const vectors = await embedder.embed(input, 'document')
        expect(api.requests.map((r) => (r.body.input as string[]).length)).toEqual([64, 64, 22])
        expect(vectors).toHaveLength(150)
        for (const [i, vector] of vectors.entries()) {
          expect(vector).toHaveLength(48)
          // float32 on the wire (OpenAI's default base64), so compare approximately.
          expect(vector[0]).toBeCloseTo(embedText(input[i]!, 48)[0]!, 6)
        }
      })

      it('asks for the configured dimension', async () => {
        const embedder = await createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.baseUrl(), dimension: 32 }))
        expect(api.requests).toEqual([])
        const [vector] = await embedder.embed(['hello'], 'query')
        expect(vector).toHaveLength(32)
        expect(api.requests[0]!.body.dimensions).toBe(32)
      })

      it('turns a provider failure into an AppError with a safe message and the cause attached', async () => {
        const embedder = await createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.baseUrl(), dimension: 48 }), { maxRetries: 0 })
        api.failNext(401)
        const error = await embedder.embed(['hello'], 'query').catch((e: unknown) => e)
        expect(error).toBeInstanceOf(AppError)
        expect(error).toMatchObject({ code: 'not_ready', details: { model: `${p.provider}:${p.model}` } })
        expect((error as AppError).message).toContain(`${p.provider}:${p.model}`)
        expect((error as AppError).message).not.toContain('secret-host')
        expect((error as AppError).cause).toBeDefined()
      })

      it('retries a transient server error', async () => {
        const embedder = await createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.baseUrl(), dimension: 48 }), { maxRetries: 1 })
        api.failNext(503)
        expect(await embedder.embed(['hello'], 'query')).toHaveLength(1)
        expect(api.requests).toHaveLength(2)
      })

      it('refuses vectors of another dimension than the configured one, naming the setting to fix', async () => {
        const embedder = await createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.baseUrl(), dimension: 48 }))
        api.answerWithDimension(40)
        await expect(embedder.embed(['hello'], 'document')).rejects.toMatchObject({ code: 'not_ready', message: expect.stringContaining('EMBEDDINGS_DIMENSION') })
      })

      it('fails to start with an AppError when the server cannot be reached', async () => {
        await expect(createEmbedder(settings({ provider: p.provider, model: p.model, baseUrl: p.provider === 'openai' ? 'http://127.0.0.1:9/v1' : 'http://127.0.0.1:9' }), { maxRetries: 0 })).rejects.toMatchObject({ code: 'not_ready' })
      })
    })
  }

  it('OpenAI sends the configured key as a bearer token, and a placeholder for keyless local servers', async () => {
    await createEmbedder(settings({ provider: 'openai', model: 'm', baseUrl: `${api.url}/v1`, apiKey: 'sk-test' }))
    await createEmbedder(settings({ provider: 'openai', model: 'm', baseUrl: `${api.url}/v1` }))
    expect(api.requests.map((r) => r.authorization)).toEqual(['Bearer sk-test', 'Bearer not-needed'])
  })

  it('the local provider needs no server', async () => {
    const embedder = await createEmbedder(settings({ provider: 'local', dimension: 64 }))
    expect(embedder).toMatchObject({ model: 'local-hash-v1', dimension: 64 })
    expect(api.requests).toEqual([])
  })
})
