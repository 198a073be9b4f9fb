import { afterAll, beforeAll, expect, it } from 'vitest'
import { prepareCoreEvalDatabase } from '../../src/evals/core-eval-suite.js'
import { findEvalRun, listEvalRuns, saveEvalRun } from '../../src/evals/eval-run.repository.js'
import type { EvalReport } from '../../src/evals/run-evals.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const report = (startedAt: string, passed: boolean): EvalReport => ({
  startedAt,
  finishedAt: startedAt.replace(':00.000Z', ':05.000Z'),
  total: 2,
  passed: passed ? 2 : 1,
  failed: passed ? 0 : 1,
  accuracy: passed ? 1 : 0.5,
  byTag: { 'metric:revenue': { total: 1, passed: passed ? 1 : 0, accuracy: passed ? 1 : 0 }, out_of_scope: { total: 1, passed: 1, accuracy: 1 } },
  byLanguage: { en: { total: 1, passed: passed ? 1 : 0, accuracy: passed ? 1 : 0 }, pt: { total: 1, passed: 1, accuracy: 1 } },
  latencyMs: { p50: 12.4, p95: 80.6, max: 80.6 },
  cases: [
    {
      id: 'rev-en', question: "What's revenue?", lang: 'en', tags: ['metric:revenue', 'time:default'], expect: 'answer', today: '2026-06-30',
      passed, ...(passed ? {} : { reason: 'row count 0 vs 1 in gold' }), latencyMs: 80.6, refused: false, sql: 'select 1', goldRowCount: 1, answerRowCount: passed ? 1 : 0,
    },
    { id: 'oos-pt', question: 'Vai chover?', lang: 'pt', tags: ['out_of_scope'], expect: 'refuse', today: '2026-06-30', passed: true, latencyMs: 12.4, refused: true },
  ],
})

describeEachDatabase('eval runs', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())

  it('stores a run with its scores, latencies, per-tag accuracy and every case, and reads it back', async () => {
    const id = await saveEvalRun(t.db, {
      suite: 'core',
      model: 'offline-planner',
      promptVersion: 'v1',
      dataset: { seed: 42, orders: 20_000, endDate: '2026-06-30' },
      report: report('2026-07-01T10:00:00.000Z', false),
    })
    const run = await findEvalRun(t.db, id)
    expect(run).toMatchObject({
      id,
      suite: 'core',
      model: 'offline-planner',
      promptVersion: 'v1',
      cases: 2,
      passed: 1,
      accuracy: 0.5,
      p50Ms: 12,
      p95Ms: 81,
      maxMs: 81,
      dataset: { seed: 42, orders: 20_000, endDate: '2026-06-30' },
    })
    expect(run!.startedAt.toISOString()).toBe('2026-07-01T10:00:00.000Z')
    expect(run!.byTag['metric:revenue']).toEqual({ total: 1, passed: 0, accuracy: 0 })
    expect(run!.byLanguage.pt).toEqual({ total: 1, passed: 1, accuracy: 1 })
    expect(run!.results).toEqual([
      {
        caseId: 'rev-en', lang: 'en', question: "What's revenue?", tags: ['metric:revenue', 'time:default'], expect: 'answer', today: '2026-06-30', passed: false,
        reason: 'row count 0 vs 1 in gold', latencyMs: 80.6, refused: false, sql: 'select 1', error: null, goldRowCount: 1, answerRowCount: 0,
      },
      {
        caseId: 'oos-pt', lang: 'pt', question: 'Vai chover?', tags: ['out_of_scope'], expect: 'refuse', today: '2026-06-30', passed: true,
        reason: null, latencyMs: 12.4, refused: true, sql: null, error: null, goldRowCount: null, answerRowCount: null,
      },
    ])
  })

  it('lists runs newest first, optionally of one suite, and finds nothing for an unknown id', async () => {
    await saveEvalRun(t.db, { suite: 'core', model: 'offline-planner', report: report('2026-07-02T10:00:00.000Z', true) })
    await saveEvalRun(t.db, { suite: 'mine.jsonl', model: 'gpt-x', report: report('2026-07-03T10:00:00.000Z', true) })
    expect((await listEvalRuns(t.db)).map((r) => r.suite)).toEqual(['mine.jsonl', 'core', 'core'])
    const core = await listEvalRuns(t.db, { suite: 'core', limit: 1 })
    expect(core.map((r) => [r.startedAt.toISOString(), r.accuracy, r.promptVersion])).toEqual([['2026-07-02T10:00:00.000Z', 1, null]])
    expect(await findEvalRun(t.db, 999_999)).toBeUndefined()
  })

  it('stores nothing when a case result is invalid', async () => {
    const before = (await listEvalRuns(t.db, { limit: 500 })).length
    const bad = report('2026-07-04T10:00:00.000Z', true)
    const duplicate = { ...bad, cases: [bad.cases[0]!, bad.cases[0]!] }
    await expect(saveEvalRun(t.db, { suite: 'core', model: 'offline-planner', report: duplicate })).rejects.toThrow()
    expect((await listEvalRuns(t.db, { limit: 500 })).length).toBe(before)
  })

  it('keeps eval runs and their results away from the analytic reader roles', async () => {
    const { rows } = await t.pool.query<{ role: string; relation: string; readable: boolean }>(
      `select r.role, rel.relation, has_table_privilege(r.role, rel.relation, 'select') as readable
         from unnest(array['salesmatrix_reader', 'salesmatrix_reader_pii']) as r(role)
        cross join unnest(array['eval_runs', 'eval_case_results']) as rel(relation)`,
    )
    expect(rows).toHaveLength(4)
    expect(rows.filter((r) => r.readable)).toEqual([])
  })

  it('refuses to run the core suite on a database holding other sales data', async () => {
    await seedDemoData(t, { orders: 500, seed: 7, endDate: '2026-06-30' })
    await expect(prepareCoreEvalDatabase(t)).rejects.toThrow(/holds other sales data than the core eval suite's/)
  })
})
