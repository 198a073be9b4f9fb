/**
 * Which model made the stored vectors (table document_embedding_space, migration 013), and making them match the
 * configured embedder: the embedding column is typed vector(<dimension>) for one model at a time, and a different
 * model retypes it (dropping the old vectors), re-embeds every chunk in batches and rebuilds the HNSW index, so
 * vectors of two models are never compared.
 *
 * Steps, each short: (1) in a transaction, under an advisory lock, drop the index, retype the column `using null`,
 * record the new space as not ready; (2) re-embed the chunks whose embedding is null, a batch at a time, the
 * embedding call outside any transaction; (3) in a transaction, build the index and mark the space ready. A process
 * that stops half-way leaves a not-ready space whose next ensure continues at step 2.
 */
import { sql, type Kysely, type Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { AppError } from '../errors/app-error.js'
import { chunkEmbeddingText, toVectorLiteral } from './chunk-embedding.js'
import { cleanFullTextPending } from './clean-full-text-pending.js'
import type { Embedder } from './document-contract.js'

type Db = Kysely<Database> | Transaction<Database>

export interface EmbeddingSpace {
  readonly model: string
  readonly dimension: number
  /** False while chunks are being re-embedded into this space. */
  readonly ready: boolean
}

export interface EnsuredEmbeddings {
  readonly reembedded: number
  readonly model: string
  readonly dimension: number
}

/** pgvector's limit for an HNSW-indexed vector column. */
const maxIndexedDimension = 2000
/** Chunks read per re-embedding round; the embedder splits them into its own request batches. */
const reembedBatchRows = 256
// Any fixed 64-bit number works; it only has to differ from the migration lock's.
const EMBEDDING_SPACE_LOCK_ID = 7_240_193_552

export const embeddingIndexName = 'document_chunks_embedding_idx'

export async function findEmbeddingSpace(db: Db, options: { lock?: 'share' | 'update' } = {}): Promise<EmbeddingSpace | undefined> {
  const query = db.selectFrom('document_embedding_space').select(['model', 'dimension', 'ready'])
  const locked = options.lock === 'share' ? query.forShare() : options.lock === 'update' ? query.forUpdate() : query
  return locked.executeTakeFirst()
}

export function isSpaceOf(space: EmbeddingSpace | undefined, embedder: Embedder): space is EmbeddingSpace {
  return space !== undefined && space.model === embedder.model && space.dimension === embedder.dimension
}

/** Raised by search (and ingest) while the stored vectors belong to another model than the configured one. */
export function embeddingSpaceMismatch(space: EmbeddingSpace | undefined, embedder: Embedder): AppError {
  const stored = space ? `${space.model} (${space.dimension} dimensions)` : 'no model yet'
  return new AppError(
    'not_ready',
    `Document search is not available right now: the stored passages were embedded with ${stored}, not ${embedder.model} (${embedder.dimension} dimensions), and are being re-embedded. Try again in a few minutes.`,
    { stored: space ?? null, configured: { model: embedder.model, dimension: embedder.dimension } },
  )
}

export async function ensureEmbeddingSpace(db: Kysely<Database>, embedder: Embedder, clock: () => Date = () => new Date()): Promise<EnsuredEmbeddings> {
  const { model, dimension } = embedder
  if (!Number.isInteger(dimension) || dimension < 1 || dimension > maxIndexedDimension) {
    throw new AppError('not_ready', `The embedding model ${model} has ${dimension} dimensions; document search can index at most ${maxIndexedDimension}. Set EMBEDDINGS_DIMENSION lower.`, { model, dimension })
  }
  const current = await db.transaction().execute(async (trx) => {
    await lockSpace(trx)
    const space = await findEmbeddingSpace(trx, { lock: 'update' })
    if (isSpaceOf(space, embedder)) return space
    await sql`drop index if exists ${sql.id(embeddingIndexName)}`.execute(trx)
    // Not a bound parameter: DDL takes none, and the dimension is a checked integer.
    await sql`alter table document_chunks alter column embedding type vector(${sql.lit(dimension)}) using null`.execute(trx)
    await trx
      .insertInto('document_embedding_space')
      .values({ model, dimension, ready: false, updated_at: clock() })
      .onConflict((oc) => oc.column('singleton').doUpdateSet({ model, dimension, ready: false, updated_at: clock() }))
      .execute()
    return { model, dimension, ready: false }
  })
  if (current.ready) return { reembedded: 0, model, dimension }
  let reembedded = 0
  for (;;) {
    reembedded += await reembedMissingVectors(db, embedder)
    const finished = await db.transaction().execute(async (trx) => {
      await lockSpace(trx)
      const space = await findEmbeddingSpace(trx, { lock: 'update' })
      if (!isSpaceOf(space, embedder)) throw switchedUnderUs(space, embedder)
      if (space.ready) return true
      // A chunk retyped after our last round (a concurrent re-embedder's model flip-flop) sends us round again.
      const missing = await trx.selectFrom('document_chunks').select('id').where('embedding', 'is', null).limit(1).executeTakeFirst()
      if (missing) return false
      await sql`create index if not exists ${sql.id(embeddingIndexName)} on document_chunks using hnsw (embedding vector_cosine_ops)`.execute(trx)
      await trx.updateTable('document_embedding_space').set({ ready: true, updated_at: clock() }).execute()
      return true
    })
    if (finished) {
      // Re-embedding rewrote every chunk row, and with it every full-text index entry.
      if (reembedded > 0) await cleanFullTextPending(db)
      return { reembedded, model, dimension }
    }
  }
}

/** Embeds every chunk whose vector is null, a batch at a time; returns how many it wrote. */
async function reembedMissingVectors(db: Kysely<Database>, embedder: Embedder): Promise<number> {
  let written = 0
  for (;;) {
    const rows = await db
      .selectFrom('document_chunks')
      .select(['id', 'text', 'section'])
      .where('embedding', 'is', null)
      .orderBy('id')
      .limit(reembedBatchRows)
      .execute()
    if (rows.length === 0) return written
    // Outside any transaction: a provider call may take seconds, and must not hold locks meanwhile.
    const vectors = await embedder.embed(rows.map(chunkEmbeddingText), 'document')
    // Only into null slots, and only while the space is still ours: a concurrent switch to another model wins.
    const result = await sql`
      update document_chunks c
      set embedding = u.embedding::vector
      from unnest(${rows.map((r) => r.id)}::bigint[], ${vectors.map(toVectorLiteral)}::text[]) as u (id, embedding)
      where c.id = u.id
        and c.embedding is null
        and exists (select 1 from document_embedding_space s where s.model = ${embedder.model} and s.dimension = ${embedder.dimension})
    `.execute(db)
    const updated = Number(result.numAffectedRows ?? 0n)
    if (updated < rows.length) {
      const space = await findEmbeddingSpace(db)
      if (!isSpaceOf(space, embedder)) throw switchedUnderUs(space, embedder)
    }
    written += updated
  }
}

async function lockSpace(trx: Transaction<Database>): Promise<void> {
  await sql`select pg_advisory_xact_lock(${EMBEDDING_SPACE_LOCK_ID})`.execute(trx)
}

function switchedUnderUs(space: EmbeddingSpace | undefined, embedder: Embedder): AppError {
  return new AppError(
    'conflict',
    `Another SalesMatrix process switched document embeddings to ${space ? space.model : 'nothing'} while this one was re-embedding for ${embedder.model}; run every replica with the same EMBEDDINGS_* settings.`,
    { stored: space ?? null, configured: { model: embedder.model, dimension: embedder.dimension } },
  )
}
