import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { Embedder } from '../../../src/documents/document-contract.js'
import { createLocalHashedEmbedder } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { embeddingIndexName } from '../../../src/documents/embedding-space.js'
import { createDocumentStore } from '../../../src/documents/postgres-document-store.js'
import { AppError } from '../../../src/errors/app-error.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { createConceptEmbedder } from './support/concept-embedder.js'
import { newDocument } from './support/new-document.js'

describeEachDatabase('document store: the embedding space follows the configured embedder', (kind) => {
  let t: TestDatabase
  const local1024 = createLocalHashedEmbedder()
  const local128 = createLocalHashedEmbedder({ dimension: 128 })
  const storeWith = (embedder: Embedder) => createDocumentStore({ db: t.db, embedder })
  const recorded = async () => (await sql<{ model: string; dimension: number; ready: boolean }>`select model, dimension, ready from document_embedding_space`.execute(t.db)).rows
  const columnType = async () =>
    (await sql<{ type: string }>`select format_type(atttypid, atttypmod) as type from pg_attribute where attrelid = 'document_chunks'::regclass and attname = 'embedding'`.execute(t.db)).rows[0]!.type
  const indexDefinition = async () => (await sql<{ indexdef: string }>`select indexdef from pg_indexes where indexname = ${embeddingIndexName}`.execute(t.db)).rows[0]?.indexdef
  const nullVectors = async () => (await sql<{ n: number }>`select count(*)::int as n from document_chunks where embedding is null`.execute(t.db)).rows[0]!.n
  const documents = [
    newDocument('shipping.md', ['Orders above 500 units ship free of freight charges.', 'Express delivery costs 25 per parcel.']),
    newDocument('travel.md', ['Travel expenses are reimbursed within 30 days.', 'Hotel stays are capped at 150 per night.', 'Flights in economy class only.']),
  ]

  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())

  it('types the column, builds the HNSW index and records the model the first time; then does nothing', async () => {
    expect(await storeWith(local1024).ensureEmbeddings()).toEqual({ reembedded: 0, model: 'local-hash-v1', dimension: 1024 })
    expect(await recorded()).toEqual([{ model: 'local-hash-v1', dimension: 1024, ready: true }])
    expect(await columnType()).toBe('vector(1024)')
    expect(await indexDefinition()).toMatch(/USING hnsw \(embedding vector_cosine_ops\)/)
    for (const document of documents) await storeWith(local1024).ingest(document)
    expect(await storeWith(local1024).ensureEmbeddings()).toEqual({ reembedded: 0, model: 'local-hash-v1', dimension: 1024 })
  })

  it('re-embeds every chunk when the dimension changes, and search works again with the new model', async () => {
    expect(await storeWith(local128).ensureEmbeddings()).toEqual({ reembedded: 5, model: 'local-hash-v1', dimension: 128 })
    expect(await recorded()).toEqual([{ model: 'local-hash-v1', dimension: 128, ready: true }])
    expect(await columnType()).toBe('vector(128)')
    expect(await indexDefinition()).toMatch(/USING hnsw/)
    expect(await nullVectors()).toBe(0)
    const [first] = await storeWith(local128).search('hotel per night', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'travel.md', vectorRank: 1, textRank: 1 })
  })

  it('refuses search and ingest by a store whose embedder is no longer the recorded one', async () => {
    const stale = storeWith(local1024)
    const error = await stale.search('hotel', { role: 'analyst' }).catch((e: unknown) => e)
    expect(error).toBeInstanceOf(AppError)
    expect(error).toMatchObject({ code: 'not_ready', message: expect.stringContaining('local-hash-v1 (128 dimensions)') })
    await expect(stale.ingest(newDocument('new.md', ['Something new.']))).rejects.toMatchObject({ code: 'not_ready' })
  })

  it('switches to another model, and a re-embedding that fails half-way is finished by the next ensure; search waits meanwhile', async () => {
    const concepts = createConceptEmbedder()
    let calls = 0
    const failsOnce: Embedder = {
      model: concepts.model,
      dimension: concepts.dimension,
      embed: async (texts, purpose) => {
        calls += 1
        if (calls === 1) throw new AppError('not_ready', 'The embedding service did not answer.')
        return concepts.embed(texts, purpose)
      },
    }
    await expect(storeWith(failsOnce).ensureEmbeddings()).rejects.toMatchObject({ code: 'not_ready' })
    expect(await recorded()).toEqual([{ model: 'test-concepts-v1', dimension: concepts.dimension, ready: false }])
    expect(await nullVectors()).toBe(5)
    await expect(storeWith(concepts).search('hotel', { role: 'analyst' })).rejects.toMatchObject({ code: 'not_ready' })
    await expect(storeWith(local128).search('hotel', { role: 'analyst' })).rejects.toMatchObject({ code: 'not_ready' })

    expect(await storeWith(failsOnce).ensureEmbeddings()).toEqual({ reembedded: 5, model: 'test-concepts-v1', dimension: concepts.dimension })
    expect(await recorded()).toEqual([{ model: 'test-concepts-v1', dimension: concepts.dimension, ready: true }])
    const [first] = await storeWith(concepts).search('vacation trip refund', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'travel.md' })
  })
})
