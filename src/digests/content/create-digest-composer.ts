/**
 * Composes a digest — KPIs, target and forecast, movers, anomalies, customers, chart, summary — for a scope, a period
 * and a language. Every figure comes from the semantic layer (or, for churn, the digest's own SQL) run through the
 * SQL guard as the digest's principal; the forecast from the forecaster; a model may only reword the summary, and
 * its words are kept only when their numbers are the digest's (summarize-digest.ts).
 *
 * Queries run one after another: the embedded database has a single session, and a digest is a background job.
 * A query failing is an AppError (not_ready when worth retrying) for the scheduler; a chart or a summary failing
 * costs only the chart or the model's wording.
 */
import { digestPeriods, digestSections, type DigestAnomaly, type DigestComposer, type DigestContent, type DigestRequest, type DigestSection } from '../digest-contract.js'
import { AppError } from '../../errors/app-error.js'
import type { Forecaster } from '../../forecast/create-forecaster.js'
import type { GuardedSqlRunner, SqlPrincipal } from '../../sql-guard/index.js'
import { buildStartingContext } from './build-starting-context.js'
import { computeDigestPeriod } from './compute-digest-period.js'
import { computeKpis } from './compute-kpis.js'
import { computeMovers, type Movers } from './compute-movers.js'
import { computeTarget, type TargetSection } from './compute-target.js'
import { countCustomers, type DigestCustomers } from './count-customers.js'
import { detectDayAnomalies } from './detect-day-anomalies.js'
import { detectSegmentAnomalies } from './detect-segment-anomalies.js'
import { createDigestFormatter } from './digest-formatter.js'
import { createDigestQueries } from './digest-queries.js'
import { periodWords } from './digest-words.js'
import { drawDigestChart } from './draw-digest-chart.js'
import { formatDigestRange } from './format-digest-dates.js'
import { createBreakdownReader } from './read-breakdowns.js'
import { renderDigestText } from './render-digest-text.js'
import { scopeFilters, scopeName } from './scope-filters.js'
import { summarizeDigest, type DigestSummarizer, type SummaryFallbackReason } from './summarize-digest.js'
import { writeSummaryTemplate } from './write-summary-template.js'

export { computeDigestPeriod, type DigestPeriod } from './compute-digest-period.js'
export type { DigestSummarizer, DigestSummarizerInput, SummaryFallbackReason } from './summarize-digest.js'

export interface DigestComposerDeps {
  readonly runner: GuardedSqlRunner
  /** Forecasts the target period's end; without one the target section has no forecast. */
  readonly forecaster?: Forecaster
  /** The data's currency, e.g. 'BRL'; only its format follows the digest's language. */
  readonly currency: string
  /** Who the digest's SQL runs as (audited as such); default { userId: 'system:digest', role: 'analyst' }. */
  readonly principal?: SqlPrincipal
  /** Rewords the template summary; kept only when its numbers are the digest's. */
  readonly summarizer?: DigestSummarizer
  readonly onChartError?: (error: unknown) => void
  /** Why a summarizer's text was not used (it threw, was empty or long, or changed a number). */
  readonly onSummaryFallback?: (reason: SummaryFallbackReason) => void
}

export const defaultDigestPrincipal: SqlPrincipal = Object.freeze({ userId: 'system:digest', role: 'analyst' })

export function createDigestComposer(deps: DigestComposerDeps): DigestComposer {
  const principal = deps.principal ?? defaultDigestPrincipal
  return {
    async compose(request: DigestRequest): Promise<DigestContent> {
      checkRequest(request)
      const { language, scope } = request
      const sections = new Set<DigestSection>(request.sections)
      const period = computeDigestPeriod(request.period, request.today)
      const format = createDigestFormatter(language, deps.currency)
      const queries = createDigestQueries(deps.runner, principal)
      const filters = scopeFilters(scope)
      const breakdowns = createBreakdownReader(queries, period, filters)
      const label = formatDigestRange(period.current, language)
      const title = `${periodWords(request.period, language).title} — ${scopeName(scope, language)} — ${label}`

      // Revenue heads the summary, so the KPIs are read even when their section is not shown.
      const kpis = await computeKpis(queries, period, filters, format)
      const target: TargetSection | undefined = sections.has('targets')
        ? await computeTarget({ queries, period, scope, filters, format, principal, ...(deps.forecaster ? { forecaster: deps.forecaster } : {}) })
        : undefined
      const movers: Movers = sections.has('movers') ? await computeMovers(breakdowns, scope, format) : { top: [], bottom: [] }
      const anomalies: DigestAnomaly[] = sections.has('anomalies')
        ? [...(await detectDayAnomalies(queries, period, filters, format)), ...(await detectSegmentAnomalies(breakdowns, scope, format))]
        : []
      const customers: DigestCustomers | undefined = sections.has('customers') ? await countCustomers(queries, period, scope, filters, language) : undefined
      const chart = sections.has('chart')
        ? await drawDigestChart({ queries, period, filters, language, currency: deps.currency, ...(deps.onChartError ? { onError: deps.onChartError } : {}) })
        : undefined

      const revenue = kpis.find((k) => k.metric === 'revenue')!
      const template = writeSummaryTemplate(
        { kind: request.period, period: period.current, revenue, ...(sections.has('anomalies') ? { anomalies: anomalies.length } : {}), ...(target?.target ? { target: target.target } : {}) },
        format,
      )
      const figures = [
        title,
        ...(sections.has('kpis') ? kpis : [revenue]).flatMap((k) => Object.values(k.display)),
        ...(target?.target ? [target.target.display] : []),
        ...[...movers.top, ...movers.bottom].map((m) => m.display),
        ...anomalies.map((a) => a.display),
        ...(customers ? [format.count(customers.new), format.count(customers.churned)] : []),
      ]
      const { summary, summarySource } = await summarizeDigest({ language, template, figures }, deps.summarizer, deps.onSummaryFallback)

      const shownKpis = sections.has('kpis') ? kpis : []
      const text = renderDigestText({
        language,
        title,
        summary,
        sections,
        kpis: shownKpis,
        ...(target ? { target } : {}),
        movers,
        anomalies,
        ...(customers ? { customers } : {}),
        ...(chart ? { chartAlt: chart.alt } : {}),
      })
      const currentPeriod = { ...period.current, label }
      return {
        title,
        language,
        scope,
        period: currentPeriod,
        previousPeriod: period.previous,
        lastYearPeriod: period.lastYear,
        kpis: shownKpis,
        ...(target?.target ? { target: target.target } : {}),
        movers,
        anomalies,
        ...(customers ? { customers } : {}),
        ...(chart ? { chart } : {}),
        summary,
        summarySource,
        text,
        sql: queries.statements(),
        startingContext: buildStartingContext(request.period, currentPeriod, scope, language),
      }
    },
  }
}

/** Requests come from stored schedules and the API: a malformed one is refused before any query runs. */
function checkRequest(request: DigestRequest): void {
  const problems: { path: string; message: string }[] = []
  if (request.language !== 'en' && request.language !== 'pt') problems.push({ path: 'language', message: "must be 'en' or 'pt'" })
  if (!(digestPeriods as readonly string[]).includes(request.period)) problems.push({ path: 'period', message: `must be one of ${digestPeriods.join(', ')}` })
  for (const section of request.sections ?? []) {
    if (!(digestSections as readonly string[]).includes(section)) problems.push({ path: 'sections', message: `has an unknown section "${String(section)}"` })
  }
  for (const key of ['region', 'category'] as const) {
    const member = request.scope?.[key]
    if (member && !(Number.isSafeInteger(member.id) && member.id > 0 && typeof member.name === 'string' && member.name.trim() !== '')) {
      problems.push({ path: `scope.${key}`, message: 'needs a positive id and a name' })
    }
  }
  if (problems.length > 0) {
    throw new AppError('bad_request', `The digest request is not valid: ${problems.map((p) => `${p.path} ${p.message}`).join('; ')}.`, { fields: problems })
  }
}
