/**
 * What a reply in the digest's thread starts from: revenue over the digest's period with its scope as filters, so
 * "and by rep?" under a Sul weekly digest means Sul's reps that week.
 */
import type { DigestContent, DigestPeriodKind, DigestScope } from '../digest-contract.js'
import type { DateRange } from '../../semantic/query-plan.js'
import { metrics, type Language } from '../../semantic/semantic-model.js'
import { periodWords } from './digest-words.js'
import { scopeFilters } from './scope-filters.js'

export function buildStartingContext(kind: DigestPeriodKind, period: DateRange & { readonly label: string }, scope: DigestScope, language: Language): DigestContent['startingContext'] {
  const plan = { metrics: ['revenue' as const], dimensions: [], filters: scopeFilters(scope), timeRange: { start: period.start, end: period.end, label: period.label } }
  const names = [scope.region?.name, scope.category?.name].filter((n): n is string => n !== undefined).join(' · ')
  const digest = periodWords(kind, language).digestName
  const understood =
    language === 'pt'
      ? `${metrics.revenue.label.pt} ${names ? `de ${names}` : 'da empresa toda'}, ${period.label} (${digest})`
      : `${metrics.revenue.label.en} for ${names || 'the whole company'}, ${period.label} (from ${digest})`
  return { plan, understood }
}
