import { describe, expect, it } from 'vitest'
import { planDeliveries } from '../../../src/digests/delivery/plan-deliveries.js'

const at = (iso: string) => new Date(iso)
const days = ['2026-03-02T11:00:00Z', '2026-03-03T11:00:00Z', '2026-03-04T11:00:00Z'].map(at)
const graceMs = 15 * 60_000

describe('which fire times become posts', () => {
  it('posts fire times inside the grace window on time', () => {
    expect(planDeliveries({ fireTimes: [days[0]!], now: at('2026-03-02T11:10:00Z'), graceMs, latePolicy: 'skip', complete: true })).toEqual([{ fireAt: days[0], status: 'pending', late: false }])
  })

  it("posts only the most recent missed one, late, under 'post_late'", () => {
    expect(planDeliveries({ fireTimes: days, now: at('2026-03-04T15:00:00Z'), graceMs, latePolicy: 'post_late', complete: true }).map((p) => [p.status, p.late])).toEqual([
      ['skipped', false],
      ['skipped', false],
      ['pending', true],
    ])
  })

  it("posts none of the missed ones under 'skip', and still posts the one on time", () => {
    expect(planDeliveries({ fireTimes: days, now: at('2026-03-04T11:05:00Z'), graceMs, latePolicy: 'skip', complete: true }).map((p) => p.status)).toEqual(['skipped', 'skipped', 'pending'])
  })

  it('posts nothing late from a cut-off backlog: the most recent missed one is in a later batch', () => {
    expect(planDeliveries({ fireTimes: days, now: at('2026-04-01T00:00:00Z'), graceMs, latePolicy: 'post_late', complete: false }).map((p) => p.status)).toEqual(['skipped', 'skipped', 'skipped'])
  })
})
