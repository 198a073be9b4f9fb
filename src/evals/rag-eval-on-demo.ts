/**
 * Runs the RAG retrieval suite the way it is meant to be read: on a throwaway embedded database holding only the demo
 * documents, through the same ingestion and hybrid search as the product, with the configured embedder (so switching
 * EMBEDDINGS_PROVIDER measures that model). Used by `salesmatrix evals run --suite rag` and by the CI threshold test.
 */
import type { Config } from '../config/config.js'
import { migrate } from '../db/migrate.js'
import { openDatabase } from '../db/open-database.js'
import { createDocumentServices } from '../main.js'
import { seedDemoDocuments } from '../seed/seed-demo-documents.js'
import { loadRagCases, ragEvalSuite, runRagEvalSuite, type RagCaseResult, type RagEvalReport } from './rag-eval-suite.js'

export async function runRagEvalOnDemoDocuments(config: Config, options: { onCase?: (result: RagCaseResult, index: number, total: number) => void; casesFile?: string } = {}): Promise<RagEvalReport & { embeddingModel: string }> {
  const database = await openDatabase({ kind: 'embedded', dataDir: 'memory' })
  try {
    await migrate(database.pool)
    const documents = await createDocumentServices(config, database)
    await seedDemoDocuments(documents.ingestion)
    const space = await documents.store.ensureEmbeddings()
    const report = await runRagEvalSuite({
      cases: await loadRagCases(options.casesFile ?? ragEvalSuite.file),
      // An admin reads every document: the suite measures ranking, not visibility (tested on its own).
      search: (question) => documents.store.search(question, { role: 'admin' }, { limit: ragEvalSuite.k }),
      k: ragEvalSuite.k,
      ...(options.onCase ? { onCase: options.onCase } : {}),
    })
    return { ...report, embeddingModel: space.model }
  } finally {
    await database.close()
  }
}
