import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { DocumentStore } from '../../../src/documents/document-contract.js'
import { fullTextIndexes } from '../../../src/documents/clean-full-text-pending.js'
import { createLocalHashedEmbedder } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { frequencySample } from '../../../src/documents/full-text-list-sql.js'
import { createDocumentStore } from '../../../src/documents/postgres-document-store.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { newDocument } from './support/new-document.js'

describeEachDatabase('document store: BM25 ranking and the sales glossary', (kind) => {
  let t: TestDatabase
  let store: DocumentStore

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    store = createDocumentStore({ db: t.db, embedder: createLocalHashedEmbedder() })
    await store.ensureEmbeddings()
    await store.ingest(
      newDocument(
        'budget-notes.md',
        Array.from({ length: 12 }, (_, i) => `The memo sets the budget for team ${i}: budget lines, budget owners and the budget calendar.`),
      ),
    )
    await store.ingest(newDocument('board-memo.md', ['The zephyr acquisition: confidential, approved by the board.']))
    await store.ingest(newDocument('comissoes.md', [{ section: 'Regras', text: 'As comissões acima da meta pagam 6% sobre o excedente, no trimestre seguinte.' }]))
    await store.ingest(newDocument('travel.md', ['Travel expenses are reimbursed within 30 days when receipts are attached.']))
  })
  afterAll(async () => t?.close())

  it('ranks the one passage with rare words above many that repeat frequent ones (inverse document frequency)', async () => {
    const question = 'what does the memo say about the zephyr acquisition budget?'
    const [first] = await store.search(question, { role: 'analyst' })
    expect(first).toMatchObject({ source: 'board-memo.md', textRank: 1 })
    // Full text ranks it first even with a single rare word against four frequent ones (the vector side, being
    // lexical and without document frequencies, may still prefer the budget notes).
    const passages = await store.search('what does the memo say about the zephyr budget?', { role: 'analyst' }, { limit: 20 })
    expect(passages.find((p) => p.source === 'board-memo.md')?.textRank).toBe(1)
  })

  it('finds a Portuguese passage from an English question through the glossary, in full text', async () => {
    const [first] = await store.search('commission above target', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'comissoes.md', textRank: 1 })
  })

  it('finds the plural from the singular in Portuguese, which the stemmer keeps apart ("comissão", "comissões")', async () => {
    const [first] = await store.search('comissão', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'comissoes.md', textRank: 1 })
  })

  it('leaves nothing in the full-text indexes’ pending lists after an upload, so searches do not scan them', async () => {
    await store.ingest(newDocument('late.md', ['Late payments block new boleto orders after 30 days.']))
    for (const name of fullTextIndexes) {
      const { rows } = await sql<{ pages: number }>`select gin_clean_pending_list(${name}::regclass) as pages`.execute(t.db)
      expect(Number(rows[0]!.pages), name).toBe(0)
    }
  })
})

describeEachDatabase('document store: BM25 with more chunks than the frequency sample', (kind) => {
  let t: TestDatabase
  let store: DocumentStore

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    store = createDocumentStore({ db: t.db, embedder: createLocalHashedEmbedder({ dimension: 256 }) })
    await store.ensureEmbeddings()
    // Enough chunks that document frequencies come from a sample, and words common in them: "widget" in every chunk,
    // "price" in every second one, "quarter" in every third.
    const common = Array.from({ length: frequencySample + 100 }, (_, i) =>
      [`Widget entry ${i}.`, i % 2 === 0 ? 'Its price is on the list.' : 'It ships from stock.', i % 3 === 0 ? 'Reviewed every quarter.' : 'Reviewed yearly.'].join(' '),
    )
    await store.ingest(newDocument('widget-prices.md', common))
    await store.ingest(newDocument('zephyr.md', ['The zephyr widget is discontinued.']))
    await store.ingest(newDocument('secret.md', ['Zephyr zephyr zephyr widget price.'], { visibility: { roles: ['director'], regionIds: [] } }))
    await sql`analyze`.execute(t.db)
  })
  afterAll(async () => t?.close())

  it('still ranks the rare word first, and never returns what the reader may not read', async () => {
    const passages = await store.search('zephyr widget price', { role: 'analyst' }, { limit: 10 })
    expect(passages[0]).toMatchObject({ source: 'zephyr.md', textRank: 1 })
    expect(passages.map((p) => p.source)).not.toContain('secret.md')
    const [director] = await store.search('zephyr widget price', { role: 'director' })
    expect(director?.source).toBe('secret.md')
  })

  it('ranks a question of common words only by full text too: the chunks holding all of them first', async () => {
    const passages = await store.search('widget price quarter', { role: 'analyst' }, { limit: 20 })
    const byText = passages.filter((p) => p.textRank !== undefined).sort((a, b) => a.textRank! - b.textRank!)
    expect(byText.length).toBeGreaterThanOrEqual(5)
    for (const passage of byText.slice(0, 5)) expect(passage.text).toMatch(/price.*quarter/)
  })
})
