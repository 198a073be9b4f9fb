/**
 * Scheduled digests (issue #8): what a schedule is, what a digest contains, and the seams between the content
 * (computed from the semantic layer — numbers never written by a model), the scheduler/queue (exactly one post per
 * schedule and fire time), and the surfaces that post it (Slack, Teams, the web-chat inbox).
 */
import type { ReplyChart } from '../../agents/agent-contract.js'
import type { DateRange, QueryPlan } from '../semantic/query-plan.js'
import type { Language } from '../semantic/semantic-model.js'

export const digestSections = ['kpis', 'targets', 'movers', 'anomalies', 'customers', 'chart'] as const
export type DigestSection = (typeof digestSections)[number]

/** Which period a digest covers, relative to the fire time in the schedule's time zone. */
export const digestPeriods = ['previous_day', 'previous_week', 'previous_month', 'week_to_date', 'month_to_date'] as const
export type DigestPeriodKind = (typeof digestPeriods)[number]

/** Whole company when both are absent. */
export interface DigestScope {
  readonly region?: { readonly id: number; readonly name: string }
  readonly category?: { readonly id: number; readonly name: string }
}

export type DigestDestination =
  | { readonly kind: 'slack'; readonly channelId: string }
  | { readonly kind: 'teams'; readonly conversationId: string; readonly serviceUrl: string; readonly tenantId?: string }
  | { readonly kind: 'web'; readonly inbox: string }

/** After downtime: 'skip' missed fire times, or 'post_late' the most recent missed one (once). */
export type LatePolicy = 'skip' | 'post_late'

export interface DigestSchedule {
  readonly id: number
  readonly name: string
  readonly destination: DigestDestination
  /** Five-field cron, e.g. '0 8 * * 1' (Mondays 08:00). */
  readonly cron: string
  /** IANA zone the cron is read in, e.g. 'America/Sao_Paulo'. */
  readonly timeZone: string
  readonly language: Language
  readonly scope: DigestScope
  readonly sections: readonly DigestSection[]
  readonly period: DigestPeriodKind
  readonly latePolicy: LatePolicy
  readonly enabled: boolean
  readonly createdBy: string
  readonly createdAt: Date
}

export interface DigestRequest {
  readonly scope: DigestScope
  readonly period: DigestPeriodKind
  readonly language: Language
  readonly sections: readonly DigestSection[]
  /** 'YYYY-MM-DD' in the business time zone: the day the digest is about "as of" (the fire time's date). */
  readonly today: string
}

export interface DigestKpi {
  readonly metric: 'revenue' | 'orders' | 'average_ticket'
  readonly label: string
  readonly value: number | null
  readonly previous: number | null
  readonly lastYear: number | null
  /** Fractions (0.12 = +12%); null when the base is 0 or missing. */
  readonly changeVsPrevious: number | null
  readonly changeVsLastYear: number | null
  /** Formatted for the digest's language (R$ 1.234,56 / R$1,234.56). */
  readonly display: { readonly value: string; readonly previous: string; readonly lastYear: string; readonly changeVsPrevious: string; readonly changeVsLastYear: string }
}

export interface DigestMover {
  readonly dimension: 'region' | 'category' | 'rep' | 'product'
  readonly name: string
  readonly value: number
  readonly previous: number
  readonly change: number
  readonly display: string
}

export interface DigestAnomaly {
  /** What is unusual: a day ('2026-11-17') or a segment ('Sul'). */
  readonly subject: string
  readonly kind: 'day' | 'segment'
  readonly value: number
  readonly expected: number
  /** Robust z-score (distance from the usual level in MADs); its sign says above/below. */
  readonly score: number
  readonly display: string
}

export interface DigestContent {
  readonly title: string
  readonly language: Language
  readonly scope: DigestScope
  readonly period: DateRange & { readonly label: string }
  readonly previousPeriod: DateRange
  readonly lastYearPeriod: DateRange
  readonly kpis: readonly DigestKpi[]
  readonly target?: { readonly period: DateRange & { readonly label: string }; readonly target: number; readonly actual: number; readonly attainment: number; readonly forecast?: { readonly value: number; readonly lower80: number; readonly upper80: number; readonly lower95: number; readonly upper95: number; readonly probabilityOfHitting?: number }; readonly display: string }
  readonly movers: { readonly top: readonly DigestMover[]; readonly bottom: readonly DigestMover[] }
  readonly anomalies: readonly DigestAnomaly[]
  readonly customers?: { readonly new: number; readonly churned: number; readonly definition: string }
  readonly chart?: ReplyChart
  /** One or two sentences, template-made (or a model's rephrasing whose numbers all matched). */
  readonly summary: string
  readonly summarySource: 'template' | 'model'
  /** The whole digest as plain text (sections with headings), for surfaces without rich layout and for tests. */
  readonly text: string
  /** Every SQL statement the figures came from (each passed the guard). */
  readonly sql: readonly string[]
  /** What a reply in the digest's thread starts from: the period and the scope as a plan (revenue, filters). */
  readonly startingContext: { readonly plan: QueryPlan; readonly understood: string }
}

export interface DigestComposer {
  compose(request: DigestRequest): Promise<DigestContent>
}

/** Posts a digest to one destination; returns the platform's message reference (Slack channel + ts, …). */
export interface DigestDeliverer {
  readonly kind: DigestDestination['kind']
  deliver(destination: DigestDestination, content: DigestContent, meta: { readonly deliveryId: number; readonly scheduleName: string }): Promise<{ readonly messageId: string; readonly channelId?: string }>
}
