import { sql } from 'kysely'
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import type { Embedder } from '../../../src/documents/document-contract.js'
import { createLocalHashedEmbedder } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { createDocumentStore } from '../../../src/documents/postgres-document-store.js'
import { AppError } from '../../../src/errors/app-error.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { newDocument } from './support/new-document.js'

describeEachDatabase('document store: ingest, replace, remove', (kind) => {
  let t: TestDatabase
  let now: Date
  const clock = () => now
  const embedder = createLocalHashedEmbedder({ dimension: 256 })
  const store = () => createDocumentStore({ db: t.db, embedder, clock })
  const chunkRows = async () => (await sql<{ document_id: number; text: string }>`select document_id, text from document_chunks order by document_id, ordinal`.execute(t.db)).rows

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await store().ensureEmbeddings()
  })
  afterAll(async () => t?.close())
  beforeEach(async () => {
    now = new Date('2026-05-01T10:00:00Z')
    await t.db.deleteFrom('documents').execute()
  })

  it('creates a new document with version 1 and one row per chunk', async () => {
    const result = await store().ingest(newDocument('playbook.md', ['Discounts above 15% need approval.', 'Commission is paid monthly.'], { title: 'Sales playbook' }))
    expect(result.status).toBe('created')
    expect(result.document).toMatchObject({ source: 'playbook.md', title: 'Sales playbook', fileName: 'playbook.md', format: 'markdown', version: 1, chunkCount: 2, pageCount: 1 })
    expect(result.document.createdAt).toEqual(now)
    expect(result.document.updatedAt).toEqual(now)
    expect(await chunkRows()).toEqual([
      { document_id: result.document.id, text: 'Discounts above 15% need approval.' },
      { document_id: result.document.id, text: 'Commission is paid monthly.' },
    ])
  })

  it('treats the same content again as a no-op: same id, version and updated_at, nothing written', async () => {
    const first = await store().ingest(newDocument('playbook.md', ['Discounts above 15% need approval.']))
    now = new Date('2026-05-02T10:00:00Z')
    const again = await store().ingest(newDocument('playbook.md', ['Discounts above 15% need approval.']))
    expect(again.status).toBe('unchanged')
    expect(again.document).toEqual(first.document)
    const { rows } = await sql<{ id: number }>`select id from document_chunks`.execute(t.db)
    expect(rows).toHaveLength(1)
  })

  it('recognises the same content under another file name as unchanged, returning the stored document', async () => {
    const first = await store().ingest(newDocument('playbook.md', ['Discounts above 15% need approval.']))
    const copy = await store().ingest(newDocument('playbook (copy).md', ['Discounts above 15% need approval.']))
    expect(copy).toEqual({ status: 'unchanged', document: first.document })
    expect(await store().list()).toHaveLength(1)
  })

  it('replaces the chunks of an existing source with new content, version + 1, leaving no old chunk', async () => {
    const first = await store().ingest(newDocument('playbook.md', ['Old rule one.', 'Old rule two.', 'Old rule three.']))
    now = new Date('2026-05-03T09:00:00Z')
    const second = await store().ingest(newDocument('playbook.md', ['New rule one.', 'New rule two.'], { title: 'Playbook v2' }))
    expect(second.status).toBe('replaced')
    expect(second.document).toMatchObject({ id: first.document.id, version: 2, chunkCount: 2, title: 'Playbook v2', createdAt: first.document.createdAt, updatedAt: now })
    expect((await chunkRows()).map((r) => r.text)).toEqual(['New rule one.', 'New rule two.'])
    const stored = await store().get(first.document.id)
    expect(stored?.chunks.map((c) => [c.ordinal, c.text])).toEqual([[0, 'New rule one.'], [1, 'New rule two.']])
  })

  it('gets a document with its chunks (section and page only when set), finds it by source and lists it', async () => {
    const { document } = await store().ingest(newDocument('prices.md', [{ text: 'Gold plan: 120 per seat.', section: 'Plans › Gold', page: 3 }, 'Plain paragraph.']))
    const stored = await store().get(document.id)
    expect(stored?.chunks).toEqual([
      { id: expect.any(Number), ordinal: 0, text: 'Gold plan: 120 per seat.', section: 'Plans › Gold', page: 3 },
      { id: expect.any(Number), ordinal: 1, text: 'Plain paragraph.' },
    ])
    expect(await store().findBySource('prices.md')).toEqual(document)
    expect(await store().findBySource('nope.md')).toBeUndefined()
    expect(await store().get(document.id + 1000)).toBeUndefined()
    expect(await store().list()).toEqual([document])
  })

  it('stores who may read the document', async () => {
    const { document } = await store().ingest(newDocument('board.md', ['Board pack.'], { visibility: { roles: ['director'], regionIds: [1, 3] } }))
    expect(document.visibility).toEqual({ roles: ['director'], regionIds: [1, 3] })
  })

  it('removes a document and its chunks, and says false for one that does not exist', async () => {
    const { document } = await store().ingest(newDocument('playbook.md', ['One.', 'Two.']))
    const other = await store().ingest(newDocument('other.md', ['Three.']))
    expect(await store().remove(document.id)).toBe(true)
    expect(await store().remove(document.id)).toBe(false)
    expect(await store().get(document.id)).toBeUndefined()
    expect(await chunkRows()).toEqual([{ document_id: other.document.id, text: 'Three.' }])
  })

  describe('a failing write leaves nothing half-written', () => {
    it('a chunk that violates a constraint (blank text) rolls back the document and its other chunks', async () => {
      const error = await store().ingest(newDocument('broken.md', ['A fine paragraph.', '   '])).catch((e: unknown) => e)
      expect(error).toBeInstanceOf(AppError)
      expect((error as AppError).code).toBe('validation_failed')
      expect(await store().list()).toEqual([])
      expect(await chunkRows()).toEqual([])
    })

    it('a failing replacement keeps the previous version whole', async () => {
      const first = await store().ingest(newDocument('playbook.md', ['Version one.']))
      const duplicateOrdinals = { ...newDocument('playbook.md', ['Version two, a.', 'Version two, b.']) }
      const broken = { ...duplicateOrdinals, chunks: duplicateOrdinals.chunks.map((c) => ({ ...c, ordinal: 0 })) }
      await expect(store().ingest(broken)).rejects.toMatchObject({ code: 'conflict' })
      expect(await store().get(first.document.id)).toMatchObject({ version: 1, chunks: [{ text: 'Version one.' }] })
    })

    it('an embedder that throws writes nothing (embeddings are computed before the transaction)', async () => {
      const failing: Embedder = { model: embedder.model, dimension: embedder.dimension, embed: async () => Promise.reject(new AppError('not_ready', 'The embedding service did not answer.')) }
      const failingStore = createDocumentStore({ db: t.db, embedder: failing, clock })
      await expect(failingStore.ingest(newDocument('playbook.md', ['Version one.']))).rejects.toMatchObject({ code: 'not_ready' })
      expect(await store().list()).toEqual([])
      expect(await chunkRows()).toEqual([])
    })
  })

  it('refuses a document without chunks', async () => {
    await expect(store().ingest(newDocument('empty.md', []))).rejects.toMatchObject({ code: 'unprocessable' })
  })

  it('creates one document when the same source is ingested concurrently (unique source, row lock)', async () => {
    const versions = Array.from({ length: 6 }, (_, i) => newDocument('race.md', [`Race version ${i}.`, `Second paragraph ${i}.`]))
    const results = await Promise.all(versions.map((v) => store().ingest(v)))
    expect(results.filter((r) => r.status === 'created')).toHaveLength(1)
    expect(results.filter((r) => r.status === 'replaced')).toHaveLength(5)
    const documents = await store().list()
    expect(documents).toHaveLength(1)
    expect(documents[0]!.version).toBe(6)
    expect(await chunkRows()).toHaveLength(2)
  })

  it('stores concurrent ingests of identical content once', async () => {
    const results = await Promise.all(Array.from({ length: 4 }, () => store().ingest(newDocument('same.md', ['Identical text.']))))
    expect(results.map((r) => r.status).sort()).toEqual(['created', 'unchanged', 'unchanged', 'unchanged'])
    expect(new Set(results.map((r) => r.document.id)).size).toBe(1)
    expect(await chunkRows()).toHaveLength(1)
  })
})
