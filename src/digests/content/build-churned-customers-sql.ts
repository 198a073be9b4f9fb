/**
 * The SQL counting the customers who churned during a period, as text for the SQL guard: pure, no I/O.
 *
 * Churned during the period: a completed order in the 90 days before the period starts, and none in the 90 days up
 * to its end — the customers whose 90 days without buying (the semantic layer's churn window, churn-window.ts) ran
 * out during the period. For a single day that is the customers whose last order was exactly 90 days earlier; the
 * semantic layer's churned_customers, a stock as of a date, would count everyone ever lost instead.
 * Scope as the semantic layer has it: a region is the customer's region; a category keeps the orders with a line in
 * it. Only completed orders count. Bare table names, so the guard can scope them for a rep.
 */
import { churnWindowDays } from '../../semantic/compile/churn-window.js'
import type { DateRange } from '../../semantic/query-plan.js'

export interface ChurnScope {
  readonly regionId?: number
  readonly categoryId?: number
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/

export function buildChurnedCustomersSql(period: DateRange, scope: ChurnScope): string {
  if (!isoDate.test(period.start) || !isoDate.test(period.end)) throw new RangeError(`Churn period dates must be YYYY-MM-DD, got ${period.start}..${period.end}`)
  for (const id of [scope.regionId, scope.categoryId]) {
    if (id !== undefined && !(Number.isSafeInteger(id) && id > 0)) throw new RangeError(`Scope ids must be positive integers, got ${id}`)
  }
  const window = churnWindowDays
  const conditions = [
    `o.status = 'completed'`,
    `o.order_date between date '${period.start}' - ${window} and date '${period.end}'`,
    ...(scope.regionId !== undefined ? [`c.region_id = ${scope.regionId}`] : []),
    ...(scope.categoryId !== undefined
      ? [`exists (select 1 from order_items i join products p on p.id = i.product_id where i.order_id = o.id and p.category_id = ${scope.categoryId})`]
      : []),
  ]
  return `select count(*) as churned
  from (
    select o.customer_id
      from orders o${scope.regionId !== undefined ? '\n      join customers c on c.id = o.customer_id' : ''}
     where ${conditions.join('\n       and ')}
     group by o.customer_id
    having count(*) filter (where o.order_date < date '${period.start}') > 0
       and count(*) filter (where o.order_date > date '${period.end}' - ${window}) = 0
  ) as churned_customers`
}
