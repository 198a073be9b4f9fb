import { describe, expect, it } from 'vitest'
import { createEntityIndex, stemWord } from './entity-index.js'
import type { EntityMention, MentionWord } from './entity-resolver.js'
import { sampleEntityCatalog } from './sample-entity-catalog.js'
import { tokenizeQuestion } from './tokenize-question.js'

const index = createEntityIndex(sampleEntityCatalog)

const words = (question: string, blocked: readonly number[] = []): MentionWord[] =>
  tokenizeQuestion(question).map((t) => ({ text: t.text, raw: t.raw, free: !blocked.includes(t.index), quoted: t.quoted, sentenceStart: t.sentenceStart }))

/** The best candidate of the mention covering exactly the words [start, end). */
function best(mentions: readonly EntityMention[], start: number, end: number) {
  return mentions.find((m) => m.start === start && m.end === end)?.candidates[0]
}

describe('the entity index', () => {
  it('finds exact names whatever their accents and case', () => {
    const mentions = index.findMentions(words('vendas do nordeste em sao paulo e belem'))
    expect(best(mentions, 2, 3)).toMatchObject({ kind: 'region', value: 2, match: 'exact' })
    expect(mentions.find((m) => m.start === 4 && m.end === 6)!.candidates).toContainEqual(expect.objectContaining({ kind: 'state', value: 'SP' }))
    expect(best(mentions, 7, 8)).toMatchObject({ kind: 'city', value: 'Belém', match: 'exact' })
  })

  it('offers both the state and the city called São Paulo, the planner chooses', () => {
    const kinds = index.findMentions(words('São Paulo')).find((m) => m.start === 0 && m.end === 2)!.candidates.map((c) => c.kind)
    expect(kinds).toEqual(expect.arrayContaining(['state', 'city']))
  })

  it('reads plural and singular alike', () => {
    expect(stemWord('monitores')).toBe(stemWord('monitor'))
    expect(stemWord('regioes')).toBe(stemWord('regiao'))
    expect(best(index.findMentions(words('notebook')), 0, 1)).toMatchObject({ kind: 'category', value: 1 })
    expect(best(index.findMentions(words('monitor')), 0, 1)).toMatchObject({ kind: 'category', value: 2 })
  })

  it('tolerates typos, swapped letters included, within a few edits', () => {
    expect(best(index.findMentions(words('Mraia')), 0, 1)).toMatchObject({ kind: 'rep', value: 1, match: 'fuzzy' })
    expect(best(index.findMentions(words('nordest')), 0, 1)).toMatchObject({ kind: 'region', value: 2, match: 'fuzzy' })
    expect(best(index.findMentions(words('Vinicius Baros')), 0, 2)).toMatchObject({ kind: 'rep', value: 6, match: 'fuzzy' })
    expect(best(index.findMentions(words('Sao Paolo')), 0, 2)).toMatchObject({ value: expect.stringMatching(/SP|São Paulo/) })
  })

  it('does not stretch typos to short words', () => {
    expect(index.findMentions(words('sol'))).toEqual([])
  })

  it('knows first names, and every rep who has one', () => {
    const anas = best(index.findMentions(words('Ana')), 0, 1)
    expect(anas).toMatchObject({ kind: 'rep', match: 'first_name' })
    const all = index.findMentions(words('Ana')).find((m) => m.start === 0)!.candidates.filter((c) => c.match === 'first_name')
    expect(all.map((c) => c.label).sort()).toEqual(['Ana Costa', 'Ana Oliveira'])
  })

  it('knows English region names, state names and codes, and words for stored codes', () => {
    expect(best(index.findMentions(words('the South')), 0, 2)).toMatchObject({ kind: 'region', value: 5, match: 'alias' })
    expect(best(index.findMentions(words('Minas Gerais')), 0, 2)).toMatchObject({ kind: 'state', value: 'MG' })
    expect(best(index.findMentions(words('cartão de crédito')), 0, 3)).toMatchObject({ kind: 'payment_method', value: 'credit_card' })
    expect(best(index.findMentions(words('parceiros')), 0, 1)).toMatchObject({ kind: 'channel', value: 'partner' })
    expect(best(index.findMentions(words('cancelados')), 0, 1)).toMatchObject({ kind: 'status', value: 'cancelled' })
    expect(best(index.findMentions(words('retail')), 0, 1)).toMatchObject({ kind: 'segment', value: 'Varejo' })
  })

  it('marks names that are also ordinary words, unless the user marked them', () => {
    expect(best(index.findMentions(words('vendas no Pará')), 2, 3)).toMatchObject({ kind: 'state', value: 'PA', guarded: false })
    expect(best(index.findMentions(words('vendas para o norte')), 1, 2)).toBeUndefined()
    expect(best(index.findMentions(words('se vendemos')), 0, 1)).toBeUndefined()
    expect(best(index.findMentions(words('estado de se')), 2, 3)).toBeUndefined()
    expect(best(index.findMentions(words('vendas em rn')), 2, 3)).toMatchObject({ kind: 'state', value: 'RN', guarded: false })
    expect(best(index.findMentions(words('vendas em SE')), 2, 3)).toMatchObject({ kind: 'state', value: 'SE', guarded: false })
  })

  it('finds customers by the name without its legal form, and by a word of their name as a partial match', () => {
    expect(best(index.findMentions(words('Grupo Silva')), 0, 2)).toMatchObject({ kind: 'customer', value: 3, match: 'alias' })
    const aurora = index.findMentions(words('Aurora')).find((m) => m.start === 0)!
    expect(aurora.candidates.map((c) => [c.label, c.match]).sort()).toEqual([
      ['Hotel Aurora', 'partial'],
      ['Loja Aurora', 'partial'],
    ])
  })

  it('never lets a mention cross a word another phrase already used', () => {
    // "vendas" is blocked (a metric word): "Vendas Ltda" cannot be found through it.
    expect(index.findMentions(words('Vendas Ltda', [0])).some((m) => m.candidates.some((c) => c.kind === 'customer' && c.value === 6))).toBe(false)
    expect(best(index.findMentions(words('"Vendas Ltda"')), 0, 2)).toMatchObject({ kind: 'customer', value: 6 })
  })

  it('ranks the closest names for suggestions', () => {
    expect(index.closestNames('Zuleica Silva', { limit: 2 }).map((c) => c.label)).toContain('Maria Silva')
    expect(index.closestNames('Auror', { kinds: ['customer'], limit: 5 }).every((c) => c.kind === 'customer')).toBe(true)
  })

  it('lists example names of a kind', () => {
    expect(index.exampleNames('region', 2)).toEqual(['Norte', 'Nordeste'])
  })
})
