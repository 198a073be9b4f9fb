import { describe, expect, it } from 'vitest'
import type { EvalCase } from './load-eval-cases.js'
import { runEvals, summariseLatencies, type EvalAnswer } from './run-evals.js'

const cases: EvalCase[] = [
  { id: 'rev-en', question: 'Revenue last month?', lang: 'en', today: '2026-06-30', goldSql: 'gold:rev', tags: ['metric:revenue', 'time:last_month'], ordered: false, expect: 'answer' },
  { id: 'rev-pt', question: 'Faturamento por região?', lang: 'pt', today: '2026-06-30', goldSql: 'gold:regions', tags: ['metric:revenue', 'dim:region'], ordered: false, expect: 'answer' },
  { id: 'top-en', question: 'Top 2 regions?', lang: 'en', today: '2026-06-30', goldSql: 'gold:regions', tags: ['metric:revenue', 'top_n'], ordered: true, expect: 'answer' },
  { id: 'weather-pt', question: 'Vai chover amanhã?', lang: 'pt', goldSql: null, tags: ['out_of_scope'], ordered: false, expect: 'refuse' },
]

const goldRows: Record<string, Record<string, unknown>[]> = {
  'gold:rev': [{ revenue: 100 }],
  'gold:regions': [{ region: 'Sul', revenue: 60 }, { region: 'Norte', revenue: 40 }],
}
const goldRunner = async (sql: string) => {
  const rows = goldRows[sql]
  if (!rows) throw new Error(`no such gold query: ${sql}`)
  return rows
}

/** A clock frozen at 2026-07-15 10:00 local time, and a timer that advances 10 ms per reading. */
const clock = () => new Date(2026, 6, 15, 10, 0, 0)
const steppingTimer = () => {
  let now = 0
  return () => (now += 10)
}

describe('runEvals', () => {
  it('scores an answer that returns the gold rows, and a refusal of an out-of-scope question, as passed', async () => {
    const report = await runEvals({
      cases,
      goldRunner,
      clock,
      timer: steppingTimer(),
      answer: async (question) => {
        if (question.startsWith('Vai chover')) return { refused: true }
        if (question.startsWith('Revenue')) return { refused: false, sql: 'select …', rows: [{ total: '100.00' }] }
        return { refused: false, rows: [{ name: 'Sul', value: 60, id: 5 }, { name: 'Norte', value: 40, id: 1 }] }
      },
    })
    expect(report.total).toBe(4)
    expect(report.passed).toBe(4)
    expect(report.failed).toBe(0)
    expect(report.accuracy).toBe(1)
    expect(report.cases.every((c) => c.reason === undefined)).toBe(true)
    expect(report.cases[0]).toMatchObject({ id: 'rev-en', passed: true, sql: 'select …', goldRowCount: 1, answerRowCount: 1, latencyMs: 10 })
  })

  it('gives a short reason for every kind of failure', async () => {
    const answers: Record<string, EvalAnswer | Error> = {
      'Revenue last month?': { refused: true, error: 'not understood' },
      'Faturamento por região?': { refused: false, rows: [{ region: 'Sul', revenue: 60 }] },
      'Top 2 regions?': new Error('planner crashed'),
      'Vai chover amanhã?': { refused: false, rows: [{ answer: 'sim' }] },
    }
    const report = await runEvals({
      cases,
      goldRunner,
      clock,
      timer: steppingTimer(),
      answer: async (question) => {
        const answer = answers[question]!
        if (answer instanceof Error) throw answer
        return answer
      },
    })
    expect(report.passed).toBe(0)
    expect(report.cases.map((c) => [c.id, c.reason])).toEqual([
      ['rev-en', 'refused but should answer: not understood'],
      ['rev-pt', 'row count 1 vs 2 in gold'],
      ['top-en', 'answer threw: planner crashed'],
      ['weather-pt', 'answered but should refuse'],
    ])
  })

  it('fails an answer that reports an error or returns no rows array, and says when the gold query itself fails', async () => {
    const broken: EvalCase = { ...cases[0]!, id: 'broken-gold', goldSql: 'gold:missing' }
    const report = await runEvals({
      cases: [cases[0]!, cases[1]!, broken],
      goldRunner,
      clock,
      answer: async (question) => (question === 'Revenue last month?' ? { refused: false, error: 'column "x" does not exist' } : { refused: false }),
    })
    expect(report.cases.map((c) => c.reason)).toEqual(['error: column "x" does not exist', 'answer has no rows', 'error: column "x" does not exist'])
    const gold = await runEvals({ cases: [broken], goldRunner, clock, answer: async () => ({ refused: false, rows: [{ revenue: 100 }] }) })
    expect(gold.cases[0]!.reason).toBe('gold query failed: no such gold query: gold:missing')
  })

  it('checks the order of rows only for ordered cases', async () => {
    const reversed = async () => ({ refused: false, rows: [{ region: 'Norte', revenue: 40 }, { region: 'Sul', revenue: 60 }] })
    const report = await runEvals({ cases: [cases[1]!, cases[2]!], goldRunner, clock, answer: reversed })
    expect(report.cases.map((c) => c.passed)).toEqual([true, false])
    expect(report.cases[1]!.reason).toMatch(/^same rows in a different order/)
  })

  it('asks each question on its own today, or on the clock date when the case has none', async () => {
    const seen: string[] = []
    await runEvals({
      cases,
      goldRunner,
      clock,
      answer: async (_question, context) => {
        seen.push(context.today)
        return { refused: true }
      },
    })
    expect(seen).toEqual(['2026-06-30', '2026-06-30', '2026-06-30', '2026-07-15'])
  })

  it('reports accuracy per tag and per language, and latency percentiles', async () => {
    let now = 0
    const latencies = [5, 20, 30, 400]
    let call = 0
    const report = await runEvals({
      cases,
      goldRunner,
      clock,
      timer: () => now,
      answer: async (question) => {
        now += latencies[call++]!
        return question === 'Revenue last month?' ? { refused: false, rows: [{ revenue: 100 }] } : { refused: true }
      },
    })
    // Passed: rev-en (gold rows) and weather-pt (refused); failed: rev-pt and top-en (refused).
    expect(report.byLanguage).toEqual({ en: { total: 2, passed: 1, accuracy: 0.5 }, pt: { total: 2, passed: 1, accuracy: 0.5 } })
    expect(report.byTag['metric:revenue']).toEqual({ total: 3, passed: 1, accuracy: 1 / 3 })
    expect(report.byTag['out_of_scope']).toEqual({ total: 1, passed: 1, accuracy: 1 })
    expect(Object.keys(report.byTag)).toEqual(['dim:region', 'metric:revenue', 'out_of_scope', 'time:last_month', 'top_n'])
    expect(report.latencyMs).toEqual({ p50: 20, p95: 400, max: 400 })
    expect(report.startedAt).toBe(clock().toISOString())
  })

  it('reports an empty run as zero accuracy rather than dividing by zero', async () => {
    const report = await runEvals({ cases: [], goldRunner, clock, answer: async () => ({ refused: true }) })
    expect(report).toMatchObject({ total: 0, passed: 0, accuracy: 0, latencyMs: { p50: 0, p95: 0, max: 0 }, byTag: {}, byLanguage: {} })
  })
})

describe('summariseLatencies', () => {
  it('uses nearest-rank percentiles, so every figure is a measured latency', () => {
    const hundred = Array.from({ length: 100 }, (_, i) => i + 1)
    expect(summariseLatencies(hundred)).toEqual({ p50: 50, p95: 95, max: 100 })
    expect(summariseLatencies([7])).toEqual({ p50: 7, p95: 7, max: 7 })
    expect(summariseLatencies([3, 1, 2])).toEqual({ p50: 2, p95: 3, max: 3 })
  })
})
