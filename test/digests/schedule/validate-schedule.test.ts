import { describe, expect, it } from 'vitest'
import { AppError } from '../../../src/errors/app-error.js'
import { validateSchedule, type DigestScheduleInput } from '../../../src/digests/schedule/validate-schedule.js'

const base: DigestScheduleInput = { name: 'Weekly', destination: { kind: 'slack', channelId: 'C0123ABCD' }, cron: '0 8 * * 1' }
const options = { defaultTimeZone: 'America/Sao_Paulo' }

/** The field problems validateSchedule throws for an input. */
function problemsOf(input: Partial<DigestScheduleInput>) {
  try {
    validateSchedule({ ...base, ...input }, options)
  } catch (error) {
    expect(error).toBeInstanceOf(AppError)
    expect((error as AppError).code).toBe('validation_failed')
    return (error as AppError).details.fields
  }
  throw new Error('expected the schedule to be rejected')
}

describe('validating a digest schedule', () => {
  it('fills in the defaults: business zone, English, every section, the period from the cron, post late', () => {
    expect(validateSchedule(base, options)).toEqual({
      name: 'Weekly',
      destination: { kind: 'slack', channelId: 'C0123ABCD' },
      cron: '0 8 * * 1',
      timeZone: 'America/Sao_Paulo',
      language: 'en',
      regionId: null,
      categoryId: null,
      sections: ['kpis', 'targets', 'movers', 'anomalies', 'customers', 'chart'],
      period: 'previous_week',
      latePolicy: 'post_late',
      enabled: true,
    })
  })

  it('normalises what it accepts: spacing in the cron, the zone’s spelling, section order and repeats', () => {
    const valid = validateSchedule({ ...base, cron: ' 0  8 1 * * ', timeZone: 'america/new_york', sections: ['chart', 'kpis', 'chart'] }, options)
    expect(valid).toMatchObject({ cron: '0 8 1 * *', timeZone: 'America/New_York', sections: ['kpis', 'chart'], period: 'previous_month' })
  })

  it.each([
    ['words', 'every monday'],
    ['four fields', '0 8 * *'],
    ['a nickname', '@daily'],
  ])('rejects a cron of %s, showing the five fields and an example', (_label, cron) => {
    expect(problemsOf({ cron })).toEqual([{ path: 'cron', message: expect.stringMatching(/five fields.*e\.g\. '0 8 \* \* 1'/) }])
  })

  it('rejects a six-field cron, saying seconds are not supported', () => {
    expect(problemsOf({ cron: '0 0 8 * * 1' })).toEqual([{ path: 'cron', message: expect.stringMatching(/seconds and years are not supported.*'0 8 \* \* 1'/) }])
  })

  it('rejects values out of range, saying which part', () => {
    expect(problemsOf({ cron: '61 * * * *' })).toEqual([{ path: 'cron', message: expect.stringMatching(/not a valid cron expression \(Invalid value for minute: 61\); e\.g\./) }])
    expect(problemsOf({ cron: '0 25 * * *' })?.[0]?.message).toMatch(/hour/)
  })

  it('refuses a digest more than once an hour', () => {
    expect(problemsOf({ cron: '*/5 * * * *' })).toEqual([{ path: 'cron', message: expect.stringMatching(/one minute of the hour/) }])
  })

  it.each(['Mars/Olympus', 'GMT-3', '+03:00', 'Sao Paulo'])('rejects the time zone %s, naming the field and an IANA example', (timeZone) => {
    expect(problemsOf({ timeZone })).toEqual([{ path: 'time_zone', message: expect.stringMatching(/is not a time zone; use an IANA zone such as 'America\/Sao_Paulo'/) }])
  })

  it('names every wrong field at once', () => {
    const fields = problemsOf({ cron: 'x', timeZone: 'Nowhere/Land', language: 'fr', sections: ['kpis', 'gossip'], period: 'fortnight', latePolicy: 'maybe', regionId: -1 })
    expect(fields?.map((f) => f.path)).toEqual(['cron', 'time_zone', 'language', 'sections', 'period', 'late_policy', 'region_id'])
    expect(fields?.find((f) => f.path === 'sections')?.message).toBe("unknown section 'gossip'; choose from kpis, targets, movers, anomalies, customers, chart")
  })

  it('checks destinations: a Slack channel id (not a #name), a Teams service URL, an inbox name', () => {
    expect(problemsOf({ destination: { kind: 'slack', channelId: '#sales' } })).toEqual([{ path: 'destination.channel_id', message: expect.stringMatching(/Slack channel id such as 'C0123ABCD'/) }])
    expect(problemsOf({ destination: { kind: 'teams', conversationId: '19:x@thread.tacv2', serviceUrl: 'http://evil.example.com/' } })).toEqual([{ path: 'destination.service_url', message: expect.stringMatching(/service URL/) }])
    expect(problemsOf({ destination: { kind: 'web', inbox: 'sales team!' } })).toEqual([{ path: 'destination.inbox', message: expect.stringMatching(/e\.g\. 'sales-team'/) }])
  })

  it('says what is wrong in the error message too, starting with the first field', () => {
    expect(() => validateSchedule({ ...base, cron: 'every monday' }, options)).toThrow(/^The digest schedule is not valid: cron must have five fields/)
  })
})
