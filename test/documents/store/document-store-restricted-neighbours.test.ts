import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DocumentStore, Embedder } from '../../../src/documents/document-contract.js'
import { createLocalHashedEmbedder } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { toVectorLiteral } from '../../../src/documents/chunk-embedding.js'
import { embeddingIndexName } from '../../../src/documents/embedding-space.js'
import { fullTextTerms } from '../../../src/documents/full-text-terms.js'
import { createDocumentStore } from '../../../src/documents/postgres-document-store.js'
import { searchDocumentsSql, searchVisibilityOf, searchSettings, type SearchRow } from '../../../src/documents/search-documents-sql.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { newDocument } from './support/new-document.js'

/**
 * Hundreds of director-only passages that are the query's nearest neighbours, and a few open ones further away: a
 * filter applied after an HNSW scan would find only restricted rows among the first ef_search neighbours and return
 * nothing from the vector side. The filter runs inside the scan, and the iterative scan keeps going.
 */
describeEachDatabase('document store: restricted near-duplicates do not starve a reader', (kind) => {
  let t: TestDatabase
  let store: DocumentStore
  const embedder: Embedder = createLocalHashedEmbedder({ dimension: 256 })
  const query = 'Widget Pro pricing tier per seat with the confidential margin'
  const open = ['Gadget list price sheet.', 'Shipping rules for gadgets.', 'Widget basic manual.', 'Holiday calendar.', 'Office security rules.', 'Expense policy for travel.', 'Seat licences explained.', 'Margin reporting FAQ.']

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    store = createDocumentStore({ db: t.db, embedder })
    await store.ensureEmbeddings()
    const restricted = Array.from({ length: 300 }, (_, i) => `Widget Pro pricing for the board: tier ${i} costs ${100 + i} per seat with the confidential margin.`)
    await store.ingest(newDocument('board-pricing.md', restricted, { visibility: { roles: ['director'], regionIds: [] } }))
    await store.ingest(newDocument('open.md', open))
    await sql`analyze`.execute(t.db)
  })
  afterAll(async () => t?.close())

  it('a rep gets a full page of open passages, each ranked by the vector side too, and no restricted one', async () => {
    const passages = await store.search(query, { role: 'rep', regionId: 2 })
    expect(passages).toHaveLength(5)
    expect(passages.every((p) => p.source === 'open.md' && p.vectorRank !== undefined)).toBe(true)
  })

  it('a director gets the restricted passages first, and never more than 20', async () => {
    const passages = await store.search(query, { role: 'director' }, { limit: 500 })
    expect(passages).toHaveLength(20)
    expect(passages[0]!.source).toBe('board-pricing.md')
  })

  it('the vector list scans the HNSW index with the filter inside it, and the iterative scan is what fills it', async () => {
    const [vector] = await embedder.embed([query], 'query')
    const search = searchDocumentsSql({ terms: fullTextTerms(query), vector: toVectorLiteral(vector!), visibility: searchVisibilityOf({ role: 'rep', regionId: 2 }), documentIds: undefined })
    const run = (settings: readonly ReturnType<typeof sql>[]) =>
      t.db.transaction().execute(async (trx) => {
        // Small tables are sorted whole (exact, nothing to starve); force the HNSW scan to see how it behaves at scale.
        for (const method of ['seqscan', 'bitmapscan', 'sort']) await sql`set local ${sql.raw(`enable_${method}`)} = off`.execute(trx)
        for (const setting of settings) await setting.execute(trx)
        const compiled = search.compile(trx)
        const plan = await trx.executeQuery<Record<string, string>>({ ...compiled, sql: `explain (costs off) ${compiled.sql}` })
        return { plan: plan.rows.map((r) => Object.values(r)[0]).join('\n'), rows: (await search.execute(trx)).rows as SearchRow[] }
      })
    const withIterativeScan = await run([searchSettings])
    expect(withIterativeScan.plan).toContain(`Index Scan using ${embeddingIndexName}`)
    expect(withIterativeScan.rows.filter((r) => r.vectorRank !== null)).toHaveLength(open.length)
    const withoutIterativeScan = await run([sql`set local hnsw.iterative_scan = off`, sql`set local hnsw.ef_search = 100`])
    expect(withoutIterativeScan.rows.filter((r) => r.vectorRank !== null)).toHaveLength(0)
  })
})
