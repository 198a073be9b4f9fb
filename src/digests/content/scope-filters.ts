/** A digest's scope as the semantic layer's filters, and as people name it ("Sul", "Sul · Notebooks", "Whole company"). */
import type { DigestScope } from '../digest-contract.js'
import type { PlanFilter } from '../../semantic/query-plan.js'
import type { Language } from '../../semantic/semantic-model.js'
import { digestWords } from './digest-words.js'

export function scopeFilters(scope: DigestScope): PlanFilter[] {
  const filters: PlanFilter[] = []
  if (scope.region) filters.push({ dimension: 'region', values: [scope.region.id], labels: [scope.region.name] })
  if (scope.category) filters.push({ dimension: 'category', values: [scope.category.id], labels: [scope.category.name] })
  return filters
}

export function scopeName(scope: DigestScope, language: Language): string {
  const names = [scope.region?.name, scope.category?.name].filter((name): name is string => name !== undefined)
  return names.length ? names.join(' · ') : digestWords[language].wholeCompany
}
