/**
 * The words of a question that full text should look for: accent-free, without the stop words of either language,
 * each once, at most 32. Both text search configurations see every question, and each keeps the other language's
 * stop words — English would look for Portuguese "de", "que", Portuguese for English "is", "when" — which match
 * nearly every passage of the other language and make the OR-query rank thousands of rows for nothing.
 */
import { foldText } from './embeddings/text-features.js'
import { stopWords } from './embeddings/stop-words.js'

const maxTerms = 32

export function fullTextTerms(question: string): string {
  const words = foldText(question).match(/[\p{L}\p{N}]+/gu) ?? []
  return [...new Set(words.filter((word) => !stopWords.has(word)))].slice(0, maxTerms).join(' ')
}
