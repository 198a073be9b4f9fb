import { describe, expect, it } from 'vitest'
import { createLocalHashedEmbedder, embedText } from '../../../src/documents/embeddings/local-hashed-embedder.js'
import { lightStem } from '../../../src/documents/embeddings/light-stem.js'

const cosine = (a: readonly number[], b: readonly number[]) => a.reduce((sum, x, i) => sum + x * b[i]!, 0)
const norm = (v: readonly number[]) => Math.sqrt(cosine(v, v))

describe('local hashed embedder', () => {
  it('is named local-hash-v1 with 1024 dimensions unless configured otherwise', () => {
    expect(createLocalHashedEmbedder()).toMatchObject({ model: 'local-hash-v1', dimension: 1024 })
    expect(createLocalHashedEmbedder({ dimension: 384 }).dimension).toBe(384)
    expect(() => createLocalHashedEmbedder({ dimension: 3 })).toThrow(RangeError)
  })

  it('is deterministic and L2-normalised, for passages and questions alike', async () => {
    const texts = ['Enterprise discounts need approval.', 'A comissão é paga no mês seguinte.', 'x']
    for (const purpose of ['document', 'query'] as const) {
      const [a, b] = [await createLocalHashedEmbedder().embed(texts, purpose), await createLocalHashedEmbedder().embed(texts, purpose)]
      expect(a).toEqual(b)
      for (const vector of a) {
        expect(vector).toHaveLength(1024)
        expect(norm(vector)).toBeCloseTo(1, 12)
      }
    }
  })

  it('embeds a passage as written, and gives a question its sales-glossary synonyms, so it reaches the other language', async () => {
    const embedder = createLocalHashedEmbedder()
    const [passage] = await embedder.embed(['Enterprise discounts need approval.'], 'document')
    expect(passage).toEqual(embedText('Enterprise discounts need approval.', 1024))
    const portuguese = embedText('A comissão sobre vendas acima da meta é de 6%.', 1024)
    const [question] = await embedder.embed(['what commission do I earn above my target?'], 'query')
    const plain = embedText('what commission do I earn above my target?', 1024)
    expect(cosine(question!, portuguese)).toBeGreaterThan(cosine(plain, portuguese) + 0.1)
    // A question the glossary knows nothing of is embedded as written.
    const [unknown] = await embedder.embed(['zephyr quokka'], 'query')
    expect(unknown).toEqual(embedText('zephyr quokka', 1024))
  })

  it('ignores case and accents', () => {
    expect(embedText('COMISSÃO de Março', 256)).toEqual(embedText('comissao de marco', 256))
  })

  it('brings plurals and inflections of English and Portuguese together', () => {
    expect(cosine(embedText('enterprise discounts', 512), embedText('enterprise discount', 512))).toBeGreaterThan(0.9)
    expect(cosine(embedText('comissões dos vendedores', 512), embedText('comissão do vendedor', 512))).toBeGreaterThan(0.75)
    expect(['pricing', 'prices', 'price', 'priced'].map(lightStem)).toEqual(['pric', 'pric', 'pric', 'pric'])
    expect(['valores', 'valor', 'itens', 'item', 'comissoes', 'comissao'].map(lightStem)).toEqual(['valor', 'valor', 'item', 'item', 'comissao', 'comissao'])
  })

  it('keeps unrelated texts apart, and a typo close', () => {
    const discount = embedText('discount policy for enterprise deals', 1024)
    expect(Math.abs(cosine(discount, embedText('shipping address for parcel deliveries', 1024)))).toBeLessThan(0.15)
    expect(cosine(embedText('discuont policy', 1024), embedText('discount policy', 1024))).toBeGreaterThan(0.4)
  })

  it('drops stop words, but still embeds a text made only of them', () => {
    expect(embedText('the discount of the year', 256)).toEqual(embedText('discount year', 256))
    expect(norm(embedText('o que é isso', 256))).toBeCloseTo(1, 12)
    expect(embedText('?! …', 64).every((x) => x === 0)).toBe(true)
  })

  it('embeds a thousand page-long passages in a fraction of a second (no model, no network)', async () => {
    const passage = 'Account executives may grant an enterprise discount ceiling of 18% off list price. A comissão dos vendedores é paga no mês seguinte ao faturamento. '.repeat(6)
    const texts = Array.from({ length: 1000 }, (_, i) => `${passage} ${i}`)
    const started = performance.now()
    await createLocalHashedEmbedder().embed(texts, 'document')
    // Measured about 0.25 ms per 900-character passage on one core; the bound leaves room for a busy machine.
    expect(performance.now() - started).toBeLessThan(3000)
  })
})
