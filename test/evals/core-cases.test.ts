import { beforeAll, describe, expect, it } from 'vitest'
import { coreEvalSuite } from '../../src/evals/core-eval-suite.js'
import { loadEvalCases, type EvalCase } from '../../src/evals/load-eval-cases.js'
import { dimensionIds, metricIds } from '../../src/semantic/semantic-model.js'
import { createAnalyticsGuardPolicy, guardSql, loadSqlParser } from '../../src/sql-guard/index.js'

const timeExpressions = [
  'today', 'yesterday', 'this_week', 'last_week', 'this_month', 'last_month', 'this_quarter', 'last_quarter', 'this_year', 'last_year',
  'ytd', 'mtd', 'last_n_days', 'last_n_weeks', 'last_n_months', 'named_month', 'named_month_no_year', 'named_quarter',
  'named_quarter_no_year', 'year', 'between', 'default',
]

describe('the core eval suite (evals/cases/core.jsonl)', () => {
  let cases: EvalCase[]
  const tagged = (tag: string) => cases.filter((c) => c.tags.includes(tag))

  beforeAll(async () => {
    cases = await loadEvalCases(coreEvalSuite.file)
    await loadSqlParser()
  })

  it('has at least 110 cases, at least 45% of them in Portuguese', () => {
    expect(cases.length).toBeGreaterThanOrEqual(110)
    expect(cases.filter((c) => c.lang === 'pt').length / cases.length).toBeGreaterThanOrEqual(0.45)
  })

  it('asks every question on the suite date, 2026-06-30', () => {
    expect(cases.filter((c) => c.today !== coreEvalSuite.today).map((c) => c.id)).toEqual([])
  })

  it('asks no question twice', () => {
    const questions = cases.map((c) => c.question.toLowerCase())
    expect(questions.filter((q, i) => questions.indexOf(q) !== i)).toEqual([])
  })

  it('covers every metric and every dimension of the semantic layer', () => {
    expect(metricIds.filter((m) => tagged(`metric:${m}`).length === 0)).toEqual([])
    expect(dimensionIds.filter((d) => tagged(`dim:${d}`).length === 0)).toEqual([])
  })

  it('covers the time expressions directors use, and comparisons with the previous period, the same period last year and another year', () => {
    expect(timeExpressions.filter((t) => tagged(`time:${t}`).length === 0)).toEqual([])
    for (const kind of ['previous_period', 'same_period_last_year', 'custom']) expect(tagged(`comparison:${kind}`).length, kind).toBeGreaterThan(0)
  })

  it('has entity filters with typos and missing accents, top and bottom N, and ordered questions', () => {
    expect(tagged('entity').length).toBeGreaterThanOrEqual(15)
    expect(tagged('typo').length).toBeGreaterThanOrEqual(5)
    expect(tagged('accent').length).toBeGreaterThanOrEqual(5)
    expect(tagged('top_n').length).toBeGreaterThanOrEqual(8)
    expect(tagged('bottom_n').length).toBeGreaterThanOrEqual(2)
    expect(tagged('ordered').length).toBeGreaterThanOrEqual(8)
  })

  it('marks exactly the cases tagged "ordered" as ordered, and each of them sorts in its gold SQL', () => {
    expect(cases.filter((c) => c.ordered !== c.tags.includes('ordered')).map((c) => c.id)).toEqual([])
    expect(cases.filter((c) => c.ordered && !/\border by\b/i.test(c.goldSql ?? '')).map((c) => c.id)).toEqual([])
  })

  it('has about ten out-of-scope and injection questions, all to be refused and without gold SQL', () => {
    const refusals = cases.filter((c) => c.expect === 'refuse')
    expect(refusals.length).toBeGreaterThanOrEqual(10)
    expect(refusals.filter((c) => c.goldSql !== null || !c.tags.includes('out_of_scope')).map((c) => c.id)).toEqual([])
    expect(tagged('out_of_scope').filter((c) => c.expect !== 'refuse').map((c) => c.id)).toEqual([])
    expect(tagged('injection').length).toBeGreaterThanOrEqual(4)
  })

  it('writes every gold query so the SQL guard accepts it, as the product would run it', () => {
    const policy = createAnalyticsGuardPolicy()
    const refused = cases.flatMap((c) => {
      if (c.goldSql === null) return []
      const verdict = guardSql(c.goldSql, policy)
      return verdict.ok ? [] : [`${c.id}: ${verdict.code} ${verdict.reason}`]
    })
    expect(refused).toEqual([])
  })
})
