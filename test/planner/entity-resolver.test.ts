import { afterAll, beforeAll, expect, it } from 'vitest'
import { createEntityResolver, loadEntityCatalog } from '../../src/planner/entity-resolver.js'
import { tokenizeQuestion } from '../../src/planner/tokenize-question.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const words = (question: string) =>
  tokenizeQuestion(question).map((t) => ({ text: t.text, raw: t.raw, free: true, quoted: t.quoted, sentenceStart: t.sentenceStart }))

describeEachDatabase('the entity resolver on the demo data', (kind) => {
  let t: TestDatabase

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData(t, { orders: 3_000, seed: 42, endDate: '2026-06-30' })
  })
  afterAll(async () => t?.close())

  it('loads every name and stored value the planner may meet', async () => {
    const catalog = await loadEntityCatalog(t.db)
    expect(catalog.regions.map((r) => r.name)).toEqual(['Norte', 'Nordeste', 'Centro-Oeste', 'Sudeste', 'Sul'])
    expect(catalog.reps).toHaveLength(36)
    expect(catalog.customers.length).toBeGreaterThanOrEqual(2_000)
    expect(catalog.products.length).toBeGreaterThanOrEqual(300)
    expect(catalog.channels).toEqual(['field', 'online', 'partner', 'phone'])
    expect(catalog.paymentMethods).toEqual(['bank_transfer', 'boleto', 'credit_card', 'pix'])
    expect(catalog.states).toContain('SP')
    expect(catalog.cities).toContain('São Paulo')
    expect(catalog.statuses).toEqual(['completed', 'pending', 'cancelled', 'returned'])
  })

  it('finds a rep by a misspelt name and a region by a misspelt one', async () => {
    const resolver = createEntityResolver(t.db)
    const mentions = await resolver.findMentions(words('vendas do Vinicius Baros no nordest'))
    const best = (start: number, end: number) => mentions.find((m) => m.start === start && m.end === end)?.candidates[0]
    expect(best(2, 4)).toMatchObject({ kind: 'rep', label: 'Vinícius Barros', match: 'fuzzy' })
    expect(best(5, 6)).toMatchObject({ kind: 'region', label: 'Nordeste', match: 'fuzzy' })
  })

  it('sees names added after it loaded once it refreshes', async () => {
    const resolver = createEntityResolver(t.db)
    expect(await resolver.findMentions(words('Zuleica Prado'))).toEqual([])
    const region = await t.db.selectFrom('regions').select('id').where('name', '=', 'Sul').executeTakeFirstOrThrow()
    await t.db.insertInto('sales_reps').values({ name: 'Zuleica Prado', email: 'zuleica.prado@example.com', region_id: region.id, hired_on: '2026-06-01' }).execute()
    await resolver.refresh()
    const mentions = await resolver.findMentions(words('Zuleica Prado'))
    expect(mentions.find((m) => m.start === 0 && m.end === 2)?.candidates[0]).toMatchObject({ kind: 'rep', label: 'Zuleica Prado', match: 'exact' })
  })

  it('reloads stale names behind the question, answering with the ones at hand meanwhile', async () => {
    let clock = 0
    const resolver = createEntityResolver(t.db, { refreshMs: 1_000, now: () => clock })
    await resolver.findMentions(words('Sul'))
    await t.db.insertInto('categories').values({ name: 'Drones' }).execute()
    clock = 2_000
    // Stale: this call still answers from the old names and starts a reload.
    expect(await resolver.findMentions(words('Drones'))).toEqual([])
    await resolver.refresh()
    expect((await resolver.findMentions(words('Drones')))[0]?.candidates[0]).toMatchObject({ kind: 'category', label: 'Drones' })
  })

  it('suggests real names close to an unknown one', async () => {
    const resolver = createEntityResolver(t.db)
    const closest = await resolver.closestNames('Mariana Araujo Silva', { kinds: ['rep'], limit: 2 })
    expect(closest.map((c) => c.label)).toContain('Mariana Araújo')
  })
})
