/**
 * The document store on PostgreSQL (server or PGlite): ingest, replace and delete documents with their chunks, and
 * hybrid search (pgvector HNSW + full text, fused by reciprocal rank fusion) filtered by the reader's visibility
 * inside the SQL. Embeddings are computed before a transaction opens, so no provider call ever holds locks.
 */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../db/schema.js'
import { translateDatabaseError } from '../db/translate-database-error.js'
import { AppError } from '../errors/app-error.js'
import { sqlPrincipalRoles } from '../sql-guard/sql-principal.js'
import type { DocumentReader, DocumentStore, Embedder, IngestResult, NewDocument, SearchOptions } from './document-contract.js'
import {
  deleteDocument,
  updateDocumentMetadata,
  findDocumentByContentHash,
  findDocumentById,
  findDocumentBySource,
  insertDocumentUnlessSourceExists,
  listChunks,
  listDocuments,
  replaceChunks,
  updateDocumentContent,
  type ChunkToStore,
} from './document.repository.js'
import { chunkEmbeddingText, toVectorLiteral } from './chunk-embedding.js'
import { cleanFullTextPending } from './clean-full-text-pending.js'
import { embeddingSpaceMismatch, ensureEmbeddingSpace, findEmbeddingSpace, isSpaceOf } from './embedding-space.js'
import { fullTextTerms } from './full-text-terms.js'
import { searchDocumentsSql, searchVisibilityOf, searchSettings } from './search-documents-sql.js'
import { selectPassages } from './select-passages.js'

export interface DocumentStoreDeps {
  readonly db: Kysely<Database>
  readonly embedder: Embedder
  readonly clock?: () => Date
}

export const defaultSearchLimit = 5
export const maxSearchLimit = 20
/** Longer questions add nothing to retrieval but cost embedding tokens and an ever larger OR-query. */
const maxQueryCharacters = 1000

export function createDocumentStore(deps: DocumentStoreDeps): DocumentStore {
  const { db, embedder } = deps
  const clock = deps.clock ?? (() => new Date())

  /** Writes need the column typed for this embedder: set up on first use, refused while another model's vectors are stored. */
  async function ensureWritableSpace(): Promise<void> {
    const space = await findEmbeddingSpace(db)
    if (!space) await ensureEmbeddingSpace(db, embedder, clock)
    else if (!isSpaceOf(space, embedder)) throw embeddingSpaceMismatch(space, embedder)
  }

  async function writeDocument(trx: Transaction<Database>, document: NewDocument, chunks: readonly ChunkToStore[], now: Date): Promise<IngestResult> {
    // Shared lock: a concurrent switch of embedding model waits for this write, or this write sees the switch.
    const space = await findEmbeddingSpace(trx, { lock: 'share' })
    if (!isSpaceOf(space, embedder)) throw embeddingSpaceMismatch(space, embedder)
    const same = await findDocumentByContentHash(trx, document.contentHash)
    if (same) return { status: 'unchanged', document: same }
    let current = await findDocumentBySource(trx, document.source, { forUpdate: true })
    if (!current) {
      const created = await insertDocumentUnlessSourceExists(trx, document, chunks.length, now)
      if (created) {
        await replaceChunks(trx, created.id, chunks)
        return { status: 'created', document: created }
      }
      // A concurrent ingest of this source committed first: replace what it wrote.
      current = await findDocumentBySource(trx, document.source, { forUpdate: true })
      if (!current) throw new AppError('conflict', `${document.source} was added and removed while it was being stored; add it again.`, { source: document.source })
    }
    if (current.contentHash === document.contentHash) return { status: 'unchanged', document: current }
    await replaceChunks(trx, current.id, chunks)
    return { status: 'replaced', document: await updateDocumentContent(trx, current.id, document, chunks.length, now) }
  }

  return {
    async ingest(document) {
      if (document.chunks.length === 0) throw new AppError('unprocessable', `${document.title} has no text to index.`, { source: document.source })
      // Known content costs no embedding call and writes nothing.
      const known = await findDocumentByContentHash(db, document.contentHash)
      if (known) return { status: 'unchanged', document: known }
      await ensureWritableSpace()
      const vectors = await embedder.embed(document.chunks.map(chunkEmbeddingText), 'document')
      const chunks = document.chunks.map((chunk, i) => ({ chunk, embedding: toVectorLiteral(vectors[i]!) }))
      let result: IngestResult
      try {
        result = await db.transaction().execute((trx) => writeDocument(trx, document, chunks, clock()))
      } catch (error) {
        throw translateDatabaseError(error) ?? error
      }
      if (result.status !== 'unchanged') await cleanFullTextPending(db)
      return result
    },

    list: () => listDocuments(db),

    async get(id) {
      // One snapshot, so a concurrent replace cannot pair the new version's metadata with the old chunks.
      return db
        .transaction()
        .setIsolationLevel('repeatable read')
        .execute(async (trx) => {
          const document = await findDocumentById(trx, id)
          return document ? { ...document, chunks: await listChunks(trx, id) } : undefined
        })
    },

    findBySource: (source) => findDocumentBySource(db, source),

    updateMetadata: (id, changes) => updateDocumentMetadata(db, id, changes, clock()),

    remove: (id) => deleteDocument(db, id),

    async search(query: string, reader: DocumentReader, options: SearchOptions = {}) {
      // Fail closed on a reader the type system did not catch (e.g. a role read from a token).
      if (!sqlPrincipalRoles.includes(reader.role)) throw new AppError('forbidden', 'This account has no role that may read documents.')
      const text = query.trim().slice(0, maxQueryCharacters)
      if (text === '' || options.documentIds?.length === 0) return []
      const limit = Math.min(maxSearchLimit, Math.max(1, Math.floor(options.limit ?? defaultSearchLimit)))
      const [vector] = await embedder.embed([text], 'query')
      // A query without a single letter or digit embeds as zeros, which have no cosine distance to anything.
      const literal = vector?.some((x) => x !== 0) ? toVectorLiteral(vector) : undefined
      const rows = await db.transaction().execute(async (trx) => {
        const space = await findEmbeddingSpace(trx)
        if (!space) return [] // nothing was ever stored
        if (!isSpaceOf(space, embedder) || !space.ready) throw embeddingSpaceMismatch(space, embedder)
        await searchSettings.execute(trx)
        const input = { terms: fullTextTerms(text), vector: literal, visibility: searchVisibilityOf(reader), documentIds: options.documentIds }
        return (await searchDocumentsSql(input).execute(trx)).rows
      })
      return selectPassages(rows, limit)
    },

    ensureEmbeddings: () => ensureEmbeddingSpace(db, embedder, clock),
  }
}
