import { afterAll, beforeAll, expect, it } from 'vitest'
import { coreEvalSuite, prepareCoreEvalDatabase, runCoreEvalSuite } from '../../src/evals/core-eval-suite.js'
import { createGoldRunner } from '../../src/evals/create-gold-runner.js'
import { loadEvalCases, type EvalCase } from '../../src/evals/load-eval-cases.js'
import type { AnswerQuestion } from '../../src/evals/run-evals.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

describeEachDatabase('core eval suite on its data set', (kind) => {
  let t: TestDatabase
  let cases: EvalCase[]
  const gold = new Map<string, Record<string, unknown>[]>()
  const failures: string[] = []

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await prepareCoreEvalDatabase(t)
    cases = await loadEvalCases(coreEvalSuite.file)
    const run = createGoldRunner(t.pool)
    for (const c of cases) {
      if (c.goldSql === null) continue
      try {
        gold.set(c.id, await run(c.goldSql))
      } catch (error) {
        failures.push(`${c.id}: ${(error as Error).message}`)
      }
    }
  })
  afterAll(async () => t?.close())

  const byQuestion = () => new Map(cases.map((c) => [c.question, c]))

  it('seeds the demo data set the gold answers were written against', async () => {
    const { rows } = await t.pool.query<{ orders: number; first: string; last: string }>(
      'select count(*)::int as orders, min(order_date)::text as first, max(order_date)::text as last from orders',
    )
    expect(rows[0]).toEqual({ orders: coreEvalSuite.dataset.orders, first: '2023-07-01', last: coreEvalSuite.dataset.endDate })
  })

  it('accepts the database again once it holds the data set', async () => {
    await expect(prepareCoreEvalDatabase(t)).resolves.toBeUndefined()
  })

  it('runs every gold query without error', () => {
    expect(failures).toEqual([])
  })

  it('gets at least one row from every gold query not tagged empty-ok', () => {
    const empty = cases.filter((c) => c.goldSql !== null && !c.tags.includes('empty-ok') && (gold.get(c.id)?.length ?? 0) === 0)
    expect(empty.map((c) => c.id)).toEqual([])
  })

  it('gets no null metric in a single-row answer, where null would mean the period or filter matched nothing', () => {
    const nulls = cases.filter((c) => {
      const rows = gold.get(c.id)
      return rows?.length === 1 && Object.values(rows[0]!).some((v) => v === null)
    })
    expect(nulls.map((c) => c.id)).toEqual([])
  })

  it('scores 100% for an oracle that answers each question with its gold SQL', async () => {
    const questions = byQuestion()
    const oracle: AnswerQuestion = async (question) => {
      const c = questions.get(question)!
      if (c.goldSql === null) return { refused: true }
      const { rows } = await t.pool.query(c.goldSql)
      return { refused: false, sql: c.goldSql, rows }
    }
    const report = await runCoreEvalSuite({ database: t, answer: oracle, cases })
    expect(report.cases.filter((c) => !c.passed).map((c) => `${c.id}: ${c.reason}`)).toEqual([])
    expect(report.accuracy).toBe(1)
    expect(report.total).toBe(cases.length)
    expect(Object.values(report.byLanguage).every((b) => b.accuracy === 1)).toBe(true)
  })

  it('scores 0% for a broken oracle, with a reason for every case', async () => {
    const questions = byQuestion()
    const shift = (value: unknown) => (typeof value === 'number' ? value + 1 : value)
    // Four ways to be wrong, in turn: a missing row, numbers off by one, a refusal, a crash; and answering what must be refused.
    const broken: AnswerQuestion = async (question) => {
      const c = questions.get(question)!
      if (c.goldSql === null) return { refused: false, rows: [{ answer: 'sunny' }] }
      const rows = gold.get(c.id)!
      switch (cases.indexOf(c) % 4) {
        case 0:
          return { refused: false, rows: rows.slice(0, -1) }
        case 1:
          return { refused: false, rows: rows.map((row) => Object.fromEntries(Object.entries(row).map(([k, v]) => [k, shift(v)]))) }
        case 2:
          return { refused: true, error: 'not understood' }
        default:
          throw new Error('planner crashed')
      }
    }
    const report = await runCoreEvalSuite({ database: t, answer: broken, cases })
    expect(report.passed).toBe(0)
    expect(report.accuracy).toBe(0)
    expect(report.cases.filter((c) => !c.reason).map((c) => c.id)).toEqual([])
    const kinds = ['row count', 'column', 'refused but should answer', 'answer threw', 'answered but should refuse']
    expect(report.cases.filter((c) => !kinds.some((k) => c.reason!.startsWith(k))).map((c) => `${c.id}: ${c.reason}`)).toEqual([])
    for (const k of kinds) expect(report.cases.some((c) => c.reason!.startsWith(k)), k).toBe(true)
  })
})
