import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { loadEvalCases, parseEvalCases } from './load-eval-cases.js'

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({ id: 'rev-last-month-en', question: 'Revenue last month?', lang: 'en', today: '2026-06-30', gold_sql: 'select 1', tags: ['metric:revenue'], ordered: false, expect: 'answer', ...fields })

describe('parseEvalCases', () => {
  it('reads one case per line into camelCase fields, skipping blank lines', () => {
    const text = `${line({})}\n\n${line({ id: 'weather-en', question: 'Weather?', gold_sql: null, tags: ['out_of_scope'], expect: 'refuse' })}\n`
    expect(parseEvalCases(text, 'core.jsonl')).toEqual([
      { id: 'rev-last-month-en', question: 'Revenue last month?', lang: 'en', today: '2026-06-30', goldSql: 'select 1', tags: ['metric:revenue'], ordered: false, expect: 'answer' },
      { id: 'weather-en', question: 'Weather?', lang: 'en', today: '2026-06-30', goldSql: null, tags: ['out_of_scope'], ordered: false, expect: 'refuse' },
    ])
  })

  it('accepts a case without today, tags or ordered (an external file may leave them out)', () => {
    const [only] = parseEvalCases(JSON.stringify({ id: 'q1', question: 'Orders?', lang: 'pt', gold_sql: 'select 1', expect: 'answer' }), 'external.jsonl')
    expect(only).toEqual({ id: 'q1', question: 'Orders?', lang: 'pt', goldSql: 'select 1', tags: [], ordered: false, expect: 'answer' })
  })

  it('names the file and line of text that is not JSON', () => {
    expect(() => parseEvalCases(`${line({})}\n{"id": `, 'core.jsonl')).toThrow(/^core\.jsonl:2: not valid JSON/)
  })

  it('names the file, line, case and field of an invalid case', () => {
    expect(() => parseEvalCases(`${line({})}\n${line({ id: 'x-pt', lang: 'es' })}`, 'core.jsonl')).toThrow(/^core\.jsonl:2 \(x-pt\): lang /)
    expect(() => parseEvalCases(line({ today: '2026-02-30' }), 'core.jsonl')).toThrow('core.jsonl:1 (rev-last-month-en): today is not a real calendar date')
    expect(() => parseEvalCases(line({ id: 'Not Kebab' }), 'core.jsonl')).toThrow(/id must be kebab-case/)
    expect(() => parseEvalCases(line({ tags: ['Metric Revenue'] }), 'core.jsonl')).toThrow(/tags\.0 tags look like/)
    expect(() => parseEvalCases(line({ extra: true }), 'core.jsonl')).toThrow(/extra/)
  })

  it('requires gold SQL for answers and forbids it for refusals', () => {
    expect(() => parseEvalCases(line({ gold_sql: null }), 'core.jsonl')).toThrow('core.jsonl:1 (rev-last-month-en): gold_sql is required when expect is "answer"')
    expect(() => parseEvalCases(line({ expect: 'refuse' }), 'core.jsonl')).toThrow('gold_sql must be null when expect is "refuse"')
  })

  it('refuses duplicate ids, naming both lines', () => {
    expect(() => parseEvalCases(`${line({})}\n${line({})}`, 'core.jsonl')).toThrow('core.jsonl:2: duplicate id rev-last-month-en (first on line 1)')
  })

  it('refuses a file without cases', () => {
    expect(() => parseEvalCases('\n\n', 'empty.jsonl')).toThrow('empty.jsonl: no eval cases')
  })
})

describe('loadEvalCases', () => {
  it('reads an external file in the same format', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'smx-evals-'))
    try {
      const file = path.join(dir, 'mine.jsonl')
      await writeFile(file, `${line({ id: 'mine-1' })}\n`)
      expect((await loadEvalCases(file)).map((c) => c.id)).toEqual(['mine-1'])
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })

  it('loads the core suite by default', async () => {
    const cases = await loadEvalCases()
    expect(cases.length).toBeGreaterThanOrEqual(110)
  })
})
