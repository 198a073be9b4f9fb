import { describe, expect, it } from 'vitest'
import { formatEvalReport } from './format-eval-report.js'
import type { EvalReport } from './run-evals.js'

const report: EvalReport = {
  startedAt: '2026-07-15T13:00:00.000Z',
  finishedAt: '2026-07-15T13:00:02.000Z',
  total: 3,
  passed: 2,
  failed: 1,
  accuracy: 2 / 3,
  byTag: { 'metric:revenue': { total: 2, passed: 1, accuracy: 0.5 }, out_of_scope: { total: 1, passed: 1, accuracy: 1 } },
  byLanguage: { en: { total: 2, passed: 1, accuracy: 0.5 }, pt: { total: 1, passed: 1, accuracy: 1 } },
  latencyMs: { p50: 12.4, p95: 80.6, max: 80.6 },
  cases: [
    { id: 'rev-en', question: 'Revenue last month?', lang: 'en', tags: ['metric:revenue'], expect: 'answer', today: '2026-06-30', passed: false, reason: 'row count 5 vs 6 in gold', latencyMs: 80.6, refused: false, sql: 'select\n  sum(x)\nfrom t' },
    { id: 'rev-pt', question: 'Faturamento?', lang: 'pt', tags: ['metric:revenue'], expect: 'answer', today: '2026-06-30', passed: true, latencyMs: 12.4, refused: false },
    { id: 'oos-en', question: 'Weather?', lang: 'en', tags: ['out_of_scope'], expect: 'refuse', today: '2026-06-30', passed: true, latencyMs: 3, refused: true },
  ],
}

describe('formatEvalReport', () => {
  it('writes a summary, per-language and per-tag tables and each failure with its reason and SQL', () => {
    expect(formatEvalReport(report, 'text', { suite: 'core' })).toBe(
      [
        'Eval core: 2/3 passed, accuracy 66.7%',
        'started 2026-07-15T13:00:00.000Z, finished 2026-07-15T13:00:02.000Z',
        'answer latency p50 12 ms, p95 81 ms, max 81 ms',
        '',
        'language  cases  passed  accuracy',
        'en            2       1     50.0%',
        'pt            1       1    100.0%',
        '',
        'tag             cases  passed  accuracy',
        'metric:revenue      2       1     50.0%',
        'out_of_scope        1       1    100.0%',
        '',
        'Failures (1):',
        '- rev-en [en] Revenue last month?',
        '    row count 5 vs 6 in gold',
        '    sql: select sum(x) from t',
        '',
      ].join('\n'),
    )
  })

  it('says so when nothing failed, and can cut a long failure list short', () => {
    const clean = { ...report, passed: 3, failed: 0, accuracy: 1, cases: report.cases.map((c) => ({ ...c, passed: true })) }
    expect(formatEvalReport(clean)).toContain('\nNo failures.\n')
    const many = { ...report, cases: [report.cases[0]!, { ...report.cases[0]!, id: 'rev-2' }, { ...report.cases[0]!, id: 'rev-3' }] }
    const text = formatEvalReport(many, 'text', { maxFailures: 1 })
    expect(text).toContain('Failures (3):')
    expect(text).toContain('... and 2 more')
    expect(text).not.toContain('rev-2')
  })

  it('gives the whole report as JSON', () => {
    expect(JSON.parse(formatEvalReport(report, 'json'))).toEqual(report)
  })
})
