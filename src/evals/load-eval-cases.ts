/**
 * Eval cases: one JSON object per line (JSONL), e.g. evals/cases/core.jsonl. Every line is validated, and a bad one
 * is reported by file and line number, so a hand-edited suite fails loudly instead of silently losing a case.
 * Any file in the same format runs unchanged; a case without `today` is asked on the clock's date (see runEvals).
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'
import { parseJsonlLines } from './parse-jsonl-lines.js'

/** The curated suite shipped with the product (see evals/README.md for its dataset and conventions). */
export const coreEvalCasesFile = fileURLToPath(new URL('../../evals/cases/core.jsonl', import.meta.url))

export const evalLanguages = ['en', 'pt'] as const
export type EvalLanguage = (typeof evalLanguages)[number]

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be YYYY-MM-DD')
  .refine((text) => {
    const date = new Date(`${text}T00:00:00Z`)
    return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === text
  }, 'is not a real calendar date')

const caseLine = z
  .object({
    id: z.string().regex(/^[a-z0-9]+(?:-[a-z0-9]+)*$/, 'must be kebab-case (a-z, 0-9, hyphens)'),
    question: z.string().trim().min(1, 'must not be empty').max(2_000),
    lang: z.enum(evalLanguages),
    today: isoDate.optional(),
    gold_sql: z.string().trim().min(1, 'must not be empty (use null for refusals)').nullable().optional(),
    tags: z.array(z.string().regex(/^[a-z0-9_-]+(?::[a-z0-9_-]+)?$/, 'tags look like "metric:revenue" or "top_n"')).default([]),
    ordered: z.boolean().default(false),
    expect: z.enum(['answer', 'refuse']),
    /** Free text for people editing the suite; ignored by the harness. */
    note: z.string().optional(),
  })
  .strict()
  .superRefine((line, context) => {
    if (line.expect === 'answer' && !line.gold_sql) context.addIssue({ code: 'custom', path: ['gold_sql'], message: 'is required when expect is "answer"' })
    if (line.expect === 'refuse' && line.gold_sql) context.addIssue({ code: 'custom', path: ['gold_sql'], message: 'must be null when expect is "refuse"' })
    if (new Set(line.tags).size !== line.tags.length) context.addIssue({ code: 'custom', path: ['tags'], message: 'has duplicates' })
  })

export interface EvalCase {
  readonly id: string
  readonly question: string
  readonly lang: EvalLanguage
  /** 'YYYY-MM-DD' the question is asked on; absent: the run's clock date. */
  readonly today?: string
  /** The hand-written query whose result is the right answer; null when the right answer is a refusal. */
  readonly goldSql: string | null
  readonly tags: readonly string[]
  /** Rows must come in the gold order (the question asked for a ranking or an order). */
  readonly ordered: boolean
  readonly expect: 'answer' | 'refuse'
}

/** Parses JSONL text; `source` names the file in errors ("core.jsonl:12: lang …"). */
export function parseEvalCases(text: string, source: string): EvalCase[] {
  const cases = parseJsonlLines(text, source, caseLine).map(
    (line): EvalCase => ({
      id: line.id,
      question: line.question,
      lang: line.lang,
      ...(line.today === undefined ? {} : { today: line.today }),
      goldSql: line.gold_sql ?? null,
      tags: line.tags,
      ordered: line.ordered,
      expect: line.expect,
    }),
  )
  if (cases.length === 0) throw new Error(`${source}: no eval cases`)
  return cases
}

export async function loadEvalCases(file: string = coreEvalCasesFile): Promise<EvalCase[]> {
  return parseEvalCases(await readFile(file, 'utf8'), file)
}
