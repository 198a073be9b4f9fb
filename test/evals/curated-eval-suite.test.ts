import { afterAll, beforeAll, expect, it } from 'vitest'
import { createGoldRunner } from '../../src/evals/create-gold-runner.js'
import { importEvalCasesFile, runCuratedEvalSuite } from '../../src/evals/curated-eval-suite.js'
import { listEvalCases, retireEvalCase, updateEvalCase } from '../../src/evals/eval-case.repository.js'
import { listEvalRuns, saveEvalRun } from '../../src/evals/eval-run.repository.js'
import { coreEvalCasesFile, loadEvalCases } from '../../src/evals/load-eval-cases.js'
import type { AnswerQuestion } from '../../src/evals/run-evals.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const actor = { keyId: null, name: 'test:curator' }

describeEachDatabase('curated eval suite', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())

  it('import the core suite file into the curated set once, keeping later curation on a re-import', async () => {
    const fileCases = await loadEvalCases(coreEvalCasesFile)
    expect(await importEvalCasesFile(t.db, coreEvalCasesFile, actor)).toEqual({ inserted: fileCases.length, unchanged: 0, kept: [] })
    expect(await importEvalCasesFile(t.db, coreEvalCasesFile, actor)).toEqual({ inserted: 0, unchanged: fileCases.length, kept: [] })
    await updateEvalCase(t.db, 'rev-last-month-en', { addTags: ['reviewed'] }, actor)
    expect(await importEvalCasesFile(t.db, coreEvalCasesFile, actor)).toMatchObject({ inserted: 0, kept: ['rev-last-month-en'] })
    const stored = await listEvalCases(t.db, { source: 'file', limit: 1000 })
    expect(stored).toHaveLength(fileCases.length)
    expect(stored.find((c) => c.id === 'rev-last-month-en')?.tags).toContain('reviewed')
  })

  it('run the active curated cases (by tag), skip retired ones, and store the run as suite "curated"', async () => {
    await retireEvalCase(t.db, 'fat-mes-passado-pt', actor)
    const goldRunner = createGoldRunner(t.pool)
    // An oracle: answers each case with its own gold rows, refuses what must be refused.
    const cases = new Map((await loadEvalCases(coreEvalCasesFile)).map((c) => [c.question, c]))
    const asked: string[] = []
    const oracle: AnswerQuestion = async (question, context) => {
      asked.push(context.caseId!)
      const c = cases.get(question)!
      return c.goldSql ? { refused: false, sql: c.goldSql, rows: await goldRunner(c.goldSql) } : { refused: true }
    }
    const report = await runCuratedEvalSuite({ db: t.db, answer: oracle, goldRunner, tags: ['time:last_month'] })
    expect(report.total).toBeGreaterThan(0)
    expect(report.accuracy).toBe(1)
    expect(asked).toContain('rev-last-month-en')
    expect(asked).not.toContain('fat-mes-passado-pt')
    expect(report.cases.every((c) => c.tags.includes('time:last_month'))).toBe(true)

    const id = await saveEvalRun(t.db, { suite: 'curated', model: 'offline-planner', promptVersion: 'analyst-system@1', dataset: { tags: ['time:last_month'] }, report })
    expect((await listEvalRuns(t.db, { suite: 'curated', promptVersion: 'analyst-system@1', model: 'offline-planner' }))[0]).toMatchObject({ id, suite: 'curated', accuracy: 1 })
    expect(await listEvalRuns(t.db, { suite: 'curated', model: 'someone-else' })).toEqual([])
  })

  it('refuse to run an empty selection', async () => {
    await expect(runCuratedEvalSuite({ db: t.db, answer: async () => ({ refused: true }), goldRunner: async () => [], tags: ['no-such-tag'] })).rejects.toMatchObject({ code: 'bad_request' })
  })
})
