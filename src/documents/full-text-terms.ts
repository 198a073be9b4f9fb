/**
 * What full text looks for, from a question: groups of alternatives, one per word of the question (accent-free,
 * without the stop words of either language, each once) and one per phrase the sales glossary knows ("floor price").
 * A group holds the word or phrase itself, the word's other Portuguese number ("comissão" and "comissões" stem apart)
 * and the glossary's translations and synonyms, which weigh less than the user's own words. A passage scores the best
 * alternative of each group, so a synonym never counts on top of the word it stands for.
 *
 * The user's words are looked up under both text search configurations (their language is unknown); a glossary word
 * only under its own. Stop words are removed here, for both languages at once: each configuration keeps the other
 * language's (English would look for Portuguese "de", "que"), which match nearly every passage of that language.
 */
import { findSynonyms, glossaryWords, type SynonymMatch } from './glossary/find-synonyms.js'
import { portugueseNumberForms } from './glossary/portuguese-number-forms.js'
import { stopWords } from './embeddings/stop-words.js'

export interface FullTextTerm {
  /** A word or a phrase, lowercase and accent-free; PostgreSQL stems it under both configurations. */
  readonly text: string
  /** Terms of one group are alternatives for one word of the question: a passage scores the best of them. */
  readonly group: number
  /** 1 for the user's own words (and their other number); less for glossary synonyms. */
  readonly weight: number
  /** The one text search configuration a glossary word needs; undefined (the user's words) = both. */
  readonly language?: 'en' | 'pt'
}

/** Words of the question that count; more add little to ranking and lengthen the query. */
const maxWords = 32
/** Terms in all (words, their forms, synonyms): each is a lexeme to look up, so the query stays short. */
const maxTerms = 64
/** A glossary synonym counts this much of the user's own word: a bridge across languages, not a replacement. */
export const synonymWeight = 0.5

export function fullTextTerms(question: string): FullTextTerm[] {
  const all = glossaryWords(question)
  const words = [...new Set(all.filter((word) => !stopWords.has(word)))].slice(0, maxWords)
  const groupOf = new Map(words.map((word, group) => [word, group]))
  const terms: FullTextTerm[] = []
  const seen = new Set<string>()
  const add = (text: string, group: number, weight: number, language: 'en' | 'pt' | undefined) => {
    // The other number of a word is Portuguese: only the Portuguese configuration needs it.
    const forms = language === 'en' ? [] : portugueseNumberForms(text).map((form) => ({ form, language: 'pt' as const }))
    for (const { form, language: formLanguage } of [{ form: text, language }, ...forms]) {
      const key = `${group} ${form}`
      if (seen.has(key)) continue
      seen.add(key)
      terms.push({ text: form, group, weight, ...(formLanguage ? { language: formLanguage } : {}) })
    }
  }
  // The user's words first (they are what is kept when the terms are cut), then phrases, then synonyms.
  words.forEach((word, group) => add(word, group, 1, undefined))
  let nextGroup = words.length
  const synonyms: { readonly group: number; readonly match: SynonymMatch }[] = []
  for (const match of findSynonyms(all)) {
    if (match.length === 1) {
      const group = groupOf.get(all[match.start]!)
      if (group !== undefined) synonyms.push({ group, match })
      continue
    }
    // A phrase ("floor price") is a group of its own: the phrase itself, and its synonyms ("preço mínimo").
    const group = nextGroup++
    add(all.slice(match.start, match.start + match.length).join(' '), group, 1, undefined)
    synonyms.push({ group, match })
  }
  for (const { group, match } of synonyms) {
    for (const synonym of match.synonyms) add(synonym.text, group, synonymWeight, synonym.language)
  }
  return terms.slice(0, maxTerms)
}
