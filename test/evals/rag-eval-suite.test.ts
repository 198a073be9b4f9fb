import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import { tmpdir } from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { formatRagReport } from '../../src/evals/format-rag-report.js'
import { loadRagCases, parseRagCases, runRagEvalSuite, type RagCase, type RagPassage, type RagSearch } from '../../src/evals/rag-eval-suite.js'

const line = (fields: Record<string, unknown>) =>
  JSON.stringify({
    id: 'rag-001',
    language: 'en',
    question: 'what is the maximum discount for enterprise customers?',
    document: 'sales-playbook.md',
    passage: 'The maximum discount for enterprise customers is 15% off list price',
    tags: ['discount', 'acceptance'],
    ...fields,
  })

const ragCase = (id: string, fields: Partial<RagCase> = {}): RagCase => ({
  id,
  language: 'en',
  question: `question ${id}`,
  document: 'sales-playbook.md',
  passage: `phrase of ${id}`,
  tags: [],
  ...fields,
})

const passage = (fileName: string, text: string): RagPassage => ({ fileName, text })
const filler = (n: number) => Array.from({ length: n }, (_, i) => passage('sales-team-faq.md', `unrelated text ${i}`))

/** A search that answers each question from a script, as the real engine would for those cases. */
const scriptedSearch = (script: Record<string, readonly RagPassage[]>): RagSearch => async (question) => {
  const answer = script[question]
  if (answer === undefined) throw new Error(`no script for ${question}`)
  return answer
}

describe('parseRagCases', () => {
  it('reads one case per line, skipping blank lines, with tags optional', () => {
    const text = `${line({})}\n\n${line({ id: 'rag-002', language: 'pt', tags: undefined })}\n`
    expect(parseRagCases(text, 'cases.jsonl')).toEqual([
      { id: 'rag-001', language: 'en', question: 'what is the maximum discount for enterprise customers?', document: 'sales-playbook.md', passage: 'The maximum discount for enterprise customers is 15% off list price', tags: ['discount', 'acceptance'] },
      { id: 'rag-002', language: 'pt', question: 'what is the maximum discount for enterprise customers?', document: 'sales-playbook.md', passage: 'The maximum discount for enterprise customers is 15% off list price', tags: [] },
    ])
  })

  it('names the file and line of text that is not JSON', () => {
    expect(() => parseRagCases(`${line({})}\n{"id": `, 'cases.jsonl')).toThrow(/^cases\.jsonl:2: not valid JSON/)
  })

  it('names the file, line, case and field of an invalid case', () => {
    expect(() => parseRagCases(`${line({})}\n${line({ id: 'rag-002', language: 'es' })}`, 'cases.jsonl')).toThrow(/^cases\.jsonl:2 \(rag-002\): language /)
    expect(() => parseRagCases(line({ document: 'docs/sales-playbook.md' }), 'cases.jsonl')).toThrow('cases.jsonl:1 (rag-001): document must be a plain file name')
    expect(() => parseRagCases(line({ passage: 'first line\nsecond line' }), 'cases.jsonl')).toThrow('passage must be a single line')
    expect(() => parseRagCases(line({ passage: '  ' }), 'cases.jsonl')).toThrow('passage must not be empty')
    expect(() => parseRagCases(line({ id: 'Rag 1' }), 'cases.jsonl')).toThrow(/id must be kebab-case/)
    expect(() => parseRagCases(line({ tags: ['Cross Language'] }), 'cases.jsonl')).toThrow(/tags\.0 tags are kebab-case/)
    expect(() => parseRagCases(line({ tags: ['discount', 'discount'] }), 'cases.jsonl')).toThrow('tags has duplicates')
    expect(() => parseRagCases(line({ answer: '15%' }), 'cases.jsonl')).toThrow(/answer/)
  })

  it('refuses duplicate ids, naming both lines, and a file without cases', () => {
    expect(() => parseRagCases(`${line({})}\n${line({})}`, 'cases.jsonl')).toThrow('cases.jsonl:2: duplicate id rag-001 (first on line 1)')
    expect(() => parseRagCases('\n\n', 'empty.jsonl')).toThrow('empty.jsonl: no RAG eval cases')
  })
})

describe('loadRagCases', () => {
  it('reads a file given by path and names it in errors', async () => {
    const folder = await mkdtemp(path.join(tmpdir(), 'rag-cases-'))
    try {
      const good = path.join(folder, 'good.jsonl')
      const bad = path.join(folder, 'bad.jsonl')
      await writeFile(good, `${line({})}\n`)
      await writeFile(bad, `${line({})}\n${line({ id: 'rag-002', question: '' })}\n`)
      expect((await loadRagCases(good)).map((c) => c.id)).toEqual(['rag-001'])
      await expect(loadRagCases(bad)).rejects.toThrow(`${bad}:2 (rag-002): question must not be empty`)
    } finally {
      await rm(folder, { recursive: true, force: true })
    }
  })

  it('reads the shipped suite by default', async () => {
    expect((await loadRagCases()).length).toBeGreaterThan(0)
  })
})

describe('runRagEvalSuite', () => {
  const first = ragCase('first', { tags: ['discount'] })
  const third = ragCase('third', { language: 'pt', tags: ['discount', 'commission'], document: 'politica-de-comissoes-2026.md' })
  const missed = ragCase('missed', { tags: ['commission'] })
  const script = {
    [first.question]: [passage('sales-playbook.md', `Intro. ${first.passage}. More text.`), ...filler(4)],
    [third.question]: [...filler(2), passage('politica-de-comissoes-2026.md', `x ${third.passage} y`), ...filler(2)],
    [missed.question]: filler(5),
  }

  it('finds the rank of the first passage from the right document holding the phrase, and computes recall and MRR exactly', async () => {
    const report = await runRagEvalSuite({ cases: [first, third, missed], search: scriptedSearch(script) })
    expect(report.results.map((r) => [r.id, r.rank])).toEqual([['first', 1], ['third', 3], ['missed', null]])
    expect(report).toMatchObject({ k: 5, cases: 3, hits: 2, recallAtK: 2 / 3, recallAt1: 1 / 3 })
    expect(report.mrrAtK).toBeCloseTo((1 + 1 / 3 + 0) / 3, 12)
  })

  it('breaks the metrics down by language, tag and document', async () => {
    const report = await runRagEvalSuite({ cases: [first, third, missed], search: scriptedSearch(script) })
    expect(report.byLanguage).toEqual({
      en: { cases: 2, hits: 1, recallAtK: 0.5, recallAt1: 0.5, mrrAtK: 0.5 },
      pt: { cases: 1, hits: 1, recallAtK: 1, recallAt1: 0, mrrAtK: 1 / 3 },
    })
    expect(Object.keys(report.byTag)).toEqual(['commission', 'discount'])
    expect(report.byTag.discount).toEqual({ cases: 2, hits: 2, recallAtK: 1, recallAt1: 0.5, mrrAtK: (1 + 1 / 3) / 2 })
    expect(report.byTag.commission).toMatchObject({ cases: 2, hits: 1, recallAt1: 0 })
    expect(report.byDocument['politica-de-comissoes-2026.md']).toMatchObject({ cases: 1, hits: 1 })
  })

  it('compares the phrase case-insensitively across re-flowed whitespace and decomposed accents', async () => {
    const accented = ragCase('accented', { passage: 'o vendedor recebe 6% sobre o excedente, até 150%' })
    const reflowed = 'O  vendedor\nrecebe 6% SOBRE o excedente,\tate\u0301 150% da meta'
    const report = await runRagEvalSuite({ cases: [accented], search: async () => [passage('sales-playbook.md', reflowed)] })
    expect(report.results[0]!.rank).toBe(1)
  })

  it('counts neither the phrase in another document nor the right document without the phrase, and says which happened', async () => {
    const search = async () => [passage('sales-team-faq.md', first.passage), passage('sales-playbook.md', 'another chunk of the playbook')]
    const [result] = (await runRagEvalSuite({ cases: [first], search })).results
    expect(result).toMatchObject({ rank: null, documentRank: 2, topFileNames: ['sales-team-faq.md', 'sales-playbook.md'] })
  })

  it('only counts the first k passages, however many the search returns', async () => {
    const late = { [first.question]: [...filler(5), passage('sales-playbook.md', first.passage)] }
    const atFive = await runRagEvalSuite({ cases: [first], search: scriptedSearch(late) })
    expect(atFive.results[0]).toMatchObject({ rank: null, documentRank: null })
    expect(atFive.results[0]!.topFileNames).toHaveLength(5)
    const atTen = await runRagEvalSuite({ cases: [first], search: scriptedSearch(late), k: 10 })
    expect(atTen).toMatchObject({ k: 10, recallAtK: 1, mrrAtK: 1 / 6 })
  })

  it('scores a search that throws as a miss with its error, and goes on with the next case', async () => {
    const report = await runRagEvalSuite({ cases: [ragCase('unscripted'), first], search: scriptedSearch(script) })
    expect(report.results[0]).toMatchObject({ id: 'unscripted', rank: null, error: 'no script for question unscripted', topFileNames: [] })
    expect(report.results[1]!.rank).toBe(1)
  })

  it('asks in the case language, times each search and reports nearest-rank percentiles', async () => {
    const asked: string[] = []
    const ticks = [0, 10, 100, 130, 200, 400]
    const timer = () => ticks.shift()!
    const search: RagSearch = async (question, language) => {
      asked.push(`${language}: ${question}`)
      return script[question] ?? []
    }
    const seen: string[] = []
    const report = await runRagEvalSuite({ cases: [first, third, missed], search, timer, onCase: (r, i, total) => seen.push(`${i + 1}/${total} ${r.id}`) })
    expect(asked).toEqual(['en: question first', 'pt: question third', 'en: question missed'])
    expect(report.results.map((r) => r.latencyMs)).toEqual([10, 30, 200])
    expect(report.latencyMs).toEqual({ p50: 30, p95: 200, max: 200 })
    expect(seen).toEqual(['1/3 first', '2/3 third', '3/3 missed'])
  })

  it('reports zeros for an empty run and refuses a k that is not a positive integer', async () => {
    expect(await runRagEvalSuite({ cases: [], search: async () => [] })).toMatchObject({ cases: 0, hits: 0, recallAtK: 0, recallAt1: 0, mrrAtK: 0, byTag: {} })
    await expect(runRagEvalSuite({ cases: [first], search: async () => [], k: 0 })).rejects.toThrow('k must be a positive integer, got 0')
  })
})

describe('formatRagReport', () => {
  it('writes the headline metrics, a table per language, document and tag, and each miss with its top 3 documents', async () => {
    const first = ragCase('first', { tags: ['discount'] })
    const missed = ragCase('missed', { language: 'pt', question: 'qual a comissão?', document: 'politica-de-comissoes-2026.md', passage: 'recebe 6% sobre o excedente', tags: ['commission'] })
    const ticks = [0, 12, 20, 60]
    const report = await runRagEvalSuite({
      cases: [first, missed],
      timer: () => ticks.shift()!,
      search: async (question) =>
        question === first.question
          ? [passage('sales-playbook.md', first.passage)]
          : [passage('sales-team-faq.md', 'a'), passage('politica-de-comissoes-2026.md', 'b'), passage('sales-playbook.md', 'c'), passage('price-list-2026.csv', 'd')],
    })
    expect(formatRagReport(report)).toBe(
      [
        'RAG retrieval eval: 1/2 found in the top 5, recall@5 50.0%, recall@1 50.0%, MRR@5 0.500',
        'search latency p50 12 ms, p95 40 ms, max 40 ms',
        '',
        'language  cases  hits  recall@1  recall@5  MRR@5',
        'en            1     1    100.0%    100.0%  1.000',
        'pt            1     0      0.0%      0.0%  0.000',
        '',
        'document                       cases  hits  recall@1  recall@5  MRR@5',
        'politica-de-comissoes-2026.md      1     0      0.0%      0.0%  0.000',
        'sales-playbook.md                  1     1    100.0%    100.0%  1.000',
        '',
        'tag         cases  hits  recall@1  recall@5  MRR@5',
        'commission      1     0      0.0%      0.0%  0.000',
        'discount        1     1    100.0%    100.0%  1.000',
        '',
        'Misses (1):',
        '- missed [pt] qual a comissão?',
        '    expected politica-de-comissoes-2026.md: "recebe 6% sobre o excedente"',
        '    politica-de-comissoes-2026.md came at rank 2, but not with that passage',
        '    top 3: sales-team-faq.md, politica-de-comissoes-2026.md, sales-playbook.md',
        '',
      ].join('\n'),
    )
  })

  it('says so when nothing was missed, names search errors and can cut a long list short', async () => {
    const clean = await runRagEvalSuite({ cases: [ragCase('a')], search: async () => [passage('sales-playbook.md', 'phrase of a')] })
    expect(formatRagReport(clean)).toContain('\nNo misses.\n')
    const failing = await runRagEvalSuite({
      cases: [ragCase('a'), ragCase('b'), ragCase('c')],
      search: async () => {
        throw new Error('database is down')
      },
    })
    const text = formatRagReport(failing, { maxMisses: 1 })
    expect(text).toContain('Misses (3):\n- a [en] question a\n    expected sales-playbook.md: "phrase of a"\n    search threw: database is down\n    top 3: (nothing returned)\n')
    expect(text).toContain('... and 2 more')
    expect(text).not.toContain('question b')
  })
})
