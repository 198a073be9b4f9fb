/**
 * Turns an accepted statement into the text actually sent: the row-scoping WITH items for a rep, then the statement
 * as a subquery capped at maxRows + 1 rows (one more than shown, to tell that the result was cut).
 *
 * Rep scoping does not depend on any setting the SQL could change: every bare `orders`, `order_items` and
 * `sales_targets` in the statement resolves to a WITH item below that filters by the rep id passed as $1. The guard
 * has rewritten schema-qualified names to bare ones and refused WITH items named like a table, so no reference
 * can reach the real tables around these.
 *
 * The summaries of migration 005 are scoped the same way: those with a rep column by it; the daily channel, region and
 * product summaries have none (with one they would be several times larger), so a rep's version is recomputed from the
 * rep's own rows with exactly the definition the migration's triggers maintain. Only statements that read an item pay
 * for it: PostgreSQL does not evaluate WITH items nobody references.
 *
 * The WITH items are MATERIALIZED: otherwise the planner inlines them and may evaluate the statement's own
 * conditions on other reps' rows before the rep filter (the "leaky view" problem), so an error such as a division
 * by zero would tell a rep that some other rep's row exists.
 */
import type { RowScope } from './sql-principal.js'

export interface GuardedQuery {
  readonly text: string
  readonly values: unknown[]
}

const repScopedRelations = `WITH "orders" AS MATERIALIZED (
  SELECT * FROM public.orders WHERE rep_id = $1::integer
), "order_items" AS MATERIALIZED (
  SELECT i.* FROM public.order_items i WHERE i.order_id IN (SELECT o.id FROM public.orders o WHERE o.rep_id = $1::integer)
), "sales_targets" AS MATERIALIZED (
  SELECT * FROM public.sales_targets WHERE rep_id = $1::integer OR rep_id IS NULL
), "summary_orders" AS MATERIALIZED (
  SELECT * FROM public.summary_orders WHERE rep_id = $1::integer
), "summary_daily_reps" AS MATERIALIZED (
  SELECT * FROM public.summary_daily_reps WHERE rep_id = $1::integer
), "summary_daily_channels" AS MATERIALIZED (
  SELECT order_date, status, channel, payment_method, sum(revenue) AS revenue, sum(units)::bigint AS units,
    sum(gross_profit) AS gross_profit, sum(lines)::bigint AS lines, count(*) AS orders
  FROM public.summary_orders WHERE rep_id = $1::integer
  GROUP BY order_date, status, channel, payment_method
), "summary_daily_regions" AS MATERIALIZED (
  SELECT s.order_date, s.status, c.region_id, c.segment, c.state, c.city, sum(s.revenue) AS revenue, sum(s.units)::bigint AS units,
    sum(s.gross_profit) AS gross_profit, sum(s.lines)::bigint AS lines, count(*) AS orders
  FROM public.summary_orders s JOIN public.customers c ON c.id = s.customer_id WHERE s.rep_id = $1::integer
  GROUP BY s.order_date, s.status, c.region_id, c.segment, c.state, c.city
), "summary_daily_products" AS MATERIALIZED (
  SELECT o.order_date, i.product_id, o.status, sum(i.line_total) AS revenue, sum(i.quantity)::bigint AS units,
    sum(i.line_total - i.quantity * i.unit_cost) AS gross_profit, count(*) AS lines
  FROM public.orders o JOIN public.order_items i ON i.order_id = o.id WHERE o.rep_id = $1::integer
  GROUP BY o.order_date, i.product_id, o.status
), "summary_customer_firsts" AS MATERIALIZED (
  SELECT * FROM public.summary_customer_firsts WHERE rep_id = $1::integer
)
`

/** Relations a rep sees only in part, each replaced by a WITH item of the same name. */
export const repScopedRelationNames: readonly string[] = [
  'orders',
  'order_items',
  'sales_targets',
  'summary_orders',
  'summary_daily_reps',
  'summary_daily_channels',
  'summary_daily_regions',
  'summary_daily_products',
  'summary_customer_firsts',
]

export function buildGuardedQuery(statement: string, scope: RowScope, maxRows: number): GuardedQuery {
  if (!Number.isSafeInteger(maxRows) || maxRows < 1) throw new RangeError(`maxRows must be a positive integer, got ${maxRows}`)
  // The newline before ")" ends a trailing -- comment of the statement.
  const capped = `SELECT * FROM (\n${statement}\n) AS guarded_result LIMIT ${maxRows + 1}`
  if (scope.kind === 'rep') return { text: repScopedRelations + capped, values: [scope.repId] }
  return { text: capped, values: [] }
}
