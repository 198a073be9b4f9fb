/**
 * The retrieval bar of issue #7, kept in CI: the RAG eval suite (evals/rag/cases.jsonl) over the demo documents, on an
 * embedded database, with the offline local embedder, must keep recall@5 and MRR@5 above honest thresholds, a few
 * points under what the search reaches today (recall@5 93.9%, MRR@5 0.752), so that a change that loses a handful of
 * cases fails here, with the full report (every miss and what came instead) in the failure message.
 */
import { fileURLToPath } from 'node:url'
import { beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { formatRagReport } from '../../src/evals/format-rag-report.js'
import { runRagEvalOnDemoDocuments } from '../../src/evals/rag-eval-on-demo.js'
import type { RagEvalReport } from '../../src/evals/rag-eval-suite.js'

const minimumRecallAt5 = 0.9
const minimumMrrAt5 = 0.7
/**
 * The held-out set (evals/rag/holdout.jsonl, 44 questions written without sight of the search and not used to tune it):
 * 61.4% recall@5 before the BM25 + glossary work, 81.8% after. Its bar is lower — it measures generalisation.
 */
const minimumHoldoutRecallAt5 = 0.75
const holdoutFile = fileURLToPath(new URL('../../evals/rag/holdout.jsonl', import.meta.url))

const acceptanceQuestions = ['what is the maximum discount for enterprise customers?', 'qual é a comissão sobre vendas acima da meta?']

describe('document retrieval on the demo documents (RAG eval suite, offline embedder)', () => {
  let report: RagEvalReport & { embeddingModel: string }

  beforeAll(async () => {
    // Only LOG_LEVEL: the machine's EMBEDDINGS_* settings must not change what this test measures.
    report = await runRagEvalOnDemoDocuments(loadConfig({ LOG_LEVEL: 'silent' }))
  })

  it('uses the offline local embedder', () => {
    expect(report.embeddingModel).toBe('local-hash-v1')
  })

  it(`finds the answering passage in the top 5 for at least ${minimumRecallAt5 * 100}% of the questions`, () => {
    expect(report.recallAtK, formatRagReport(report)).toBeGreaterThanOrEqual(minimumRecallAt5)
  })

  it(`ranks it high enough for an MRR@5 of at least ${minimumMrrAt5}`, () => {
    expect(report.mrrAtK, formatRagReport(report)).toBeGreaterThanOrEqual(minimumMrrAt5)
  })

  it('puts the passage of both acceptance questions of issue #7 first', () => {
    for (const question of acceptanceQuestions) {
      const result = report.results.find((r) => r.question === question)
      expect(result, `the suite no longer asks "${question}"`).toBeDefined()
      expect(result!.rank, `${question} → ${result!.topFileNames.join(', ')}`).toBe(1)
    }
  })

  it(`finds the passage in the top 5 for at least ${minimumHoldoutRecallAt5 * 100}% of the held-out questions`, async () => {
    const holdout = await runRagEvalOnDemoDocuments(loadConfig({ LOG_LEVEL: 'silent' }), { casesFile: holdoutFile })
    expect(holdout.recallAtK, formatRagReport(holdout)).toBeGreaterThanOrEqual(minimumHoldoutRecallAt5)
  }, 120_000)
})
