/**
 * Finds the planner's phrases in a question's words, longest first across the whole question (so "clientes
 * novos" wins over "quantos clientes" in "quantos clientes novos"), never overlapping each other nor words
 * another stage already used. One span may carry several meanings ("clientes" = a metric and a dimension).
 */
import { plannerPhrases, type Meaning, type Phrase } from './planner-vocabulary.js'
import { allowedTypos, editDistance } from './text-similarity.js'
import type { Token } from './tokenize-question.js'

export interface VocabularyMatch {
  readonly start: number
  readonly end: number
  readonly meanings: readonly Meaning[]
  readonly blocking: boolean
  /** Read as a typo of this phrase ("faturamneto" → "faturamento"). */
  readonly correctedFrom?: string
  readonly phrase: string
}

const byFirstWord = new Map<string, Phrase[]>()
for (const phrase of plannerPhrases) {
  const list = byFirstWord.get(phrase.words[0]!)
  if (list) list.push(phrase)
  else byFirstWord.set(phrase.words[0]!, [phrase])
}

const isWeak = (meanings: readonly Meaning[]) => meanings.every((m) => m.type === 'metric' && m.weak)

export function matchVocabulary(tokens: readonly Token[], used: ReadonlySet<number>): VocabularyMatch[] {
  const found = new Map<string, { start: number; end: number; phrases: Phrase[] }>()
  tokens.forEach((token, start) => {
    if (used.has(start) || token.quoted) return
    for (const phrase of byFirstWord.get(token.text) ?? []) {
      const end = start + phrase.words.length
      if (end > tokens.length) continue
      let ok = true
      for (let k = 0; k < phrase.words.length && ok; k++) {
        const t = tokens[start + k]!
        ok = !used.has(start + k) && !t.quoted && t.text === phrase.words[k]
      }
      if (!ok) continue
      const key = `${start}:${end}`
      const entry = found.get(key) ?? { start, end, phrases: [] }
      entry.phrases.push(phrase)
      found.set(key, entry)
    }
  })
  return choose([...found.values()].map((f) => toMatch(f.start, f.end, f.phrases)))
}

function toMatch(start: number, end: number, phrases: readonly Phrase[], correctedFrom?: string): VocabularyMatch {
  const meanings: Meaning[] = []
  for (const p of phrases) if (!meanings.some((m) => JSON.stringify(m) === JSON.stringify(p.meaning))) meanings.push(p.meaning)
  return { start, end, meanings, blocking: phrases.some((p) => p.blocking), phrase: phrases[0]!.words.join(' '), ...(correctedFrom ? { correctedFrom } : {}) }
}

function choose(candidates: VocabularyMatch[]): VocabularyMatch[] {
  candidates.sort((a, b) => b.end - b.start - (a.end - a.start) || Number(isWeak(a.meanings)) - Number(isWeak(b.meanings)) || a.start - b.start)
  const taken = new Set<number>()
  const chosen: VocabularyMatch[] = []
  for (const c of candidates) {
    let free = true
    for (let i = c.start; i < c.end && free; i++) free = !taken.has(i)
    if (!free) continue
    for (let i = c.start; i < c.end; i++) taken.add(i)
    chosen.push(c)
  }
  return chosen.sort((a, b) => a.start - b.start)
}

/**
 * Typos of metric and dimension phrases among words nothing else explained ("faturamneto", "tiket medio"):
 * same first letter, within `allowedTypos` edits of a whole phrase of one to three words.
 */
export function matchVocabularyTypos(tokens: readonly Token[], free: ReadonlySet<number>): VocabularyMatch[] {
  const candidates: VocabularyMatch[] = []
  for (let start = 0; start < tokens.length; start++) {
    for (let length = 1; length <= 3; length++) {
      const end = start + length
      if (end > tokens.length) break
      let ok = true
      for (let i = start; i < end && ok; i++) ok = free.has(i)
      if (!ok) break
      const text = tokens.slice(start, end).map((t) => t.text).join(' ')
      const allowed = allowedTypos(text.replace(/ /g, '').length)
      if (allowed === 0) continue
      let best: { phrases: Phrase[]; distance: number } | undefined
      for (const phrase of plannerPhrases) {
        if (!phrase.blocking || phrase.words.length !== length) continue
        const target = phrase.words.join(' ')
        if (target[0] !== text[0] || target.length < 5) continue
        const distance = editDistance(text, target, allowed)
        if (distance === 0 || distance > allowed) continue
        if (!best || distance < best.distance) best = { phrases: [phrase], distance }
        else if (distance === best.distance && target === best.phrases[0]!.words.join(' ')) best.phrases.push(phrase)
      }
      if (best) candidates.push(toMatch(start, end, best.phrases, text))
    }
  }
  return choose(candidates)
}
