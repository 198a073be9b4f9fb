/** The content request for one fire time of a schedule: "today" is the fire time's calendar date in the schedule's zone. */
import { todayIn } from '../../analyst/today-in.js'
import type { DigestRequest, DigestSchedule } from '../digest-contract.js'

export function digestRequestFor(schedule: DigestSchedule, fireAt: Date): DigestRequest {
  return { scope: schedule.scope, period: schedule.period, language: schedule.language, sections: schedule.sections, today: todayIn(schedule.timeZone, fireAt) }
}
