import { describe, expect, it } from 'vitest'
import { matchResultRows } from './match-result-rows.js'

const regions = [
  { region: 'Norte', revenue: 100.5 },
  { region: 'Sul', revenue: 200.25 },
  { region: 'Sudeste', revenue: 300 },
]

const reasonOf = (outcome: ReturnType<typeof matchResultRows>) => (outcome.match ? 'matched' : outcome.reason)

describe('matchResultRows', () => {
  describe('columns are matched by content, not by name', () => {
    it('accepts the same rows under other column names and in another column order', () => {
      const answer = regions.map((r) => ({ total: r.revenue, name: r.region }))
      const outcome = matchResultRows(regions, answer)
      expect(outcome).toEqual({ match: true, mapping: { region: 'name', revenue: 'total' } })
    })

    it('allows extra answer columns, such as an id beside a label or a previous-period figure', () => {
      const answer = regions.map((r, i) => ({ region_id: i + 1, region: r.region, revenue: r.revenue, revenue_previous: r.revenue / 2 }))
      expect(matchResultRows(regions, answer).match).toBe(true)
    })

    it('names the gold column that has no matching answer column, with its value for a single row', () => {
      expect(reasonOf(matchResultRows([{ revenue: 10 }], [{ revenue: 11 }]))).toBe('column revenue has no match (gold 10)')
      const answer = regions.map((r) => ({ region: r.region, revenue: r.revenue + 1 }))
      expect(reasonOf(matchResultRows(regions, answer))).toBe('column revenue has no match')
    })

    it('names every unmatched column at once', () => {
      expect(reasonOf(matchResultRows([{ a: 1, b: 2, c: 'x' }], [{ a: 5, b: 6, c: 'x' }]))).toBe('columns a, b have no match (gold 1, 2)')
    })

    it('refuses an answer with fewer columns than the gold result', () => {
      expect(reasonOf(matchResultRows(regions, regions.map((r) => ({ region: r.region }))))).toBe('answer has 1 column(s), gold has 2 (region, revenue)')
    })

    it('needs a distinct answer column for every gold column, even when two gold columns hold the same values', () => {
      const gold = [{ orders: 3, customers: 3 }, { orders: 5, customers: 5 }]
      expect(reasonOf(matchResultRows(gold, [{ n: 3 }, { n: 5 }]))).toMatch(/answer has 1 column/)
      expect(reasonOf(matchResultRows(gold, [{ n: 3, label: 'a' }, { n: 5, label: 'b' }]))).toBe('gold columns orders, customers cannot each get a distinct answer column')
      expect(matchResultRows(gold, [{ x: 5, y: 5 }, { x: 3, y: 3 }]).match).toBe(true)
    })

    it('tries other mappings when columns with equal values only line up row by row one way', () => {
      // Both answer columns hold {1, 2, 3}, as both gold columns do; only a = q, b = p pairs the rows correctly.
      const gold = [{ a: 1, b: 2 }, { a: 2, b: 3 }, { a: 3, b: 1 }]
      const answer = [{ p: 2, q: 1 }, { p: 3, q: 2 }, { p: 1, q: 3 }]
      expect(matchResultRows(gold, answer)).toEqual({ match: true, mapping: { a: 'q', b: 'p' } })
    })

    it('gives up after the configured number of mappings and says so', () => {
      // a and b each fit y and z; no mapping pairs the rows, and the search stops after one try.
      const gold = [{ a: 1, b: 1, c: 1 }, { a: 2, b: 2, c: 3 }]
      const answer = [{ x: 1, y: 1, z: 2 }, { x: 3, y: 2, z: 1 }]
      expect(reasonOf(matchResultRows(gold, answer))).toMatch(/^2 gold row\(s\) not in the answer/)
      expect(reasonOf(matchResultRows(gold, answer, { maxMappings: 1 }))).toMatch(/\(gave up after 1 column mappings\)$/)
    })
  })

  describe('rows', () => {
    it('must be as many as in the gold result', () => {
      expect(reasonOf(matchResultRows(regions, regions.slice(0, 2)))).toBe('row count 2 vs 3 in gold')
    })

    it('compare as multisets when the question asked for no order', () => {
      expect(matchResultRows(regions, [...regions].reverse()).match).toBe(true)
    })

    it('compare as sequences when the case is ordered, and say where the order differs', () => {
      expect(matchResultRows(regions, regions, { ordered: true }).match).toBe(true)
      const outcome = matchResultRows(regions, [...regions].reverse(), { ordered: true })
      expect(reasonOf(outcome)).toBe('same rows in a different order: row 1 is {region: "Sudeste", revenue: 300}, gold has {region: "Norte", revenue: 100.5}')
    })

    it('count duplicates: two equal gold rows need two equal answer rows', () => {
      const gold = [{ city: 'Natal', n: 2 }, { city: 'Natal', n: 2 }, { city: 'Recife', n: 1 }]
      expect(matchResultRows(gold, [gold[2], gold[0], gold[1]] as typeof gold).match).toBe(true)
      // Each column holds the same values; the answer has the Natal row once, and a row the gold result lacks.
      const answer = [{ city: 'Natal', n: 2 }, { city: 'Natal', n: 1 }, { city: 'Recife', n: 2 }]
      expect(reasonOf(matchResultRows(gold, answer))).toBe('2 gold row(s) not in the answer, first row 2 {city: "Natal", n: 2}')
    })

    it('report the first gold row the answer lacks when every column matches on its own', () => {
      // Same values per column, paired differently: Norte got Sul's revenue and the other way round.
      const answer = [{ region: 'Norte', revenue: 200.25 }, { region: 'Sul', revenue: 100.5 }, { region: 'Sudeste', revenue: 300 }]
      expect(reasonOf(matchResultRows(regions, answer))).toBe('2 gold row(s) not in the answer, first row 1 {region: "Norte", revenue: 100.5}')
    })

    it('match when both results are empty', () => {
      expect(matchResultRows([], [])).toEqual({ match: true, mapping: {} })
      expect(reasonOf(matchResultRows([], [{ revenue: 1 }]))).toBe('row count 1 vs 0 in gold')
    })
  })

  describe('values', () => {
    it('treat numbers within 0.01 as equal, and farther apart as different', () => {
      expect(matchResultRows([{ v: 100 }], [{ v: 100.0099 }]).match).toBe(true)
      expect(matchResultRows([{ v: 100 }], [{ v: 99.991 }]).match).toBe(true)
      expect(matchResultRows([{ v: 100 }], [{ v: 100.02 }]).match).toBe(false)
      expect(matchResultRows([{ v: 0.1 + 0.2 }], [{ v: 0.3 }], { tolerance: 0 }).match).toBe(false)
      expect(matchResultRows([{ v: 100 }], [{ v: 100.5 }], { tolerance: 1 }).match).toBe(true)
    })

    it('pair rows within the tolerance even when sorting would pair them wrongly', () => {
      const gold = [{ n: 1.0, tag: 'a' }, { n: 1.008, tag: 'b' }]
      const answer = [{ n: 1.009, tag: 'a' }, { n: 1.007, tag: 'b' }]
      expect(matchResultRows(gold, answer).match).toBe(true)
    })

    it('treat numeric strings and numbers alike (pg returns numeric and bigint as strings)', () => {
      expect(matchResultRows([{ revenue: 1234.5, orders: 7 }], [{ revenue: '1234.50', orders: '7' }]).match).toBe(true)
      expect(matchResultRows([{ n: 7 }], [{ n: 7n }]).match).toBe(true)
    })

    it('compare dates as YYYY-MM-DD whether they are Date objects, date strings or midnight timestamps', () => {
      const gold = [{ month: '2026-05-01', revenue: 1 }, { month: '2026-06-01', revenue: 2 }]
      expect(matchResultRows(gold, [{ m: new Date(2026, 4, 1), r: 1 }, { m: new Date(2026, 5, 1), r: 2 }]).match).toBe(true)
      expect(matchResultRows(gold, [{ m: new Date(Date.UTC(2026, 4, 1)), r: 1 }, { m: new Date(Date.UTC(2026, 5, 1)), r: 2 }]).match).toBe(true)
      expect(matchResultRows(gold, [{ m: '2026-05-01T00:00:00.000Z', r: 1 }, { m: '2026-06-01 00:00:00', r: 2 }]).match).toBe(true)
      expect(matchResultRows(gold, [{ m: '2026-05-02', r: 1 }, { m: '2026-06-01', r: 2 }]).match).toBe(false)
    })

    it('treat null as equal only to null', () => {
      const gold = [{ region: 'Norte', change_pct: null }, { region: 'Sul', change_pct: 0.1 }]
      expect(matchResultRows(gold, [{ r: 'Sul', c: 0.1 }, { r: 'Norte', c: null }]).match).toBe(true)
      expect(matchResultRows(gold, [{ r: 'Sul', c: 0.1 }, { r: 'Norte', c: 0 }]).match).toBe(false)
      expect(matchResultRows([{ v: null }], [{ v: 'null' }]).match).toBe(false)
      expect(matchResultRows([{ v: null }], [{}]).match).toBe(false)
    })

    it('compare text exactly: accents and case are part of a label', () => {
      expect(matchResultRows([{ city: 'São Paulo' }], [{ city: 'Sao Paulo' }]).match).toBe(false)
      expect(matchResultRows([{ city: 'São Paulo' }], [{ city: 'são paulo' }]).match).toBe(false)
      expect(matchResultRows([{ city: 'São Paulo' }], [{ city: 'São Paulo' }]).match).toBe(true)
    })

    it('never confuse a number with text or a boolean', () => {
      expect(matchResultRows([{ v: 1 }], [{ v: true }]).match).toBe(false)
      expect(matchResultRows([{ v: 1 }], [{ v: 'one' }]).match).toBe(false)
      expect(matchResultRows([{ v: true }], [{ v: true }]).match).toBe(true)
    })
  })
})
