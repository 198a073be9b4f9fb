/** Ordinary analytic questions in SQL: the guard must accept each and the runner must answer each. */
export const legitimateQueries: Record<string, string> = {
  'revenue by region with joins and GROUP BY': `select r.name as region, sum(i.line_total) as revenue
    from orders o join customers c on c.id = o.customer_id join regions r on r.id = c.region_id
    join order_items i on i.order_id = o.id where o.status = 'completed' group by r.name order by revenue desc`,
  'monthly average ticket with date_trunc, casts and nullif': `select date_trunc('month', o.order_date)::date as month,
    count(distinct o.id) as orders, round(sum(i.line_total) / nullif(count(distinct o.id), 0), 2) as avg_ticket
    from orders o join order_items i on i.order_id = o.id where o.status = 'completed' group by 1 order by 1`,
  'a CTE with window functions': `with monthly as (
      select s.name, date_trunc('month', o.order_date) as m, sum(i.line_total) as revenue
      from orders o join sales_reps s on s.id = o.rep_id join order_items i on i.order_id = o.id group by 1, 2)
    select name, m, revenue, rank() over (partition by m order by revenue desc) as position,
      revenue - lag(revenue) over (partition by name order by m) as change from monthly`,
  'CASE over aggregates': `select p.name, case when sum(i.quantity) > 10 then 'hot' when sum(i.quantity) > 3 then 'warm' else 'cold' end as heat
    from products p left join order_items i on i.product_id = p.id group by p.name`,
  'IN and EXISTS subqueries': `select c.name from customers c
    where c.id in (select o.customer_id from orders o where o.order_date >= date '2024-06-01')
      and exists (select 1 from orders o2 where o2.customer_id = c.id and o2.status = 'completed')`,
  'extract and FILTER': `select extract(quarter from o.order_date) as q, count(*) filter (where o.status = 'cancelled') as cancelled, count(*) as total from orders o group by 1`,
  'targets against actuals with left joins': `select t.month, t.amount, coalesce(sum(i.line_total), 0) as actual
    from sales_targets t left join orders o on o.rep_id = t.rep_id and date_trunc('month', o.order_date) = t.month
    left join order_items i on i.order_id = o.id where t.rep_id is not null group by t.month, t.amount`,
  'a month series with constant bounds': `select m::date as month from generate_series(date '2024-01-01', date '2024-12-01', interval '1 month') as m`,
  'an ordered-set aggregate': `select cat.name, percentile_cont(0.5) within group (order by i.line_total) as median_line
    from order_items i join products p on p.id = i.product_id join categories cat on cat.id = p.category_id group by cat.name`,
  'margin with HAVING': `select o.channel, round(100.0 * sum(i.line_total - i.quantity * i.unit_cost) / nullif(sum(i.line_total), 0), 1) as margin_pct
    from orders o join order_items i on i.order_id = o.id group by o.channel having sum(i.line_total) > 0`,
  'UNION with ORDER BY and LIMIT': `select name from regions union select name from categories order by 1 limit 10`,
  'FETCH FIRST': `select o.id, o.order_date from orders o order by o.order_date desc, o.id fetch first 5 rows only`,
  'a scalar subquery in the select list': `select o.id, (select count(*) from order_items i where i.order_id = o.id) as items from orders o`,
  'ROLLUP': `select c.city, count(*) from customers c group by rollup (c.city)`,
  'date arithmetic with intervals and CURRENT_DATE': `select o.id, o.order_date + interval '30 days' as due, current_date - o.order_date as age_days from orders o`,
  '= ANY (ARRAY[…])': `select count(*) from orders where status = any (array['completed', 'pending'])`,
  'SELECT * from a table without personal columns': `select * from orders`,
}
