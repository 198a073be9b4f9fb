import { describe, expect, it } from 'vitest'
import { fullTextTerms, synonymWeight } from '../../../src/documents/full-text-terms.js'
import { findSynonyms, glossaryWords, synonymsOf, synonymsPerLanguage } from '../../../src/documents/glossary/find-synonyms.js'
import { portugueseNumberForms } from '../../../src/documents/glossary/portuguese-number-forms.js'
import { salesGlossary } from '../../../src/documents/glossary/sales-glossary.js'

const textsOf = (question: string, group?: number) => fullTextTerms(question).filter((t) => group === undefined || t.group === group).map((t) => t.text)

describe('full-text terms of a question', () => {
  it('keeps the user’s words at full weight, accent-free, each once, without the stop words of either language', () => {
    const own = fullTextTerms('Qual é o prazo do boleto? O PRAZO do boleto, please').filter((t) => t.weight === 1 && t.language === undefined)
    expect(own.map((t) => t.text)).toEqual(['prazo', 'boleto', 'please'])
    expect(new Set(own.map((t) => t.group)).size).toBe(3)
  })

  it('adds the other Portuguese number of a word, which the Portuguese stemmer keeps apart, for that configuration only', () => {
    expect(portugueseNumberForms('comissao')).toEqual(['comissoes'])
    expect(portugueseNumberForms('canais')).toEqual(['canal'])
    expect(portugueseNumberForms('minimo')).toEqual(['minimos'])
    expect(portugueseNumberForms('itens')).toEqual(['item'])
    expect(fullTextTerms('comissão')).toContainEqual({ text: 'comissoes', group: 0, weight: 1, language: 'pt' })
  })

  it('adds the glossary’s synonyms of a word to its group, in both languages, weighing less than the word itself', () => {
    const terms = fullTextTerms('what commission do I get?')
    const group = terms.find((t) => t.text === 'commission')!.group
    const synonyms = terms.filter((t) => t.group === group && t.weight < 1)
    expect(synonyms.map((t) => t.text)).toEqual(expect.arrayContaining(['comissao', 'sales commission']))
    expect(synonyms.every((t) => t.weight === synonymWeight && t.weight < 1)).toBe(true)
    expect(synonyms.find((t) => t.text === 'comissao')?.language).toBe('pt')
  })

  it('makes a phrase the glossary knows a group of its own: the phrase, and its synonyms', () => {
    const terms = fullTextTerms('qual o preço mínimo do notebook?')
    const phrase = terms.find((t) => t.text === 'preco minimo')!
    expect(phrase.weight).toBe(1)
    expect(textsOf('qual o preço mínimo do notebook?', phrase.group)).toEqual(expect.arrayContaining(['floor price', 'minimum price']))
  })

  it('does not expand a word the glossary does not know, nor a stop word that spells an entry ("may" is no month here)', () => {
    expect(fullTextTerms('zephyr quokka')).toEqual([
      { text: 'zephyr', group: 0, weight: 1 },
      { text: 'quokka', group: 1, weight: 1 },
    ])
    expect(textsOf('may I see it')).not.toContain('maio')
  })

  it('answers a question of stop words or punctuation only with no term', () => {
    expect(fullTextTerms('o que é isso?')).toEqual([])
    expect(fullTextTerms('?!')).toEqual([])
  })
})

describe('the sales glossary', () => {
  it('has a few hundred concepts, each named in English and in Portuguese', () => {
    expect(salesGlossary.length).toBeGreaterThanOrEqual(300)
    expect(salesGlossary.filter((line) => line.en.length === 0 || line.pt.length === 0)).toEqual([])
  })

  it('finds entries whatever their case, accents and plural, and phrases only as phrases', () => {
    const [discounts] = findSynonyms(glossaryWords('DESCONTOS'))
    expect(discounts?.synonyms.map((s) => s.text)).toContain('discount')
    expect(synonymsOf('comissoes')).toContain('commission')
    expect(synonymsOf('list price')).toContain('preco de lista')
    expect(synonymsOf('a list with each price')).not.toContain('preco de lista')
  })

  it('brings in the usual names first, at most a few per language', () => {
    const [match] = findSynonyms(glossaryWords('salesperson'))
    const byLanguage = (language: string) => match!.synonyms.filter((s) => s.language === language).map((s) => s.text)
    expect(byLanguage('pt')).toEqual(['vendedor', 'vendedora'].slice(0, synonymsPerLanguage))
    expect(byLanguage('en').length).toBeLessThanOrEqual(synonymsPerLanguage)
  })
})
