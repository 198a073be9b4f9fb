/**
 * A tiny pattern language over normalised words, so the planner's phrasings are written as readable data
 * ("last|past|ultimos N UNIT") instead of regular expressions over raw text. Each element matches one word:
 * `a|b|c` is a choice of words, an UPPER-CASE name is a slot read by a caller-supplied reader, and a trailing
 * `?` makes the element optional. Matching is greedy with backtracking, and never crosses a word that is
 * already used by another phrase.
 */
import type { Token } from './tokenize-question.js'

interface PatternElement {
  readonly words?: ReadonlySet<string>
  readonly slot?: string
  readonly optional: boolean
}

export type WordPattern = readonly PatternElement[]

/** Reads one word as a slot value (a number, a month, a unit …), or says it does not fit. */
export type SlotReader = (tokens: readonly Token[], index: number) => unknown

export interface PatternMatch {
  /** One past the last word matched. */
  readonly end: number
  /** Slot values in the order they were matched. */
  readonly slots: ReadonlyArray<{ readonly name: string; readonly value: unknown; readonly index: number }>
}

export function compileWordPattern(source: string): WordPattern {
  return source
    .trim()
    .split(/\s+/)
    .map((part) => {
      const optional = part.endsWith('?')
      const body = optional ? part.slice(0, -1) : part
      if (/^[A-Z_]+$/.test(body)) return { slot: body, optional }
      return { words: new Set(body.split('|')), optional }
    })
}

export function matchWordPattern(
  pattern: WordPattern,
  tokens: readonly Token[],
  start: number,
  readers: Readonly<Record<string, SlotReader>>,
  isFree: (index: number) => boolean = () => true,
): PatternMatch | undefined {
  const slots: Array<{ name: string; value: unknown; index: number }> = []
  const step = (k: number, i: number): number | undefined => {
    if (k === pattern.length) return i
    const element = pattern[k]!
    if (i < tokens.length && isFree(i)) {
      const token = tokens[i]!
      if (element.words?.has(token.text)) {
        const end = step(k + 1, i + 1)
        if (end !== undefined) return end
      } else if (element.slot) {
        const reader = readers[element.slot]
        if (!reader) throw new Error(`no reader for pattern slot ${element.slot}`)
        const value = reader(tokens, i)
        if (value !== undefined) {
          slots.push({ name: element.slot, value, index: i })
          const end = step(k + 1, i + 1)
          if (end !== undefined) return end
          slots.pop()
        }
      }
    }
    return element.optional ? step(k + 1, i) : undefined
  }
  const end = step(0, start)
  // A pattern made only of optional parts must still match something.
  if (end === undefined || end === start) return undefined
  return { end, slots }
}

/** The first value of a slot in a match. */
export function slotValue<T>(match: PatternMatch, name: string): T | undefined {
  return match.slots.find((s) => s.name === name)?.value as T | undefined
}
