/**
 * The words a text is made of, as the local embedder sees them: lowercased, accents stripped, split on anything that
 * is not a letter or digit, very common words dropped, lightly stemmed.
 */
import { lightStem } from './light-stem.js'
import { stopWords } from './stop-words.js'

export interface TextWord {
  /** The accent-free lowercase word (for character n-grams: they see the surface form, typos and all). */
  readonly surface: string
  /** Its light stem (for word unigrams and bigrams). */
  readonly stem: string
}

const marks = /\p{M}+/gu
const wordPattern = /[\p{L}\p{N}]+/gu

/** Lowercase and accent-free: NFD splits "ã" into "a" + a combining mark, which is then removed. */
export function foldText(text: string): string {
  return text.toLowerCase().normalize('NFD').replace(marks, '')
}

export function textWords(text: string): TextWord[] {
  const all = foldText(text).match(wordPattern) ?? []
  const content = all.filter((word) => !stopWords.has(word))
  // A text made only of common words ("o que é isso?") still has to embed as something.
  return (content.length > 0 ? content : all).map((surface) => ({ surface, stem: lightStem(surface) }))
}
