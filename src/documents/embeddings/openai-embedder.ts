/** Embeddings from OpenAI or any OpenAI-compatible server (vLLM, LM Studio, llama.cpp), through @langchain/openai. */
import type { Embedder } from '../document-contract.js'
import { createProviderEmbedder, defaultEmbeddingBatchSize, type ProviderCallOptions } from './provider-embedder.js'

export interface OpenAiEmbedderSettings {
  readonly model: string
  /** e.g. http://127.0.0.1:8000/v1; unset = OpenAI itself. */
  readonly baseUrl?: string
  readonly apiKey?: string
  /** Sent as `dimensions` (text-embedding-3 models shorten their vectors); unset = the model's own, found by a probe. */
  readonly dimension?: number
}

export async function createOpenAiEmbedder(settings: OpenAiEmbedderSettings, options: ProviderCallOptions = {}): Promise<Embedder> {
  const { OpenAIEmbeddings } = await import('@langchain/openai')
  const batchSize = options.batchSize ?? defaultEmbeddingBatchSize
  const client = new OpenAIEmbeddings({
    model: settings.model,
    // Local OpenAI-compatible servers accept any key; the client library insists on one (and would otherwise read
    // OPENAI_API_KEY from the environment behind the config's back).
    apiKey: settings.apiKey ?? 'not-needed',
    ...(settings.baseUrl ? { configuration: { baseURL: settings.baseUrl } } : {}),
    ...(settings.dimension ? { dimensions: settings.dimension } : {}),
    batchSize,
    maxRetries: options.maxRetries ?? 2,
    timeout: options.timeoutMs ?? 60_000,
  })
  return createProviderEmbedder({
    model: `openai:${settings.model}`,
    dimension: settings.dimension,
    batchSize,
    call: (texts) => client.embedDocuments(texts),
  })
}
