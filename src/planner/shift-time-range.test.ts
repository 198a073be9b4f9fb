import { describe, expect, it } from 'vitest'
import { periodName, shiftTimeRange, type ShiftUnit } from './shift-time-range.js'

const range = (start: string, end: string) => ({ start, end })

describe('shiftTimeRange', () => {
  const cases: ReadonlyArray<readonly [string, { start: string; end: string }, ShiftUnit, number, { start: string; end: string }]> = [
    ['a month one month back is the month before', range('2026-05-01', '2026-05-31'), 'month', -1, range('2026-04-01', '2026-04-30')],
    ['a month one month on is the month after', range('2026-01-01', '2026-01-31'), 'month', 1, range('2026-02-01', '2026-02-28')],
    ['a quarter one quarter back is the quarter before', range('2025-04-01', '2025-06-30'), 'quarter', -1, range('2025-01-01', '2025-03-31')],
    ['three whole months one month back keep their length', range('2026-01-01', '2026-03-31'), 'month', -1, range('2025-10-01', '2025-12-31')],
    ['a month a year back is the same month a year earlier', range('2026-05-01', '2026-05-31'), 'year', -1, range('2025-05-01', '2025-05-31')],
    ['a year to date a year back is the same days', range('2026-01-01', '2026-06-17'), 'year', -1, range('2025-01-01', '2025-06-17')],
    ['29 February a year back is 28 February', range('2024-02-01', '2024-02-29'), 'year', -1, range('2023-02-01', '2023-02-28')],
    ['a month one quarter back is the whole quarter before its own', range('2025-03-01', '2025-03-31'), 'quarter', -1, range('2024-10-01', '2024-12-31')],
    ['the last 7 days one month back is the whole month before', range('2026-06-24', '2026-06-30'), 'month', -1, range('2026-05-01', '2026-05-31')],
    ['a year to date one month back is the same days a month earlier', range('2026-01-01', '2026-11-21'), 'month', -1, range('2025-12-01', '2026-10-21')],
    ['a single day one day back is the day before', range('2026-06-29', '2026-06-29'), 'day', -1, range('2026-06-28', '2026-06-28')],
    ['the period before a year is the year before', range('2025-01-01', '2025-12-31'), 'period', -1, range('2024-01-01', '2024-12-31')],
    ['the period before a month to date is the same days of the month before', range('2026-06-01', '2026-06-17'), 'period', -1, range('2026-05-01', '2026-05-17')],
    ['the period before 10 odd days is the 10 days before', range('2026-06-05', '2026-06-14'), 'period', -1, range('2026-05-26', '2026-06-04')],
  ]
  it.each(cases)('%s', (_, from, unit, steps, expected) => {
    expect(shiftTimeRange(from, unit, steps)).toEqual(expected)
  })
})

describe('periodName', () => {
  it('names whole months, quarters, halves and years in either language', () => {
    expect(periodName(range('2026-04-01', '2026-04-30'), 'en')).toBe('April 2026')
    expect(periodName(range('2026-04-01', '2026-04-30'), 'pt')).toBe('abril de 2026')
    expect(periodName(range('2025-07-01', '2025-09-30'), 'en')).toBe('Q3 2025')
    expect(periodName(range('2025-01-01', '2025-06-30'), 'pt')).toBe('1º semestre de 2025')
    expect(periodName(range('2024-01-01', '2024-12-31'), 'en')).toBe('2024')
  })

  it('leaves other periods unnamed', () => {
    expect(periodName(range('2026-06-05', '2026-06-14'), 'en')).toBeUndefined()
  })
})
