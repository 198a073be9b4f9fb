/**
 * The SQL of an RFM segmentation, as text for the SQL guard: pure, no I/O. Two statements share one chain of
 * WITH items (the per-customer figures, their scores and their segment) and differ only in the final SELECT: the
 * segment totals, and the at-risk customers by value.
 *
 * Revenue and orders follow the semantic layer (src/semantic/semantic-model.ts): Σ order_items.line_total (after
 * discount) and the count of orders, over completed orders only. The bare table names let the guard scope them to a
 * rep's own orders. Only customers.id and customers.name are read: never a personal column.
 *
 * Scores are quintiles by rank, 1 + ⌊5 × percent_rank⌋ capped at 5, rather than ntile(5): ntile splits customers with
 * the very same figures across two scores (half the one-order customers F 1, half F 2), percent_rank gives equal
 * figures equal scores.
 */
import { atRiskSegmentIds, rfmSegmentIds, rfmSegments } from './rfm-segment-map.js'

export interface RfmSqlWindow {
  /** First and last day of the orders read, 'YYYY-MM-DD' (both included); `end` is also "today" for recency. */
  readonly start: string
  readonly end: string
}

const isoDate = /^\d{4}-\d{2}-\d{2}$/

/** The score of one column: 1 for the lowest value (ties share the lowest rank), 5 for the top fifth. */
const quintile = (orderBy: string) => `least(5, 1 + floor(5 * percent_rank() over (order by ${orderBy})))::int`

function segmentCase(): string {
  const branches = rfmSegmentIds.map((id) => {
    const s = rfmSegments[id]
    return `      when r in (${s.recency.join(', ')}) and fm in (${s.value.join(', ')}) then '${id}'`
  })
  return `case\n${branches.join('\n')}\n    end`
}

function scoredCustomers(window: RfmSqlWindow): string {
  if (!isoDate.test(window.start) || !isoDate.test(window.end)) throw new RangeError(`RFM window dates must be YYYY-MM-DD, got ${window.start}..${window.end}`)
  return `with completed_orders as (
  select o.id as order_id, o.customer_id, o.order_date, sum(i.line_total) as revenue
    from orders o
    join order_items i on i.order_id = o.id
   where o.status = 'completed'
     and o.order_date between date '${window.start}' and date '${window.end}'
   group by o.id, o.customer_id, o.order_date
), customer_figures as (
  select customer_id, count(*) as orders, sum(revenue) as revenue, max(order_date) as last_order
    from completed_orders
   group by customer_id
), customer_scores as (
  select customer_id, orders, revenue, last_order,
         ${quintile('last_order')} as r,
         ${quintile('orders')} as f,
         ${quintile('revenue')} as m
    from customer_figures
), customer_segments as (
  select customer_id, orders, revenue, last_order, r, f, m, fm,
    ${segmentCase()} as segment
    from (select s.*, (f + m + 1) / 2 as fm from customer_scores s) scored
)`
}

/** One row per segment that has customers: segment, customers, revenue. */
export function buildRfmSegmentsSql(window: RfmSqlWindow): string {
  return `${scoredCustomers(window)}
select segment, count(*) as customers, sum(revenue) as revenue
  from customer_segments
 group by segment
 order by segment`
}

/** The customers of the at-risk segments, most revenue first (ties by id), at most `limit`. */
export function buildRfmAtRiskSql(window: RfmSqlWindow, limit: number): string {
  if (!Number.isSafeInteger(limit) || limit < 1) throw new RangeError(`limit must be a positive integer, got ${limit}`)
  return `${scoredCustomers(window)}
select s.customer_id, c.name, s.segment, s.revenue, s.orders, s.last_order::text as last_order,
       date '${window.end}' - s.last_order as days_since_last_order
  from customer_segments s
  join customers c on c.id = s.customer_id
 where s.segment in (${atRiskSegmentIds.map((id) => `'${id}'`).join(', ')})
 order by s.revenue desc, s.customer_id
 limit ${limit}`
}
