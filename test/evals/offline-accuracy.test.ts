/**
 * The accuracy gate: the offline planner answers the curated core suite (160 cases, over half in Portuguese)
 * through the real pipeline — plan, compile, guard, run — and must keep execution accuracy at the threshold.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { answerForEvals } from '../../src/analyst/answer-for-evals.js'
import { loadConfig } from '../../src/config/config.js'
import { offlinePlannerAccuracyThreshold } from '../../src/evals/accuracy-threshold.js'
import { runCoreEvalSuite } from '../../src/evals/core-eval-suite.js'
import { formatEvalReport } from '../../src/evals/format-eval-report.js'
import { createAnalyst } from '../../src/main.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

describeEachDatabase('offline planner accuracy on the core eval suite', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())

  it(`answers at least ${offlinePlannerAccuracyThreshold * 100}% of the cases with the gold result`, async () => {
    const analyst = await createAnalyst(loadConfig({ LOG_LEVEL: 'silent' }), t)
    const report = await runCoreEvalSuite({ database: { ...t, kind }, answer: answerForEvals(analyst.answerQuestion, { userId: 'test:evals', role: 'admin' }) })
    // Printed every run: the figure belongs in the log even when it passes.
    console.log(formatEvalReport(report, 'text', { suite: `core [${kind}]`, maxFailures: 40 }))
    expect(report.total).toBeGreaterThanOrEqual(100)
    expect(report.accuracy).toBeGreaterThanOrEqual(offlinePlannerAccuracyThreshold)
  }, 600_000)
})
