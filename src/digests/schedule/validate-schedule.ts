/**
 * Checks a digest schedule as an admin (API, later the admin page and the chat command) wrote it, and fills in the
 * defaults. Every problem names its field and says what would be right, e.g. `cron: must have five fields … e.g. '0 8 * * 1'`.
 * Pure: whether region and category ids exist is the repository's check.
 */
import { AppError, type FieldProblem } from '../../errors/app-error.js'
import type { Language } from '../../semantic/semantic-model.js'
import { digestPeriods, digestSections, type DigestDestination, type DigestPeriodKind, type DigestSection, type LatePolicy } from '../digest-contract.js'
import { cronProblem, defaultPeriodOf } from './cron-schedule.js'

export const latePolicies: readonly LatePolicy[] = ['skip', 'post_late']
const languages: readonly Language[] = ['en', 'pt']

/** A schedule as written: everything but name, destination and cron may be left out. */
export interface DigestScheduleInput {
  readonly name: string
  readonly destination: DigestDestination
  readonly cron: string
  readonly timeZone?: string | undefined
  readonly language?: string | undefined
  readonly regionId?: number | null | undefined
  readonly categoryId?: number | null | undefined
  readonly sections?: readonly string[] | undefined
  readonly period?: string | undefined
  readonly latePolicy?: string | undefined
  readonly enabled?: boolean | undefined
}

/** A schedule that passed every check, defaults filled in, cron and zone in canonical form. */
export interface ValidDigestSchedule {
  readonly name: string
  readonly destination: DigestDestination
  readonly cron: string
  readonly timeZone: string
  readonly language: Language
  readonly regionId: number | null
  readonly categoryId: number | null
  readonly sections: readonly DigestSection[]
  readonly period: DigestPeriodKind
  readonly latePolicy: LatePolicy
  readonly enabled: boolean
}

const zoneExample = "an IANA zone such as 'America/Sao_Paulo' or 'America/New_York'"
const inboxPattern = /^[\w.:@-]{1,200}$/

/** The canonical IANA name ('america/sao_paulo' → 'America/Sao_Paulo'), or undefined when Intl does not know it. */
export function canonicalTimeZone(zone: string): string | undefined {
  // Offsets ('+03:00', 'GMT-3') have no DST rules: a schedule must follow the zone's clock.
  if (!/^[A-Za-z][A-Za-z0-9_+-]*(\/[A-Za-z0-9_+-]+)*$/.test(zone) || /^(GMT|UTC)[+-]/i.test(zone)) return undefined
  try {
    return new Intl.DateTimeFormat('en', { timeZone: zone }).resolvedOptions().timeZone
  } catch (error) {
    if (error instanceof RangeError) return undefined
    throw error
  }
}

export function validateSchedule(input: DigestScheduleInput, options: { defaultTimeZone: string }): ValidDigestSchedule {
  const problems: FieldProblem[] = []
  const problem = (path: string, message: string) => void problems.push({ path, message })

  const name = input.name.trim()
  if (name.length < 1 || name.length > 200) problem('name', 'must be 1–200 characters')

  const destination = checkDestination(input.destination, problem)

  const cron = input.cron.trim().replace(/\s+/g, ' ')
  const cronIssue = cronProblem(cron)
  if (cronIssue) problem('cron', cronIssue)

  const requestedZone = input.timeZone?.trim() || options.defaultTimeZone
  const timeZone = canonicalTimeZone(requestedZone)
  if (!timeZone) problem('time_zone', `'${requestedZone}' is not a time zone; use ${zoneExample}`)

  const language = (input.language ?? 'en') as Language
  if (!languages.includes(language)) problem('language', `must be one of ${languages.join(', ')}`)

  const sections = checkSections(input.sections, problem)

  const period = (input.period ?? (cronIssue ? 'previous_day' : defaultPeriodOf(cron))) as DigestPeriodKind
  if (!digestPeriods.includes(period)) problem('period', `must be one of ${digestPeriods.join(', ')}`)

  const latePolicy = (input.latePolicy ?? 'post_late') as LatePolicy
  if (!latePolicies.includes(latePolicy)) problem('late_policy', `must be 'skip' (drop missed fire times) or 'post_late' (post the most recent missed one once)`)

  for (const [path, id] of [['region_id', input.regionId], ['category_id', input.categoryId]] as const) {
    if (id !== undefined && id !== null && !(Number.isInteger(id) && id > 0)) problem(path, 'must be a positive integer id, or null for all')
  }

  if (problems.length) {
    const first = problems[0]!
    throw new AppError('validation_failed', `The digest schedule is not valid: ${first.path} ${first.message}`, { fields: problems })
  }
  return {
    name,
    destination: destination!,
    cron,
    timeZone: timeZone!,
    language,
    regionId: input.regionId ?? null,
    categoryId: input.categoryId ?? null,
    sections,
    period,
    latePolicy,
    enabled: input.enabled ?? true,
  }
}

function checkSections(requested: readonly string[] | undefined, problem: (path: string, message: string) => void): DigestSection[] {
  if (requested === undefined) return [...digestSections]
  const unknown = requested.filter((s) => !(digestSections as readonly string[]).includes(s))
  if (unknown.length) problem('sections', `unknown section ${unknown.map((s) => `'${s}'`).join(', ')}; choose from ${digestSections.join(', ')}`)
  else if (!requested.length) problem('sections', `must name at least one of ${digestSections.join(', ')}`)
  // Canonical order, each once: the composer lays sections out in this order anyway.
  return digestSections.filter((s) => requested.includes(s))
}

function checkDestination(destination: DigestDestination, problem: (path: string, message: string) => void): DigestDestination | undefined {
  switch (destination.kind) {
    case 'slack': {
      const channelId = destination.channelId.trim()
      // chat.postMessage answers with the channel id, and thread replies are looked up by it: store the id, not a #name.
      if (!/^[CGD][A-Z0-9]{2,}$/.test(channelId)) return void problem('destination.channel_id', "must be a Slack channel id such as 'C0123ABCD' (channel details → About → Channel ID)")
      return { kind: 'slack', channelId }
    }
    case 'teams': {
      const conversationId = destination.conversationId.trim()
      if (conversationId.length < 1 || conversationId.length > 300) problem('destination.conversation_id', 'must be the Teams conversation id (1–300 characters)')
      if (!isServiceUrl(destination.serviceUrl)) problem('destination.service_url', "must be the conversation's Bot Framework service URL, e.g. 'https://smba.trafficmanager.net/amer/'")
      return { kind: 'teams', conversationId, serviceUrl: destination.serviceUrl, ...(destination.tenantId ? { tenantId: destination.tenantId } : {}) }
    }
    case 'web': {
      const inbox = destination.inbox.trim()
      if (!inboxPattern.test(inbox)) return void problem('destination.inbox', "must be 1–200 letters, digits or . _ : @ -, e.g. 'sales-team'")
      return { kind: 'web', inbox }
    }
  }
}

function isServiceUrl(value: string): boolean {
  try {
    const url = new URL(value)
    return url.protocol === 'https:' || (url.protocol === 'http:' && ['127.0.0.1', 'localhost', '[::1]'].includes(url.hostname))
  } catch (error) {
    if (error instanceof TypeError) return false
    throw error
  }
}
