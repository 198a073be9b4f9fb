/**
 * New and churned customers of the period, within the scope. New: the semantic layer's new_customers (first
 * completed order ever in the period; in a category digest, the first order with that category). Churned: see
 * build-churned-customers-sql.ts. The definition travels with the counts, in the digest's language.
 */
import type { DigestContent, DigestScope } from '../digest-contract.js'
import { toNumber } from '../../charts/result-shape.js'
import type { PlanFilter } from '../../semantic/query-plan.js'
import type { Language } from '../../semantic/semantic-model.js'
import { buildChurnedCustomersSql } from './build-churned-customers-sql.js'
import type { DigestPeriod } from './compute-digest-period.js'
import type { DigestQueries } from './digest-queries.js'

export type DigestCustomers = NonNullable<DigestContent['customers']>

export async function countCustomers(queries: DigestQueries, period: DigestPeriod, scope: DigestScope, filters: readonly PlanFilter[], language: Language): Promise<DigestCustomers> {
  const [fresh] = (await queries.runPlan({ metrics: ['new_customers'], dimensions: [], filters, timeRange: period.current })).rows
  const [lost] = await queries.runSql(
    buildChurnedCustomersSql(period.current, { ...(scope.region ? { regionId: scope.region.id } : {}), ...(scope.category ? { categoryId: scope.category.id } : {}) }),
  )
  return { new: toNumber(fresh?.new_customers) ?? 0, churned: toNumber(lost?.churned) ?? 0, definition: definition(language, scope.category !== undefined) }
}

function definition(language: Language, category: boolean): string {
  if (language === 'pt') {
    const orders = category ? ' com esta categoria' : ''
    return `Novos: clientes cujo primeiro pedido concluído${orders} foi no período. Perdidos: clientes com pedido concluído${orders} nos 90 dias antes do início do período e nenhum nos 90 dias até o fim dele — completaram 90 dias sem comprar durante o período.`
  }
  const orders = category ? ' with this category' : ''
  return `New: customers whose first completed order${category ? orders : ' ever'} falls in the period. Churned: customers with a completed order${orders} in the 90 days before the period started and none in the 90 days up to its end — their 90 days without buying ran out during the period.`
}
