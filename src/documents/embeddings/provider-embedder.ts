/**
 * What the OpenAI and Ollama embedders share around their one provider call: batches of a bounded size, the dimension
 * (configured, or discovered by embedding a probe text once), a check that every vector has it, and provider failures
 * turned into an AppError with a user-safe message and the provider's error as its cause.
 */
import { AppError, isAppError } from '../../errors/app-error.js'
import type { Embedder } from '../document-contract.js'

/** Texts per provider request: well under every provider's limit, and a failed request costs little to redo. */
export const defaultEmbeddingBatchSize = 64

/** Retries and time limits for provider calls (the LangChain client's own retry policy applies them). */
export interface ProviderCallOptions {
  /** Retries of a failed request (transient errors only; 4xx are not retried). Default 2. */
  readonly maxRetries?: number
  /** Per request. Default 60 s. */
  readonly timeoutMs?: number
  readonly batchSize?: number
}

export interface ProviderEmbedderSpec {
  /** Recorded with the vectors: '<provider>:<model>'. */
  readonly model: string
  /** The configured dimension; undefined = ask the model once with a probe text. */
  readonly dimension: number | undefined
  readonly batchSize: number
  /** One request to the provider for at most batchSize texts. */
  readonly call: (texts: string[]) => Promise<number[][]>
}

const probeText = 'SalesMatrix embedding dimension probe'

export async function createProviderEmbedder(spec: ProviderEmbedderSpec): Promise<Embedder> {
  const request = async (texts: string[]): Promise<number[][]> => {
    try {
      return await spec.call(texts)
    } catch (error) {
      throw providerFailure(spec.model, error)
    }
  }
  const dimension = spec.dimension ?? (await discoverDimension(spec.model, request))
  return {
    model: spec.model,
    dimension,
    async embed(texts) {
      const vectors: number[][] = []
      // One batch at a time: hosted providers rate-limit, and local ones (Ollama) run one model anyway.
      for (let start = 0; start < texts.length; start += spec.batchSize) {
        const batch = texts.slice(start, start + spec.batchSize)
        const result = await request(batch)
        checkVectors(spec.model, dimension, batch.length, result)
        vectors.push(...result)
      }
      return vectors
    },
  }
}

async function discoverDimension(model: string, request: (texts: string[]) => Promise<number[][]>): Promise<number> {
  const [vector] = await request([probeText])
  const dimension = vector?.length ?? 0
  if (dimension < 1) throw new AppError('not_ready', `The embedding model ${model} returned no vector for a probe text; check EMBEDDINGS_MODEL.`, { model })
  return dimension
}

function checkVectors(model: string, dimension: number, expected: number, vectors: number[][]): void {
  if (vectors.length !== expected) {
    throw new AppError('not_ready', `The embedding model ${model} returned ${vectors.length} vectors for ${expected} texts.`, { model })
  }
  for (const vector of vectors) {
    if (vector.length !== dimension) {
      throw new AppError(
        'not_ready',
        `The embedding model ${model} returned vectors of ${vector.length} dimensions where ${dimension} were expected; set EMBEDDINGS_DIMENSION to match the model (or leave it unset).`,
        { model, dimension, received: vector.length },
      )
    }
    if (!vector.every(Number.isFinite)) throw new AppError('not_ready', `The embedding model ${model} returned a vector with non-numeric values.`, { model })
  }
}

/** The provider's message may name hosts or echo request fragments: it stays in the cause, not in what users see. */
function providerFailure(model: string, error: unknown): AppError {
  if (isAppError(error)) return error
  return new AppError(
    'not_ready',
    `The embedding service (${model}) did not answer; documents cannot be embedded or searched right now. Try again later, or check the EMBEDDINGS_* settings.`,
    { model },
    { cause: error },
  )
}
