/**
 * The offline default embedder: feature hashing, no model download. Each text becomes word unigrams, word bigrams and
 * character 3- and 4-grams of every word, hashed (FNV-1a, with a sign bit so collisions cancel out rather than pile up)
 * into a fixed number of dimensions, weighted by sublinear term frequency and L2-normalised. It is lexical-grade:
 * it matches shared words, their plurals, accents and typos, not meaning; a real model ('openai', 'ollama') does that.
 * A question (purpose 'query') also carries its sales-glossary synonyms, so "commission" reaches a passage that says
 * "comissão": the deterministic bridge across English and Portuguese that a lexical vector otherwise lacks. Passages
 * are embedded as written, so the glossary can change without re-embedding anything.
 */
import type { Embedder } from '../document-contract.js'
import { synonymsOf } from '../glossary/find-synonyms.js'
import { textWords } from './text-features.js'

export const localHashedModel = 'local-hash-v1'
export const defaultLocalDimension = 1024

/** Whole words say the most, word pairs add order, character n-grams add robustness; they are many, so they weigh least. */
const weights = { unigram: 1, bigram: 0.6, charGram: 0.25 } as const
/** The question's synonyms, embedded together, join its vector at this weight (the question itself weighs 1). */
export const querySynonymWeight = 1
/** Distinct seeds keep a unigram "ab" and a character n-gram "ab" apart. */
const seeds = { unigram: 0x811c9dc5, bigram: 0x050c5d1f, charGram: 0x1b873593 } as const

export function createLocalHashedEmbedder(options: { dimension?: number } = {}): Embedder {
  const dimension = options.dimension ?? defaultLocalDimension
  if (!Number.isInteger(dimension) || dimension < 8) throw new RangeError(`The local embedder needs an integer dimension of at least 8, not ${dimension}.`)
  return {
    model: localHashedModel,
    dimension,
    async embed(texts, purpose) {
      return texts.map((text) => (purpose === 'query' ? embedQuery(text, dimension) : embedText(text, dimension)))
    },
  }
}

/** One text's vector; all zeros when the text has no letter or digit at all. */
export function embedText(text: string, dimension: number): number[] {
  const unigrams = new Map<number, number>()
  const bigrams = new Map<number, number>()
  const charGrams = new Map<number, number>()
  const words = textWords(text)
  for (let i = 0; i < words.length; i++) {
    const { surface, stem } = words[i]!
    count(unigrams, fnv1a(stem, seeds.unigram))
    if (i > 0) count(bigrams, fnv1a(stem, fnv1a(' ', fnv1a(words[i - 1]!.stem, seeds.bigram))))
    // Boundary markers make "^co" (a word start) a different feature from "co" inside a word.
    const marked = `^${surface}$`
    for (const size of [3, 4]) {
      for (let start = 0; start + size <= marked.length; start++) count(charGrams, fnv1aRange(marked, start, start + size, seeds.charGram))
    }
  }
  const vector = new Array<number>(dimension).fill(0)
  addFeatures(vector, unigrams, weights.unigram)
  addFeatures(vector, bigrams, weights.bigram)
  addFeatures(vector, charGrams, weights.charGram)
  return normalise(vector)
}

/** A question's vector: its own words, plus its glossary synonyms at querySynonymWeight. */
export function embedQuery(text: string, dimension: number): number[] {
  const own = embedText(text, dimension)
  const synonyms = synonymsOf(text)
  if (synonyms.length === 0) return own
  const extra = embedText(synonyms.join('\n'), dimension)
  return normalise(own.map((x, i) => x + querySynonymWeight * extra[i]!))
}

function count(counts: Map<number, number>, hash: number): void {
  counts.set(hash, (counts.get(hash) ?? 0) + 1)
}

function addFeatures(vector: number[], counts: Map<number, number>, weight: number): void {
  const dimension = vector.length
  for (const [hash, tf] of counts) {
    // Sublinear tf: a word said ten times is not ten times as telling.
    const value = weight * (1 + Math.log(tf))
    // The index takes the low bits, the sign a mixed high bit, so the two are independent.
    const sign = mix(hash) & 1 ? -1 : 1
    vector[hash % dimension]! += sign * value
  }
}

function normalise(vector: number[]): number[] {
  let sum = 0
  for (const x of vector) sum += x * x
  if (sum === 0) return vector
  const inverse = 1 / Math.sqrt(sum)
  for (let i = 0; i < vector.length; i++) vector[i]! *= inverse
  return vector
}

function fnv1a(text: string, seed: number): number {
  return fnv1aRange(text, 0, text.length, seed)
}

/** 32-bit FNV-1a over UTF-16 code units [start, end), without building the substring. */
function fnv1aRange(text: string, start: number, end: number, seed: number): number {
  let hash = seed >>> 0
  for (let i = start; i < end; i++) {
    hash ^= text.charCodeAt(i)
    hash = Math.imul(hash, 0x01000193) >>> 0
  }
  return hash >>> 0
}

/** murmur3's finaliser: spreads every input bit over the output, so the sign bit does not follow the index bits. */
function mix(hash: number): number {
  let h = hash
  h ^= h >>> 16
  h = Math.imul(h, 0x85ebca6b)
  h ^= h >>> 13
  h = Math.imul(h, 0xc2b2ae35)
  h ^= h >>> 16
  return h >>> 0
}
