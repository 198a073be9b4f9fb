/** Embeddings from an Ollama server (POST /api/embed), through @langchain/ollama. */
import type { Embedder } from '../document-contract.js'
import { createProviderEmbedder, defaultEmbeddingBatchSize, type ProviderCallOptions } from './provider-embedder.js'

export interface OllamaEmbedderSettings {
  readonly model: string
  /** Default http://127.0.0.1:11434. */
  readonly baseUrl?: string
  /** Sent as `dimensions` (models that support shortening); unset = the model's own, found by a probe. */
  readonly dimension?: number
}

export const defaultOllamaUrl = 'http://127.0.0.1:11434'

export async function createOllamaEmbedder(settings: OllamaEmbedderSettings, options: ProviderCallOptions = {}): Promise<Embedder> {
  const { OllamaEmbeddings } = await import('@langchain/ollama')
  const timeoutMs = options.timeoutMs ?? 60_000
  const client = new OllamaEmbeddings({
    model: settings.model,
    // Always given: unset, the library would read OLLAMA_BASE_URL from the environment behind the config's back.
    baseUrl: settings.baseUrl ?? defaultOllamaUrl,
    ...(settings.dimension ? { dimensions: settings.dimension } : {}),
    // A chunk longer than the model's context is cut rather than failing the whole document (chunks are a few
    // paragraphs, so this is a safety net).
    truncate: true,
    maxRetries: options.maxRetries ?? 2,
    // The Ollama client has no timeout of its own.
    fetch: (input, init) => fetch(input, { ...init, signal: withTimeout(init?.signal, timeoutMs) }),
  })
  return createProviderEmbedder({
    model: `ollama:${settings.model}`,
    dimension: settings.dimension,
    batchSize: options.batchSize ?? defaultEmbeddingBatchSize,
    call: (texts) => client.embedDocuments(texts),
  })
}

function withTimeout(signal: AbortSignal | null | undefined, timeoutMs: number): AbortSignal {
  const timeout = AbortSignal.timeout(timeoutMs)
  return signal ? AbortSignal.any([signal, timeout]) : timeout
}
