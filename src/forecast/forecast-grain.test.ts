import { describe, expect, it } from 'vitest'
import { addPeriods, daysInPeriod, periodStart, quarterOf } from './forecast-grain.js'

describe('forecast periods', () => {
  it('start weeks on Monday, as the semantic layer groups them', () => {
    expect(periodStart('2025-12-11', 'week')).toBe('2025-12-08')
    expect(periodStart('2025-12-08', 'week')).toBe('2025-12-08')
    expect(periodStart('2025-12-14', 'week')).toBe('2025-12-08')
  })

  it('step months across years and know their lengths', () => {
    expect(addPeriods('2025-11-01', 'month', 3)).toBe('2026-02-01')
    expect(addPeriods('2025-01-01', 'month', -1)).toBe('2024-12-01')
    expect(daysInPeriod('2024-02-01', 'month')).toBe(29)
  })

  it('name the quarter a day falls in', () => {
    expect(quarterOf('2025-11-11')).toEqual({ start: '2025-10-01', end: '2025-12-31', label: 'Q4 2025' })
  })
})
