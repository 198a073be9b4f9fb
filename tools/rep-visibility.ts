/**
 * What a sales rep sees: their own detail rows and company-level aggregates. A plan on the semantic layer that names
 * no person — no breakdown or filter by rep or customer — is a company-level aggregate (revenue this month, by region,
 * by category, by month) and runs over every sale; anything about reps or customers runs as the rep, over their own
 * sales only (the guard's row scoping). Free SQL always runs as the rep: only our compiled plans are known to be
 * aggregates.
 */
import type { QueryPlan } from '../src/semantic/query-plan.js'
import type { SqlPrincipal } from '../src/sql-guard/index.js'

export type Visibility = 'company' | 'own'

const personal = new Set(['rep', 'customer'])

export function isCompanyLevel(plan: QueryPlan): boolean {
  return !plan.dimensions.some((d) => personal.has(d)) && !plan.filters.some((f) => personal.has(f.dimension))
}

/** The principal a plan runs as, and what the rep is shown (undefined for everyone but reps). */
export function principalForPlan(principal: SqlPrincipal, plan: QueryPlan): { principal: SqlPrincipal; visibility?: Visibility } {
  if (principal.role !== 'rep') return { principal }
  if (!isCompanyLevel(plan)) return { principal, visibility: 'own' }
  // Same user (for the audit), read-everything role: the compiled plan returns aggregates only, never a row of anyone.
  return { principal: { userId: principal.userId, role: 'analyst' }, visibility: 'company' }
}

/** "my revenue", "minhas vendas": the rep means their own sales. */
export const ownSalesWords = /\b(my|mine|myself|minhas?|meus?|eu)\b/i
