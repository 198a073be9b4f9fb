/**
 * The retrieval eval suite (RAG over sales documents): questions about the demo documents, each naming the document
 * and an exact phrase of the passage that answers it (evals/rag/cases.jsonl). Any search function is scored by
 * recall@k, recall@1 and MRR@k, so the retrieval is judged on its own, before a model writes an answer from it.
 * Cases run one at a time so the latencies measure one search alone.
 */
import { readFile } from 'node:fs/promises'
import { performance } from 'node:perf_hooks'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { evalLanguages, type EvalLanguage } from './load-eval-cases.js'
import { summariseLatencies, type LatencySummary } from './run-evals.js'
import { parseJsonlLines } from './parse-jsonl-lines.js'

/** The suite shipped with the product, and the demo documents its cases quote. */
export const ragEvalSuite = Object.freeze({
  name: 'rag',
  file: fileURLToPath(new URL('../../evals/rag/cases.jsonl', import.meta.url)),
  documentsFolder: fileURLToPath(new URL('../seed/documents/', import.meta.url)),
  /** Passages per question that count (recall@5, MRR@5): what the answering agent is given by default. */
  k: 5,
})

export interface RagCase {
  readonly id: string
  readonly language: EvalLanguage
  readonly question: string
  /** File name of the document that answers, as stored (e.g. "sales-playbook.md"). */
  readonly document: string
  /** A short phrase copied verbatim from the answering paragraph; a returned passage must contain it. */
  readonly passage: string
  readonly tags: readonly string[]
}

/** The slice of a search hit the suite needs (DocumentPassage has both fields). */
export interface RagPassage {
  readonly fileName: string
  readonly text: string
}

export type RagSearch = (question: string, language: EvalLanguage) => Promise<readonly RagPassage[]>

export interface RunRagEvalSuiteOptions {
  readonly cases: readonly RagCase[]
  readonly search: RagSearch
  /** Passages that count, from the top (default 5); the search may return more, they are ignored. */
  readonly k?: number
  /** Milliseconds timer for search latencies; performance.now by default. */
  readonly timer?: () => number
  /** Told after each case, e.g. to print progress. */
  readonly onCase?: (result: RagCaseResult, index: number, total: number) => void
}

export interface RagCaseResult {
  readonly id: string
  readonly language: EvalLanguage
  readonly question: string
  readonly document: string
  readonly passage: string
  readonly tags: readonly string[]
  /** 1-based rank of the first passage from the right document holding the phrase, within k; null for a miss. */
  readonly rank: number | null
  /** 1-based rank of the first passage from the right document within k, phrase or not: tells "wrong chunk" from "wrong document". */
  readonly documentRank: number | null
  /** File names of the first k passages returned, in order. */
  readonly topFileNames: readonly string[]
  readonly latencyMs: number
  /** The search threw (counted as a miss). */
  readonly error?: string
}

export interface RagMetrics {
  readonly cases: number
  /** Cases with a hit within k. */
  readonly hits: number
  /** hits / cases, 0..1. */
  readonly recallAtK: number
  /** Cases whose first passage is a hit / cases. */
  readonly recallAt1: number
  /** Mean of 1/rank of the first hit within k (0 for a miss): MRR@k. */
  readonly mrrAtK: number
}

export interface RagEvalReport extends RagMetrics {
  readonly k: number
  readonly byLanguage: Readonly<Record<string, RagMetrics>>
  readonly byTag: Readonly<Record<string, RagMetrics>>
  readonly byDocument: Readonly<Record<string, RagMetrics>>
  /** Of the search calls, in milliseconds. */
  readonly latencyMs: LatencySummary
  readonly results: readonly RagCaseResult[]
}

const kebab = /^[a-z0-9]+(?:-[a-z0-9]+)*$/

const caseLine = z
  .object({
    id: z.string().regex(kebab, 'must be kebab-case (a-z, 0-9, hyphens)'),
    language: z.enum(evalLanguages),
    question: z.string().trim().min(1, 'must not be empty').max(2_000),
    document: z.string().regex(/^[^\\/]+\.[A-Za-z0-9]+$/, 'must be a plain file name with its extension, e.g. "sales-playbook.md"'),
    // One line: a phrase that spans paragraphs would never sit inside one chunk.
    passage: z.string().trim().min(1, 'must not be empty').max(300).regex(/^[^\r\n]+$/, 'must be a single line'),
    tags: z.array(z.string().regex(kebab, 'tags are kebab-case, e.g. "cross-language"')).default([]),
  })
  .strict()
  .superRefine((line, context) => {
    if (new Set(line.tags).size !== line.tags.length) context.addIssue({ code: 'custom', path: ['tags'], message: 'has duplicates' })
  })

/** Parses JSONL text; `source` names the file in errors ("cases.jsonl:12 (rag-012): language …"). */
export function parseRagCases(text: string, source: string): RagCase[] {
  const cases = parseJsonlLines(text, source, caseLine).map((line): RagCase => ({ id: line.id, language: line.language, question: line.question, document: line.document, passage: line.passage, tags: line.tags }))
  if (cases.length === 0) throw new Error(`${source}: no RAG eval cases`)
  return cases
}

export async function loadRagCases(file: string = ragEvalSuite.file): Promise<RagCase[]> {
  return parseRagCases(await readFile(file, 'utf8'), file)
}

/**
 * How passage phrases are compared: chunkers re-flow whitespace and extractors may hand back decomposed accents
 * (NFD from some PDFs and DOCX files), neither of which makes a passage wrong.
 */
export function normaliseRagText(text: string): string {
  return text.normalize('NFC').replace(/\s+/g, ' ').trim().toLowerCase()
}

const message = (error: unknown) => (error instanceof Error ? error.message : String(error))
const round1 = (ms: number) => Math.round(ms * 10) / 10

export async function runRagEvalSuite(options: RunRagEvalSuiteOptions): Promise<RagEvalReport> {
  const k = options.k ?? ragEvalSuite.k
  if (!Number.isInteger(k) || k < 1) throw new Error(`k must be a positive integer, got ${k}`)
  const timer = options.timer ?? (() => performance.now())
  const results: RagCaseResult[] = []

  for (const [index, ragCase] of options.cases.entries()) {
    const base = { id: ragCase.id, language: ragCase.language, question: ragCase.question, document: ragCase.document, passage: ragCase.passage, tags: ragCase.tags }
    const started = timer()
    let passages: readonly RagPassage[] = []
    let error: string | undefined
    try {
      passages = await options.search(ragCase.question, ragCase.language)
    } catch (thrown) {
      error = message(thrown)
    }
    const latencyMs = round1(Math.max(0, timer() - started))

    const top = passages.slice(0, k)
    const phrase = normaliseRagText(ragCase.passage)
    const fromDocument = (p: RagPassage) => p.fileName === ragCase.document
    const hitIndex = top.findIndex((p) => fromDocument(p) && normaliseRagText(p.text).includes(phrase))
    const documentIndex = top.findIndex(fromDocument)
    const result: RagCaseResult = {
      ...base,
      rank: hitIndex < 0 ? null : hitIndex + 1,
      documentRank: documentIndex < 0 ? null : documentIndex + 1,
      topFileNames: top.map((p) => p.fileName),
      latencyMs,
      ...(error === undefined ? {} : { error }),
    }
    results.push(result)
    options.onCase?.(result, index, options.cases.length)
  }

  return {
    k,
    ...metricsOf(results),
    byLanguage: bucketBy(results, (r) => [r.language]),
    byTag: bucketBy(results, (r) => r.tags),
    byDocument: bucketBy(results, (r) => [r.document]),
    latencyMs: summariseLatencies(results.map((r) => r.latencyMs)),
    results,
  }
}

function metricsOf(results: readonly RagCaseResult[]): RagMetrics {
  const cases = results.length
  const hits = results.filter((r) => r.rank !== null).length
  if (cases === 0) return { cases, hits, recallAtK: 0, recallAt1: 0, mrrAtK: 0 }
  return {
    cases,
    hits,
    recallAtK: hits / cases,
    recallAt1: results.filter((r) => r.rank === 1).length / cases,
    mrrAtK: results.reduce((sum, r) => sum + (r.rank === null ? 0 : 1 / r.rank), 0) / cases,
  }
}

/** Metrics per key, keys in code-point order so reports and snapshots are stable. */
function bucketBy(results: readonly RagCaseResult[], keys: (result: RagCaseResult) => readonly string[]): Record<string, RagMetrics> {
  const groups = new Map<string, RagCaseResult[]>()
  for (const result of results) {
    for (const key of new Set(keys(result))) {
      const group = groups.get(key) ?? []
      group.push(result)
      groups.set(key, group)
    }
  }
  return Object.fromEntries(
    [...groups.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([key, group]) => [key, metricsOf(group)]),
  )
}
