/**
 * The summary a digest shows: the template, or a model's rephrasing of it when one is configured and every number
 * in the rephrasing is one of the digest's numbers (summary-numbers.ts). A rephrasing that fails the check, is empty
 * or runs long, or a summarizer that throws, falls back to the template; the caller hears why through `onFallback`.
 */
import type { Language } from '../../semantic/semantic-model.js'
import { checkSummaryNumbers } from './summary-numbers.js'

export interface DigestSummarizerInput {
  readonly language: Language
  /** The template summary, to rephrase. */
  readonly template: string
  /** The digest's computed figures as displayed (KPIs, target, movers, anomalies, customers): the only numbers a rephrasing may use. */
  readonly figures: readonly string[]
}

/** A model that rephrases the template; it writes words, never figures. */
export type DigestSummarizer = (input: DigestSummarizerInput) => Promise<string>

export type SummaryFallbackReason =
  | { readonly kind: 'error'; readonly error: unknown }
  | { readonly kind: 'numbers'; readonly unmatched: readonly string[]; readonly text: string }
  | { readonly kind: 'empty' }
  | { readonly kind: 'too_long'; readonly length: number }

/** "One or two sentences": anything much longer is not a summary. */
export const maxSummaryLength = 600

export interface Summary {
  readonly summary: string
  readonly summarySource: 'template' | 'model'
}

export async function summarizeDigest(
  input: DigestSummarizerInput,
  summarizer: DigestSummarizer | undefined,
  onFallback?: (reason: SummaryFallbackReason) => void,
): Promise<Summary> {
  const template: Summary = { summary: input.template, summarySource: 'template' }
  if (!summarizer) return template
  let text: string
  try {
    text = (await summarizer(input)).trim()
  } catch (error) {
    onFallback?.({ kind: 'error', error })
    return template
  }
  if (text === '') {
    onFallback?.({ kind: 'empty' })
    return template
  }
  if (text.length > maxSummaryLength) {
    onFallback?.({ kind: 'too_long', length: text.length })
    return template
  }
  const check = checkSummaryNumbers(text, [input.template, ...input.figures], input.language)
  if (!check.ok) {
    onFallback?.({ kind: 'numbers', unmatched: check.unmatched, text })
    return template
  }
  return { summary: text, summarySource: 'model' }
}
