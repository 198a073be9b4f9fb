import { describe, expect, it } from 'vitest'
import { computeDigestPeriod } from '../../../src/digests/content/compute-digest-period.js'
import { isAppError } from '../../../src/errors/app-error.js'

const weekday = (iso: string) => new Date(`${iso}T00:00:00Z`).getUTCDay()

describe('computeDigestPeriod', () => {
  it('covers yesterday for a daily digest, against the day before and the same weekday 52 weeks earlier', () => {
    expect(computeDigestPeriod('previous_day', '2026-11-17')).toMatchObject({
      current: { start: '2026-11-16', end: '2026-11-16' },
      previous: { start: '2026-11-15', end: '2026-11-15' },
      lastYear: { start: '2025-11-17', end: '2025-11-17' },
    })
    expect(weekday('2025-11-17')).toBe(weekday('2026-11-16'))
  })

  it('fired on a Monday, covers the Monday–Sunday week that ended yesterday', () => {
    const period = computeDigestPeriod('previous_week', '2026-11-16')
    expect(period.current).toEqual({ start: '2026-11-09', end: '2026-11-15' })
    expect(period.previous).toEqual({ start: '2026-11-02', end: '2026-11-08' })
    expect(period.lastYear).toEqual({ start: '2025-11-10', end: '2025-11-16' })
    expect(weekday(period.lastYear.start)).toBe(1)
  })

  it('fired on a Sunday, covers the last complete week, not the one still running', () => {
    expect(computeDigestPeriod('previous_week', '2026-11-22').current).toEqual({ start: '2026-11-09', end: '2026-11-15' })
  })

  it('covers the calendar month before, across a year boundary, against the month before that and the same month a year earlier', () => {
    expect(computeDigestPeriod('previous_month', '2027-01-01')).toMatchObject({
      current: { start: '2026-12-01', end: '2026-12-31' },
      previous: { start: '2026-11-01', end: '2026-11-30' },
      lastYear: { start: '2025-12-01', end: '2025-12-31' },
    })
    expect(computeDigestPeriod('previous_month', '2026-03-31').previous).toEqual({ start: '2026-01-01', end: '2026-01-31' })
  })

  it('handles February of a leap year: 29 days, compared with a 28-day February a year earlier', () => {
    expect(computeDigestPeriod('previous_month', '2028-03-01')).toMatchObject({
      current: { start: '2028-02-01', end: '2028-02-29' },
      previous: { start: '2028-01-01', end: '2028-01-31' },
      lastYear: { start: '2027-02-01', end: '2027-02-28' },
    })
    expect(computeDigestPeriod('previous_month', '2029-03-15').lastYear).toEqual({ start: '2028-02-01', end: '2028-02-29' })
    expect(computeDigestPeriod('previous_month', '2028-04-02').previous).toEqual({ start: '2028-02-01', end: '2028-02-29' })
  })

  it('ends a week to date yesterday and compares it with the same weekdays of the week before', () => {
    expect(computeDigestPeriod('week_to_date', '2026-11-18')).toMatchObject({
      current: { start: '2026-11-16', end: '2026-11-17' },
      previous: { start: '2026-11-09', end: '2026-11-10' },
      lastYear: { start: '2025-11-17', end: '2025-11-18' },
    })
  })

  it('fired on a Monday, makes the week to date the whole week just ended rather than no days at all', () => {
    expect(computeDigestPeriod('week_to_date', '2026-11-16').current).toEqual({ start: '2026-11-09', end: '2026-11-15' })
  })

  it('ends a month to date yesterday and compares it with the same days of the month before, clamped to a short month', () => {
    expect(computeDigestPeriod('month_to_date', '2026-11-17')).toMatchObject({
      current: { start: '2026-11-01', end: '2026-11-16' },
      previous: { start: '2026-10-01', end: '2026-10-16' },
      lastYear: { start: '2025-11-01', end: '2025-11-16' },
    })
    expect(computeDigestPeriod('month_to_date', '2026-03-31').previous).toEqual({ start: '2026-02-01', end: '2026-02-28' })
  })

  it('fired on the 1st, makes the month to date the whole month just ended', () => {
    expect(computeDigestPeriod('month_to_date', '2028-03-01')).toMatchObject({
      current: { start: '2028-02-01', end: '2028-02-29' },
      previous: { start: '2028-01-01', end: '2028-01-31' },
      lastYear: { start: '2027-02-01', end: '2027-02-28' },
    })
  })

  it('says which cadence the comparisons follow', () => {
    expect(computeDigestPeriod('previous_week', '2026-11-16').cadence).toBe('week')
    expect(computeDigestPeriod('month_to_date', '2026-11-16').cadence).toBe('month')
  })

  it('refuses a date that is not a calendar day, with a typed error', () => {
    for (const today of ['2026-02-30', '17/11/2026', '2026-1-5']) {
      let caught: unknown
      try {
        computeDigestPeriod('previous_day', today)
      } catch (error) {
        caught = error
      }
      expect(isAppError(caught) && caught.code === 'bad_request').toBe(true)
    }
  })
})
