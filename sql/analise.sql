-- SalesMatrix: the product's original business questions, answered with plain SQL (JOIN / GROUP BY).
-- Runs unchanged on a PostgreSQL server and on the embedded PGlite:  psql "<connection URL>" -f sql/analise.sql
--
-- Canonical meanings (see sql/migrations/001_sales_model.sql), used exactly:
--   revenue        = sum(order_items.line_total) over orders with status 'completed'
--   orders         = count of completed orders
--   average ticket = revenue / orders
--   gross profit   = sum(line_total - quantity * unit_cost);  margin % = gross profit / revenue
--   a sale's region is its customer's region (not the rep's).
--
-- Layout: each statement starts with a "-- name:" line (test/analise-sql.test.ts splits the file there),
-- then the question in English and in Portuguese, and ends with a semicolon. Plain SQL only, no psql meta-commands.

-- name: average_ticket_per_rep
-- Q1 (en): What is the average ticket of each sales rep (revenue / completed orders)?
-- Q1 (pt-BR): Qual é o ticket médio de cada vendedor (receita / pedidos concluídos)?
with completed_orders as (
  -- One row per completed order with its value (a left join, so an order without items still counts as an order).
  select o.id, o.rep_id, coalesce(sum(oi.line_total), 0) as order_revenue
  from orders o
  left join order_items oi on oi.order_id = o.id
  where o.status = 'completed'
  group by o.id, o.rep_id
)
select r.id as rep_id,
       r.name as rep,
       count(*) as orders,
       sum(c.order_revenue) as revenue,
       round(sum(c.order_revenue) / count(*), 2) as average_ticket
from completed_orders c
join sales_reps r on r.id = c.rep_id
group by r.id, r.name
order by average_ticket desc, r.id;

-- name: most_profitable_products
-- Q2 (en): Which products are the most profitable (gross profit and margin %)?
-- Q2 (pt-BR): Quais são os produtos mais lucrativos (lucro bruto e margem %)?
select p.id as product_id,
       p.sku,
       p.name as product,
       cat.name as category,
       sum(oi.quantity) as units,
       sum(oi.line_total) as revenue,
       sum(oi.line_total - oi.quantity * oi.unit_cost) as gross_profit,
       round(100 * sum(oi.line_total - oi.quantity * oi.unit_cost) / nullif(sum(oi.line_total), 0), 2) as margin_pct
from order_items oi
join orders o on o.id = oi.order_id
join products p on p.id = oi.product_id
join categories cat on cat.id = p.category_id
where o.status = 'completed'
group by p.id, p.sku, p.name, cat.name
order by gross_profit desc, p.id
limit 20;

-- name: month_over_month_revenue_growth
-- Q3 (en): How much did revenue grow (or shrink) from each month to the next?
-- Q3 (pt-BR): Quanto a receita cresceu (ou caiu) de um mês para o seguinte?
-- Every calendar month appears (a month without sales shows 0), so LAG always compares with the month just before.
-- The latest month is usually still in progress and its growth reads low until it closes.
with monthly as (
  select date_trunc('month', o.order_date)::date as month, sum(oi.line_total) as revenue
  from orders o
  join order_items oi on oi.order_id = o.id
  where o.status = 'completed'
  group by 1
),
months as (
  select generate_series(min(month), max(month), interval '1 month')::date as month
  from monthly
),
series as (
  select m.month, coalesce(r.revenue, 0) as revenue
  from months m
  left join monthly r on r.month = m.month
)
select month,
       revenue,
       lag(revenue) over (order by month) as previous_revenue,
       round(100 * (revenue - lag(revenue) over (order by month)) / nullif(lag(revenue) over (order by month), 0), 2) as growth_pct
from series
order by month;

-- name: revenue_by_region_and_month
-- Q4 (en): How much revenue did each region bring in each month (region = the customer's region)?
-- Q4 (pt-BR): Quanto cada região faturou em cada mês (região = a região do cliente)?
select rg.name as region,
       date_trunc('month', o.order_date)::date as month,
       count(distinct o.id) as orders,
       coalesce(sum(oi.line_total), 0) as revenue
from orders o
join customers c on c.id = o.customer_id
join regions rg on rg.id = c.region_id
left join order_items oi on oi.order_id = o.id
where o.status = 'completed'
group by rg.name, date_trunc('month', o.order_date)::date
order by month, region;
