/**
 * The embedder named by configuration: 'local' (feature hashing, offline, the default), 'openai' (or any
 * OpenAI-compatible server) or 'ollama'. Provider packages are imported only for the provider in use.
 */
import type { Config } from '../../config/config.js'
import type { Embedder } from '../document-contract.js'
import { createLocalHashedEmbedder } from './local-hashed-embedder.js'
import { createOllamaEmbedder } from './ollama-embedder.js'
import { createOpenAiEmbedder } from './openai-embedder.js'
import type { ProviderCallOptions } from './provider-embedder.js'

export async function createEmbedder(embeddings: Config['embeddings'], options: ProviderCallOptions = {}): Promise<Embedder> {
  switch (embeddings.provider) {
    case 'local':
      return createLocalHashedEmbedder(embeddings.dimension ? { dimension: embeddings.dimension } : {})
    case 'openai':
      return createOpenAiEmbedder({ model: modelOf(embeddings), ...defined(embeddings) }, options)
    case 'ollama':
      return createOllamaEmbedder({ model: modelOf(embeddings), ...defined(embeddings) }, options)
  }
}

function modelOf(embeddings: Config['embeddings']): string {
  // The config refuses to start without it; this only guards callers that build the settings by hand.
  if (!embeddings.model) throw new Error(`EMBEDDINGS_MODEL is required when EMBEDDINGS_PROVIDER=${embeddings.provider}.`)
  return embeddings.model
}

function defined(embeddings: Config['embeddings']): { baseUrl?: string; apiKey?: string; dimension?: number } {
  return {
    ...(embeddings.baseUrl ? { baseUrl: embeddings.baseUrl } : {}),
    ...(embeddings.apiKey ? { apiKey: embeddings.apiKey } : {}),
    ...(embeddings.dimension ? { dimension: embeddings.dimension } : {}),
  }
}
