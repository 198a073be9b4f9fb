/**
 * A digest schedule in the words of a Slack reply: when it fires (a chat-made cron read back as "every Monday at
 * 08:00"; any other cron shown as it is), its scope, language and period, and the next fire time in its own zone.
 */
import type { DigestSchedule } from '../../digests/digest-contract.js'
import { nextFireTimes } from '../../digests/schedule/cron-schedule.js'
import type { Language } from '../../semantic/semantic-model.js'
import { escapeMrkdwn } from '../escape-mrkdwn.js'
import { slackPhrases, type DigestScheduleWords } from '../slack-phrases.js'

const locales: Record<Language, string> = { en: 'en-US', pt: 'pt-BR' }
/** Far enough for any cron that fires at all (a 29 February one, at worst). */
const horizonMs = 4 * 366 * 86_400_000

function nextFireTime(schedule: Pick<DigestSchedule, 'cron' | 'timeZone'>, now: Date): Date | undefined {
  return nextFireTimes(schedule.cron, schedule.timeZone, now, new Date(now.getTime() + horizonMs), 1)[0]
}

function formatFireTime(at: Date, timeZone: string, language: Language): string {
  return new Intl.DateTimeFormat(locales[language], { timeZone, weekday: 'short', day: 'numeric', month: 'short', year: 'numeric', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at)
}

/** The three shapes the chat command writes — daily, one weekday, one day of the month — in words; else the cron. */
function whenOf(cron: string, language: Language): string {
  const words = slackPhrases[language].digests
  const [minute, hour, dayOfMonth, month, dayOfWeek] = cron.split(' ')
  const time = /^\d{1,2}$/.test(minute ?? '') && /^\d{1,2}$/.test(hour ?? '') ? { hour: Number(hour), minute: Number(minute) } : undefined
  if (!time || month !== '*') return words.cron(cron)
  if (dayOfMonth === '*' && dayOfWeek === '*') return words.when('daily', time)
  if (dayOfMonth === '*' && /^[0-7]$/.test(dayOfWeek ?? '')) return words.when('weekly', { ...time, weekday: Number(dayOfWeek) % 7 })
  if (/^\d{1,2}$/.test(dayOfMonth ?? '') && dayOfWeek === '*') return words.when('monthly', { ...time, dayOfMonth: Number(dayOfMonth) })
  return words.cron(cron)
}

export function describeDigestSchedule(schedule: DigestSchedule, language: Language, now: Date): DigestScheduleWords {
  const words = slackPhrases[language].digests
  const { region, category } = schedule.scope
  const scope = [region ? words.region(region.name) : undefined, category ? words.category(category.name) : undefined].filter((s): s is string => s !== undefined)
  const next = nextFireTime(schedule, now)
  return {
    id: schedule.id,
    name: escapeMrkdwn(schedule.name),
    when: whenOf(schedule.cron, language),
    timeZone: schedule.timeZone,
    scope: escapeMrkdwn(scope.length ? scope.join(' · ') : words.wholeCompany),
    language: words.languageName(schedule.language),
    period: words.period(schedule.period),
    next: next ? formatFireTime(next, schedule.timeZone, language) : undefined,
  }
}
