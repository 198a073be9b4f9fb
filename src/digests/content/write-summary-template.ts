/**
 * The digest's summary as a template sentence or two, every figure already a display string of the digest:
 * "Revenue R$1.2M last week, +8.3% vs the week before and −2.1% vs a year ago; 2 anomalies. 64.0% of the November 2026
 * target reached, 98.1% expected by its end." Clauses whose figure is missing (no sales a year ago, no target) are left
 * out rather than filled with a dash.
 */
import type { DigestKpi, DigestPeriodKind } from '../digest-contract.js'
import type { DateRange } from '../../semantic/query-plan.js'
import type { DigestTarget } from './compute-target.js'
import type { DigestFormatter } from './digest-formatter.js'
import { periodWords } from './digest-words.js'
import { formatDigestDay } from './format-digest-dates.js'

export interface SummaryFacts {
  readonly kind: DigestPeriodKind
  readonly period: DateRange
  readonly revenue: DigestKpi
  /** How many anomalies were found; undefined when the digest does not look for them. */
  readonly anomalies?: number
  readonly target?: DigestTarget
}

export function writeSummaryTemplate(facts: SummaryFacts, format: DigestFormatter): string {
  const pt = format.language === 'pt'
  const words = periodWords(facts.kind, format.language)
  const when = words.when.replace('{end}', formatDigestDay(facts.period.end, format.language, { year: false }))
  const { revenue } = facts
  const comparisons = [
    revenue.changeVsPrevious === null ? undefined : `${revenue.display.changeVsPrevious} ${pt ? 'sobre' : 'vs'} ${words.previous}`,
    revenue.changeVsLastYear === null ? undefined : `${revenue.display.changeVsLastYear} ${pt ? 'sobre um ano antes' : 'vs a year ago'}`,
  ].filter((c): c is string => c !== undefined)
  const amount = format.compactMoney(revenue.value ?? 0)
  let first = pt ? `Faturamento de ${amount} ${when}` : `Revenue ${amount} ${when}`
  if (comparisons.length) first += `, ${comparisons.join(pt ? ' e ' : ' and ')}`
  if (facts.anomalies !== undefined) first += `; ${anomalyCount(facts.anomalies, pt)}`
  const sentences = [`${first}.`]

  const target = facts.target
  if (target) {
    const reached = format.percent(target.attainment)
    const expected = target.forecast ? format.percent(target.forecast.value / target.target) : undefined
    sentences.push(
      pt
        ? `${reached} da meta de ${target.period.label} atingidos${expected ? `, ${expected} previstos ao fim do período` : ''}.`
        : `${reached} of the ${target.period.label} target reached${expected ? `, ${expected} expected by its end` : ''}.`,
    )
  }
  return sentences.join(' ')
}

function anomalyCount(count: number, pt: boolean): string {
  if (count === 0) return pt ? 'nenhuma anomalia' : 'no anomalies'
  if (count === 1) return pt ? '1 anomalia' : '1 anomaly'
  return pt ? `${count} anomalias` : `${count} anomalies`
}
