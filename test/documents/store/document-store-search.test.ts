import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { DocumentReader, DocumentStore } from '../../../src/documents/document-contract.js'
import { createLocalHashedEmbedder } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { createDocumentStore } from '../../../src/documents/postgres-document-store.js'
import { searchDocumentsSql, searchVisibilityOf } from '../../../src/documents/search-documents-sql.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'
import { createConceptEmbedder } from './support/concept-embedder.js'
import { newDocument } from './support/new-document.js'

const rep = (regionId: number | null): DocumentReader => ({ role: 'rep', regionId })

describeEachDatabase('document store: hybrid search', (kind) => {
  let t: TestDatabase
  let store: DocumentStore
  const ids: Record<string, number> = {}
  const sourcesFound = async (query: string, reader: DocumentReader) => [...new Set((await store.search(query, reader, { limit: 20 })).map((p) => p.source))].sort()

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    store = createDocumentStore({ db: t.db, embedder: createLocalHashedEmbedder() })
    await store.ensureEmbeddings()
    const documents = [
      newDocument('discount-policy.md', [
        { section: 'Discounts › Enterprise', text: 'Account executives may grant an enterprise discount ceiling of 18% off list price on multi-year contracts.' },
        { section: 'Discounts › Approval', text: 'Any discount above the ceiling needs written approval from the regional director before the quote is sent.' },
      ]),
      newDocument('comissoes.md', [
        { section: 'Comissões', text: 'A comissão dos vendedores é paga no mês seguinte ao faturamento, depois da confirmação do pagamento.' },
        { section: 'Produtos novos', text: 'Produtos novos têm um bônus de lançamento durante os primeiros três meses.' },
      ]),
      newDocument('shipping.md', ['Orders above 500 units ship free of freight charges within the mainland.', 'Express delivery costs 25 per parcel.']),
      newDocument('returns.md', [
        'Returns are accepted within 30 days of delivery. Refunds go to the original card.',
        'Refunds go to the original card.',
      ]),
      newDocument('widget-sheet.md', ['Widget Pro product sheet: dimensions, warranty and support hours.']),
      newDocument('north-prices.md', ['North price list: Widget Pro costs 99 per unit for customers of the North.'], { visibility: { roles: [], regionIds: [1] } }),
      newDocument('board-memo.md', ['Board memo: the Widget Pro margin target is 42% for the next fiscal year.'], { visibility: { roles: ['director'], regionIds: [] } }),
    ]
    for (const document of documents) ids[document.source] = (await store.ingest(document)).document.id
  })
  afterAll(async () => t?.close())

  it('finds an exact phrase through full text, first, with its section and both ranks', async () => {
    const [first] = await store.search('enterprise discount ceiling', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'discount-policy.md', section: 'Discounts › Enterprise', textRank: 1, vectorRank: 1, title: 'discount-policy', fileName: 'discount-policy.md' })
    expect(first!.text).toContain('18% off list price')
    expect(first!.score).toBeCloseTo(2 / 61, 10)
  })

  it('finds Portuguese with or without accents ("comissao" finds "comissão")', async () => {
    for (const query of ['comissao dos vendedores', 'comissão dos vendedores', 'COMISSÃO']) {
      const [first] = await store.search(query, { role: 'analyst' })
      expect(first, query).toMatchObject({ source: 'comissoes.md', section: 'Comissões', textRank: 1 })
    }
    const [confirmation] = await store.search('confirmacao do pagamento', { role: 'analyst' })
    expect(confirmation).toMatchObject({ source: 'comissoes.md', textRank: 1 })
  })

  it('finds a misspelt word through the vector side alone (character n-grams), when full text finds nothing', async () => {
    const [first] = await store.search('frieght', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'shipping.md', vectorRank: 1 })
    expect(first!.textRank).toBeUndefined()
  })

  it('returns 5 passages by default and the limit asked', async () => {
    expect(await store.search('price discount widget delivery', { role: 'admin' })).toHaveLength(5)
    expect(await store.search('price discount widget delivery', { role: 'admin' }, { limit: 2 })).toHaveLength(2)
    expect(await store.search('price discount widget delivery', { role: 'admin' }, { limit: 0 })).toHaveLength(1)
  })

  it('searches only the documents asked for', async () => {
    const passages = await store.search('price', { role: 'admin' }, { documentIds: [ids['shipping.md']!, ids['widget-sheet.md']!], limit: 20 })
    expect(new Set(passages.map((p) => p.source))).toEqual(new Set(['shipping.md', 'widget-sheet.md']))
    expect(await store.search('price', { role: 'admin' }, { documentIds: [] })).toEqual([])
  })

  it('drops a passage whose text is wholly inside a better-ranked one', async () => {
    const passages = await store.search('returns accepted within 30 days, refunds to the original card', { role: 'analyst' }, { limit: 20 })
    const returns = passages.filter((p) => p.source === 'returns.md')
    expect(returns.map((p) => p.text)).toEqual(['Returns are accepted within 30 days of delivery. Refunds go to the original card.'])
  })

  it('answers a blank query with nothing, and a query of stop words only without failing', async () => {
    expect(await store.search('   ', { role: 'admin' })).toEqual([])
    expect(Array.isArray(await store.search('the of and', { role: 'admin' }))).toBe(true)
    expect(Array.isArray(await store.search('?!', { role: 'admin' }))).toBe(true)
  })

  it('binds the question, the reader and the filters as parameters, never as SQL text', async () => {
    const hostile = "x'); drop table documents; --"
    const terms = [{ text: hostile, group: 0, weight: 1 }]
    const compiled = searchDocumentsSql({ terms, vector: '[1,0]', visibility: searchVisibilityOf({ role: 'rep', regionId: 9137 }), documentIds: [53571, 53572] }).compile(t.db)
    expect(compiled.sql).not.toContain('drop table')
    expect(compiled.sql).not.toMatch(/9137|5357/)
    expect(compiled.parameters).toEqual(expect.arrayContaining([[hostile], 'rep', true, 9137, [53571, 53572], '[1,0]']))
    await store.search(hostile, { role: 'admin' })
    expect(await store.list()).toHaveLength(Object.keys(ids).length)
  })

  describe('visibility is applied inside the SQL', () => {
    const widget = 'Widget Pro price margin'
    it('a rep of region 2 sees neither the region-1-only document nor the director-only one', async () => {
      expect(await sourcesFound(widget, rep(2))).not.toContain('north-prices.md')
      expect(await sourcesFound(widget, rep(2))).not.toContain('board-memo.md')
      expect(await sourcesFound(widget, rep(2))).toContain('widget-sheet.md')
    })
    it('a rep of region 1 sees the region-1 document but not the director-only one', async () => {
      const found = await sourcesFound(widget, rep(1))
      expect(found).toContain('north-prices.md')
      expect(found).not.toContain('board-memo.md')
    })
    it('a rep whose region is unknown (null), or not given, sees only documents open to every region', async () => {
      expect(await sourcesFound(widget, rep(null))).not.toContain('north-prices.md')
      expect(await sourcesFound(widget, { role: 'rep' })).not.toContain('north-prices.md')
      expect(await sourcesFound(widget, rep(null))).toContain('widget-sheet.md')
    })
    it('a director (no region) sees the director-only and the region-1 documents; an analyst not the director-only one', async () => {
      expect(await sourcesFound(widget, { role: 'director' })).toEqual(expect.arrayContaining(['board-memo.md', 'north-prices.md', 'widget-sheet.md']))
      const analyst = await sourcesFound(widget, { role: 'analyst' })
      expect(analyst).toContain('north-prices.md')
      expect(analyst).not.toContain('board-memo.md')
    })
    it('an admin sees every document', async () => {
      expect(await sourcesFound('Widget Pro price margin discount comissão freight refunds', { role: 'admin' })).toEqual(Object.keys(ids).sort())
    })
    it('refuses a reader whose role is not a known one', async () => {
      await expect(store.search(widget, { role: 'intern' } as unknown as DocumentReader)).rejects.toMatchObject({ code: 'forbidden' })
    })
  })
})

describeEachDatabase('document store: a paraphrase found by the vector side', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())

  it('finds "money back for trips" in a passage about reimbursed travel expenses, with no word in common', async () => {
    const store = createDocumentStore({ db: t.db, embedder: createConceptEmbedder() })
    await store.ensureEmbeddings()
    await store.ingest(newDocument('expenses.md', ['Travel expenses are reimbursed within 30 days when receipts are attached.', 'Vacation requests go through the HR portal.']))
    await store.ingest(newDocument('security.md', ['Passwords must be rotated every 90 days.']))
    const [first] = await store.search('money back for trips', { role: 'analyst' })
    expect(first).toMatchObject({ source: 'expenses.md', vectorRank: 1 })
    expect(first!.text).toContain('reimbursed')
    expect(first!.textRank).toBeUndefined()
  })
})
