import { describe, expect, it } from 'vitest'
import { defaultPeriodOf, nextFireTimes } from '../../../src/digests/schedule/cron-schedule.js'

const iso = (dates: Date[]) => dates.map((d) => d.toISOString())

describe('fire times of a cron in a time zone', () => {
  it('reads the cron in the zone: 08:00 in São Paulo is 11:00 UTC all year (no DST since 2019)', () => {
    expect(iso(nextFireTimes('0 8 * * 1', 'America/Sao_Paulo', new Date('2026-01-01T00:00:00Z'), new Date('2026-01-20T00:00:00Z')))).toEqual(['2026-01-05T11:00:00.000Z', '2026-01-12T11:00:00.000Z', '2026-01-19T11:00:00.000Z'])
    expect(iso(nextFireTimes('0 8 * * 1', 'America/Sao_Paulo', new Date('2026-07-01T00:00:00Z'), new Date('2026-07-07T00:00:00Z')))).toEqual(['2026-07-06T11:00:00.000Z'])
  })

  it('follows São Paulo’s last DST start: midnight did not exist on 4 Nov 2018, the digest went out at 01:00 (−02)', () => {
    expect(iso(nextFireTimes('0 0 * * *', 'America/Sao_Paulo', new Date('2018-11-02T12:00:00Z'), new Date('2018-11-05T12:00:00Z')))).toEqual(['2018-11-03T03:00:00.000Z', '2018-11-04T03:00:00.000Z', '2018-11-05T02:00:00.000Z'])
  })

  it('keeps 08:00 at 08:00 in New York across the spring and autumn changes', () => {
    expect(iso(nextFireTimes('0 8 * * *', 'America/New_York', new Date('2026-03-07T00:00:00Z'), new Date('2026-03-09T23:00:00Z')))).toEqual(['2026-03-07T13:00:00.000Z', '2026-03-08T12:00:00.000Z', '2026-03-09T12:00:00.000Z'])
    expect(iso(nextFireTimes('0 8 * * *', 'America/New_York', new Date('2026-10-31T00:00:00Z'), new Date('2026-11-02T23:00:00Z')))).toEqual(['2026-10-31T12:00:00.000Z', '2026-11-01T13:00:00.000Z', '2026-11-02T13:00:00.000Z'])
  })

  it('fires a time skipped by the spring change once, at the first minute that exists, and a repeated time once', () => {
    // 02:30 on 8 March 2026 does not exist in New York (02:00 → 03:00): 03:00 EDT.
    expect(iso(nextFireTimes('30 2 * * *', 'America/New_York', new Date('2026-03-07T00:00:00Z'), new Date('2026-03-09T12:00:00Z')))).toEqual(['2026-03-07T07:30:00.000Z', '2026-03-08T07:00:00.000Z', '2026-03-09T06:30:00.000Z'])
    // 01:30 on 1 November 2026 happens twice (EDT, then EST): one digest.
    expect(iso(nextFireTimes('30 1 * * *', 'America/New_York', new Date('2026-10-31T12:00:00Z'), new Date('2026-11-02T12:00:00Z')))).toEqual(['2026-11-01T05:30:00.000Z', '2026-11-02T06:30:00.000Z'])
  })

  it('counts only fire times after the start and up to the end, and stops at the limit', () => {
    const after = new Date('2026-03-02T11:00:00Z')
    expect(iso(nextFireTimes('0 8 * * *', 'America/Sao_Paulo', after, new Date('2026-03-03T11:00:00Z')))).toEqual(['2026-03-03T11:00:00.000Z'])
    expect(nextFireTimes('0 * * * *', 'UTC', after, new Date('2027-03-02T11:00:00Z'), 10)).toHaveLength(10)
  })
})

describe('the period a schedule covers by default', () => {
  it.each([
    ['0 8 * * *', 'previous_day'],
    ['0 8 * * 1-5', 'previous_day'],
    ['0 8 * * 1', 'previous_week'],
    ['0 8 * * MON', 'previous_week'],
    ['0 8 1 * *', 'previous_month'],
  ] as const)('%s → %s', (cron, period) => {
    expect(defaultPeriodOf(cron)).toBe(period)
  })
})
