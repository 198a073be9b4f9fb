-- 005: summary tables that answer most questions without joining 2.5M order lines, and stay exact as sales change.
--
--   summary_orders           one row per order that has at least one line: the order's attributes and its line totals.
--   summary_daily_reps       per order_date × rep_id × status: line totals and the number of orders (an order is in one row).
--   summary_daily_channels   per order_date × status × channel × payment_method: the same measures.
--   summary_daily_regions    per order_date × status × the customer's region_id, segment, state and city: the same.
--   summary_daily_products   per order_date × product_id × status: line totals only (an order spans products, so its
--                            count would not add up across products).
--   summary_customer_firsts  per customer × rep × status: the date of the customer's first order (with lines) with that
--                            rep and status; the first order over several reps or statuses is the smallest of these.
--
-- Every measure is a plain sum of the sales lines (orders ⋈ order_items), so any set of summary rows adds up to exactly
-- what the same filter over the base tables gives. Products and categories are not copied into summaries (queries
-- join them by id); the customer's region, segment, state and city are, in summary_daily_regions only, and follow
-- every change of a customer.
--
-- Staying exact: statement-level AFTER triggers with transition tables keep the summaries in step with the base
-- tables in the same transaction as the change, so the very next answer sees it:
--   order_items insert/update/delete -> each changed line is added (or subtracted) to its order's summary_orders row
--                                       and to its day × product × status row;
--   orders update                    -> an order whose day, status, rep, customer, channel or payment method changed
--                                       moves its lines to the new summary rows;
--   summary_orders insert/update/delete -> the daily rep, channel and region rows follow, and the customer's first
--                                       order (recomputed from summary_orders when the first one goes away);
--   customers update                 -> a customer whose region, segment, state or city changed moves its orders in
--                                       summary_daily_regions;
--   truncate orders or order_items   -> every summary is rebuilt from the base tables.
-- Deleting an order deletes its lines (on delete cascade), which the order_items trigger subtracts.
-- Sums are added as deltas with INSERT … ON CONFLICT DO UPDATE, so concurrent writers never lose each other's
-- updates; a row whose line count reaches zero is deleted. Within a statement every trigger takes row locks in the
-- same order (orders, summary_orders, the daily rep and channel rows, customers, region rows, first orders, product
-- rows; by key within each table), so writers filing overlapping rows queue instead of deadlocking. (A transaction
-- that writes several statements while another edits the same customer can still form a lock cycle; PostgreSQL then
-- aborts one of them, as with any such cycle, and it can be retried.) Where a trigger reads attributes of another row to file a
-- change (an order's day and status for its first lines, a customer's region), it first takes a FOR SHARE lock on that
-- row, so the attribute cannot change between reading it and filing the change: the update of that order or customer
-- waits, then moves what was filed. A first-order date is recomputed only under a row lock on it, so a concurrent
-- insert waits and then takes the smaller date.
-- The triggers are ENABLE ALWAYS: the embedded database's seed loads with session_replication_role = replica, which
-- would otherwise skip them.

create table summary_orders (
  order_id bigint primary key,
  order_date date not null,
  status text not null,
  rep_id integer not null,
  customer_id integer not null,
  channel text not null,
  payment_method text not null,
  revenue numeric not null,
  units bigint not null,
  gross_profit numeric not null,
  lines integer not null
);
create index summary_orders_date_idx on summary_orders (order_date);
-- "Did this customer buy before?" probes, and recomputing a customer's first order.
create index summary_orders_customer_date_idx on summary_orders (customer_id, order_date) include (status, rep_id, channel, payment_method);
-- A rep's own rows (the rep-scoped WITH items of the guarded runner).
create index summary_orders_rep_date_idx on summary_orders (rep_id, order_date);

create table summary_daily_reps (
  order_date date not null,
  rep_id integer not null,
  status text not null,
  revenue numeric not null,
  units bigint not null,
  gross_profit numeric not null,
  lines bigint not null,
  orders bigint not null,
  primary key (order_date, rep_id, status)
);
create index summary_daily_reps_rep_idx on summary_daily_reps (rep_id);

create table summary_daily_channels (
  order_date date not null,
  status text not null,
  channel text not null,
  payment_method text not null,
  revenue numeric not null,
  units bigint not null,
  gross_profit numeric not null,
  lines bigint not null,
  orders bigint not null,
  primary key (order_date, status, channel, payment_method)
);

create table summary_daily_regions (
  order_date date not null,
  status text not null,
  region_id integer not null,
  segment text not null,
  state text,
  city text,
  revenue numeric not null,
  units bigint not null,
  gross_profit numeric not null,
  lines bigint not null,
  orders bigint not null,
  constraint summary_daily_regions_key unique nulls not distinct (order_date, status, region_id, segment, state, city)
);

create table summary_daily_products (
  order_date date not null,
  product_id integer not null,
  status text not null,
  revenue numeric not null,
  units bigint not null,
  gross_profit numeric not null,
  lines bigint not null,
  primary key (order_date, product_id, status)
);

create table summary_customer_firsts (
  customer_id integer not null,
  rep_id integer not null,
  status text not null,
  first_date date not null,
  primary key (customer_id, rep_id, status)
);
create index summary_customer_firsts_rep_idx on summary_customer_firsts (rep_id);

-- One changed order line, signed: +1 line when it appeared, -1 when it went away (an update is both).
create type summary_line_delta as (order_id bigint, product_id integer, revenue numeric, units bigint, gross_profit numeric, lines integer);
-- One contribution to summary_daily_products.
create type summary_product_delta as (order_date date, product_id integer, status text, revenue numeric, units bigint, gross_profit numeric, lines bigint);
-- One summary_orders row that appeared (+) or went away (-): measures signed, orders = ±1 when it has lines.
create type summary_order_change as (
  order_id bigint, order_date date, status text, rep_id integer, customer_id integer, channel text, payment_method text,
  revenue numeric, units bigint, gross_profit numeric, lines bigint, orders integer
);

create function summary_add_product_days(deltas summary_product_delta[]) returns void
language plpgsql set search_path = pg_catalog, public as $$
begin
  if deltas is null or cardinality(deltas) = 0 then
    return;
  end if;
  insert into summary_daily_products as t (order_date, product_id, status, revenue, units, gross_profit, lines)
  select (d).order_date, (d).product_id, (d).status, sum((d).revenue), sum((d).units), sum((d).gross_profit), sum((d).lines)
    from unnest(deltas) d
   group by 1, 2, 3
   order by 1, 2, 3
  on conflict (order_date, product_id, status) do update
     set revenue = t.revenue + excluded.revenue, units = t.units + excluded.units,
         gross_profit = t.gross_profit + excluded.gross_profit, lines = t.lines + excluded.lines;
  -- Only a removal can bring a row to zero lines (a bulk load skips this).
  if not exists (select 1 from unnest(deltas) d where (d).lines < 0) then
    return;
  end if;
  delete from summary_daily_products t
   using (select distinct (d).order_date as order_date, (d).product_id as product_id, (d).status as status from unnest(deltas) d) k
   where t.order_date = k.order_date and t.product_id = k.product_id and t.status = k.status and t.lines = 0;
end
$$;

-- Files signed line changes: per order into summary_orders, per day × product × status into summary_daily_products.
create function summary_add_lines(deltas summary_line_delta[]) returns void
language plpgsql set search_path = pg_catalog, public as $$
declare
  order_ids bigint[];
begin
  select array_agg(distinct (d).order_id) into order_ids from unnest(deltas) d;
  if order_ids is null then
    return;
  end if;
  -- Serialises with a concurrent change of these orders' attributes (see the header). A deleted order is skipped.
  perform 1 from orders o where o.id = any (order_ids) order by o.id for share;

  -- A new order takes its attributes from orders; an existing row keeps its own (orders' trigger keeps them current),
  -- which also covers lines removed by the cascade of an order deleted in this statement.
  insert into summary_orders as f (order_id, order_date, status, rep_id, customer_id, channel, payment_method, revenue, units, gross_profit, lines)
  select d.order_id,
         coalesce(e.order_date, o.order_date), coalesce(e.status, o.status), coalesce(e.rep_id, o.rep_id), coalesce(e.customer_id, o.customer_id),
         coalesce(e.channel, o.channel), coalesce(e.payment_method, o.payment_method),
         d.revenue, d.units, d.gross_profit, d.lines
    from (select (x).order_id as order_id, sum((x).revenue) as revenue, sum((x).units) as units, sum((x).gross_profit) as gross_profit, sum((x).lines) as lines
            from unnest(deltas) x group by 1) d
    left join summary_orders e on e.order_id = d.order_id
    left join orders o on o.id = d.order_id
   where e.order_id is not null or o.id is not null
   order by d.order_id
  on conflict (order_id) do update
     set revenue = f.revenue + excluded.revenue, units = f.units + excluded.units,
         gross_profit = f.gross_profit + excluded.gross_profit, lines = f.lines + excluded.lines;

  perform summary_add_product_days(array(
    select row(f.order_date, (x).product_id, f.status, (x).revenue, (x).units, (x).gross_profit, (x).lines)::summary_product_delta
      from unnest(deltas) x join summary_orders f on f.order_id = (x).order_id
  ));

  if exists (select 1 from unnest(deltas) d where (d).lines < 0) then
    delete from summary_orders f where f.order_id = any (order_ids) and f.lines = 0;
  end if;
end
$$;

-- Files appeared (+) and vanished (-) summary_orders rows into the daily summaries and the customers' first orders.
create function summary_apply_order_changes(changes summary_order_change[]) returns void
language plpgsql set search_path = pg_catalog, public as $$
declare
  customer_ids integer[];
  gone summary_order_change[];
  -- Only removals can empty a row or take away a first order; a bulk load has none and skips that work.
  removals boolean := exists (select 1 from unnest(changes) c where (c).lines < 0 or (c).orders < 0);
begin
  if changes is null or cardinality(changes) = 0 then
    return;
  end if;
  insert into summary_daily_reps as t (order_date, rep_id, status, revenue, units, gross_profit, lines, orders)
  select (c).order_date, (c).rep_id, (c).status, sum((c).revenue), sum((c).units), sum((c).gross_profit), sum((c).lines), sum((c).orders)
    from unnest(changes) c group by 1, 2, 3 order by 1, 2, 3
  on conflict (order_date, rep_id, status) do update
     set revenue = t.revenue + excluded.revenue, units = t.units + excluded.units, gross_profit = t.gross_profit + excluded.gross_profit,
         lines = t.lines + excluded.lines, orders = t.orders + excluded.orders;
  if removals then
    delete from summary_daily_reps t
     using (select distinct (c).order_date as order_date, (c).rep_id as rep_id, (c).status as status from unnest(changes) c) k
     where t.order_date = k.order_date and t.rep_id = k.rep_id and t.status = k.status and t.orders = 0 and t.lines = 0;
  end if;

  insert into summary_daily_channels as t (order_date, status, channel, payment_method, revenue, units, gross_profit, lines, orders)
  select (c).order_date, (c).status, (c).channel, (c).payment_method, sum((c).revenue), sum((c).units), sum((c).gross_profit), sum((c).lines), sum((c).orders)
    from unnest(changes) c group by 1, 2, 3, 4 order by 1, 2, 3, 4
  on conflict (order_date, status, channel, payment_method) do update
     set revenue = t.revenue + excluded.revenue, units = t.units + excluded.units, gross_profit = t.gross_profit + excluded.gross_profit,
         lines = t.lines + excluded.lines, orders = t.orders + excluded.orders;
  if removals then
    delete from summary_daily_channels t
     using (select distinct (c).order_date as order_date, (c).status as status, (c).channel as channel, (c).payment_method as payment_method from unnest(changes) c) k
     where t.order_date = k.order_date and t.status = k.status and t.channel = k.channel and t.payment_method = k.payment_method
       and t.orders = 0 and t.lines = 0;
  end if;

  -- The customer's attributes must not change between reading and filing them (see the header).
  select array_agg(distinct (c).customer_id) into customer_ids from unnest(changes) c;
  perform 1 from customers u where u.id = any (customer_ids) order by u.id for share;
  insert into summary_daily_regions as t (order_date, status, region_id, segment, state, city, revenue, units, gross_profit, lines, orders)
  select (c).order_date, (c).status, u.region_id, u.segment, u.state, u.city,
         sum((c).revenue), sum((c).units), sum((c).gross_profit), sum((c).lines), sum((c).orders)
    from unnest(changes) c join customers u on u.id = (c).customer_id
   group by 1, 2, 3, 4, 5, 6
   order by 1, 2, 3, 4, 5, 6
  on conflict (order_date, status, region_id, segment, state, city) do update
     set revenue = t.revenue + excluded.revenue, units = t.units + excluded.units, gross_profit = t.gross_profit + excluded.gross_profit,
         lines = t.lines + excluded.lines, orders = t.orders + excluded.orders;
  if removals then
    delete from summary_daily_regions t
     using (select distinct (c).order_date as order_date, (c).status as status, u.region_id, u.segment, u.state, u.city
              from unnest(changes) c join customers u on u.id = (c).customer_id) k
     where t.order_date = k.order_date and t.status = k.status and t.region_id = k.region_id and t.segment = k.segment
       and t.state is not distinct from k.state and t.city is not distinct from k.city and t.orders = 0 and t.lines = 0;
  end if;

  -- First orders. An order that appeared (with lines) can only make a first order earlier; one that went away may
  -- have been the first, so that first is recomputed. An update that changed nothing that matters nets to zero.
  insert into summary_customer_firsts as f (customer_id, rep_id, status, first_date)
  select n.customer_id, n.rep_id, n.status, min(n.order_date)
    from (select (c).order_id, (c).customer_id, (c).rep_id, (c).status, (c).order_date from unnest(changes) c
           group by 1, 2, 3, 4, 5 having sum((c).orders) > 0) n
   group by 1, 2, 3
   order by 1, 2, 3
  on conflict (customer_id, rep_id, status) do update set first_date = least(f.first_date, excluded.first_date);

  if not removals then
    return;
  end if;
  select array_agg(row(null, null, g.status, g.rep_id, g.customer_id, null, null, null, null, null, null, null)::summary_order_change)
    into gone
    from (select distinct (c).customer_id, (c).rep_id, (c).status from unnest(changes) c
           group by (c).order_id, (c).customer_id, (c).rep_id, (c).status, (c).order_date having sum((c).orders) < 0) g;
  if gone is not null then
    perform 1 from summary_customer_firsts f join unnest(gone) g on f.customer_id = (g).customer_id and f.rep_id = (g).rep_id and f.status = (g).status
     order by f.customer_id, f.rep_id, f.status for update of f;
    update summary_customer_firsts f
       set first_date = m.first_date
      from (select (g).customer_id, (g).rep_id, (g).status,
                   (select min(s.order_date) from summary_orders s
                     where s.customer_id = (g).customer_id and s.rep_id = (g).rep_id and s.status = (g).status and s.lines > 0) as first_date
              from unnest(gone) g) m
     where f.customer_id = m.customer_id and f.rep_id = m.rep_id and f.status = m.status
       and m.first_date is not null and f.first_date <> m.first_date;
    delete from summary_customer_firsts f
     using unnest(gone) g
     where f.customer_id = (g).customer_id and f.rep_id = (g).rep_id and f.status = (g).status
       and not exists (select 1 from summary_orders s
                        where s.customer_id = (g).customer_id and s.rep_id = (g).rep_id and s.status = (g).status and s.lines > 0);
  end if;
end
$$;

create function summary_order_items_changed() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
begin
  if tg_op = 'INSERT' then
    perform summary_add_lines(array(
      select row(n.order_id, n.product_id, n.line_total, n.quantity, n.line_total - n.quantity * n.unit_cost, 1)::summary_line_delta from new_lines n));
  elsif tg_op = 'DELETE' then
    perform summary_add_lines(array(
      select row(o.order_id, o.product_id, -o.line_total, -o.quantity, -(o.line_total - o.quantity * o.unit_cost), -1)::summary_line_delta from old_lines o));
  else
    perform summary_add_lines(array(
      select row(n.order_id, n.product_id, n.line_total, n.quantity, n.line_total - n.quantity * n.unit_cost, 1)::summary_line_delta from new_lines n
      union all
      select row(o.order_id, o.product_id, -o.line_total, -o.quantity, -(o.line_total - o.quantity * o.unit_cost), -1)::summary_line_delta from old_lines o));
  end if;
  return null;
end
$$;

create function summary_orders_row_changed() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
begin
  -- A row without lines (an order whose last line just went, about to be deleted) counts for nothing.
  if tg_op = 'INSERT' then
    perform summary_apply_order_changes(array(
      select row(n.order_id, n.order_date, n.status, n.rep_id, n.customer_id, n.channel, n.payment_method,
                 n.revenue, n.units, n.gross_profit, n.lines, (n.lines > 0)::int)::summary_order_change from new_rows n where n.lines <> 0));
  elsif tg_op = 'DELETE' then
    perform summary_apply_order_changes(array(
      select row(o.order_id, o.order_date, o.status, o.rep_id, o.customer_id, o.channel, o.payment_method,
                 -o.revenue, -o.units, -o.gross_profit, -o.lines, -((o.lines > 0)::int))::summary_order_change from old_rows o where o.lines <> 0));
  else
    perform summary_apply_order_changes(array(
      select row(n.order_id, n.order_date, n.status, n.rep_id, n.customer_id, n.channel, n.payment_method,
                 n.revenue, n.units, n.gross_profit, n.lines, (n.lines > 0)::int)::summary_order_change from new_rows n where n.lines <> 0
      union all
      select row(o.order_id, o.order_date, o.status, o.rep_id, o.customer_id, o.channel, o.payment_method,
                 -o.revenue, -o.units, -o.gross_profit, -o.lines, -((o.lines > 0)::int))::summary_order_change from old_rows o where o.lines <> 0));
  end if;
  return null;
end
$$;

create function summary_order_updated() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
declare
  moved bigint[];
  moved_days bigint[];
  product_moves summary_product_delta[];
begin
  -- Compared with the summary row, not the old order: the summary row says where the order's lines are filed now.
  select array_agg(n.id), array_agg(n.id) filter (where (n.order_date, n.status) is distinct from (f.order_date, f.status))
    into moved, moved_days
    from new_orders n join summary_orders f on f.order_id = n.id
   where (n.order_date, n.status, n.rep_id, n.customer_id, n.channel, n.payment_method)
         is distinct from (f.order_date, f.status, f.rep_id, f.customer_id, f.channel, f.payment_method);
  if moved is null then
    return null;
  end if;

  -- The lines of an order that changed day or status leave their old day × product × status rows for new ones.
  -- Worked out before summary_orders changes (it says where they are now), filed after it (the lock order).
  if moved_days is not null then
    product_moves := array(
      select row(k.order_date, i.product_id, k.status, k.sign * i.line_total, k.sign * i.quantity,
                 k.sign * (i.line_total - i.quantity * i.unit_cost), k.sign)::summary_product_delta
        from (select f.order_id, f.order_date, f.status, -1 as sign from summary_orders f where f.order_id = any (moved_days)
              union all
              select n.id, n.order_date, n.status, 1 from new_orders n where n.id = any (moved_days)) k
        join order_items i on i.order_id = k.order_id);
  end if;

  -- The trigger on summary_orders moves the daily totals and first orders.
  update summary_orders f
     set order_date = n.order_date, status = n.status, rep_id = n.rep_id, customer_id = n.customer_id,
         channel = n.channel, payment_method = n.payment_method
    from new_orders n
   where f.order_id = n.id and n.id = any (moved);

  perform summary_add_product_days(product_moves);
  return null;
end
$$;

create function summary_customer_updated() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
declare
  moved integer[];
begin
  select array_agg(n.id) into moved
    from new_customers n join old_customers o on o.id = n.id
   where (n.region_id, n.segment, n.state, n.city) is distinct from (o.region_id, o.segment, o.state, o.city);
  if moved is null then
    return null;
  end if;
  -- Every order of a moved customer leaves its old region/segment/state/city row for the new one.
  insert into summary_daily_regions as t (order_date, status, region_id, segment, state, city, revenue, units, gross_profit, lines, orders)
  select s.order_date, s.status, k.region_id, k.segment, k.state, k.city,
         sum(k.sign * s.revenue), sum(k.sign * s.units), sum(k.sign * s.gross_profit), sum(k.sign * s.lines), sum(k.sign * (s.lines > 0)::int)
    from (select o.id, o.region_id, o.segment, o.state, o.city, -1 as sign from old_customers o where o.id = any (moved)
          union all
          select n.id, n.region_id, n.segment, n.state, n.city, 1 from new_customers n where n.id = any (moved)) k
    join summary_orders s on s.customer_id = k.id
   group by 1, 2, 3, 4, 5, 6
   order by 1, 2, 3, 4, 5, 6
  on conflict (order_date, status, region_id, segment, state, city) do update
     set revenue = t.revenue + excluded.revenue, units = t.units + excluded.units, gross_profit = t.gross_profit + excluded.gross_profit,
         lines = t.lines + excluded.lines, orders = t.orders + excluded.orders;
  delete from summary_daily_regions t
   using (select distinct s.order_date, s.status, o.region_id, o.segment, o.state, o.city
            from old_customers o join summary_orders s on s.customer_id = o.id where o.id = any (moved)) k
   where t.order_date = k.order_date and t.status = k.status and t.region_id = k.region_id and t.segment = k.segment
     and t.state is not distinct from k.state and t.city is not distinct from k.city and t.orders = 0 and t.lines = 0;
  return null;
end
$$;

-- Rebuilds every summary from the base tables: used once below, and after a TRUNCATE (which row triggers never see).
create function summary_rebuild() returns void
language plpgsql set search_path = pg_catalog, public as $$
begin
  truncate summary_orders, summary_daily_reps, summary_daily_channels, summary_daily_regions, summary_daily_products, summary_customer_firsts;
  -- The insert trigger of summary_orders fills the daily rep, channel and region summaries and the first orders.
  insert into summary_orders (order_id, order_date, status, rep_id, customer_id, channel, payment_method, revenue, units, gross_profit, lines)
  select o.id, o.order_date, o.status, o.rep_id, o.customer_id, o.channel, o.payment_method,
         sum(i.line_total), sum(i.quantity), sum(i.line_total - i.quantity * i.unit_cost), count(*)
    from orders o join order_items i on i.order_id = o.id
   group by o.id;
  insert into summary_daily_products (order_date, product_id, status, revenue, units, gross_profit, lines)
  select o.order_date, i.product_id, o.status, sum(i.line_total), sum(i.quantity), sum(i.line_total - i.quantity * i.unit_cost), count(*)
    from orders o join order_items i on i.order_id = o.id
   group by o.order_date, i.product_id, o.status;
end
$$;

create function summary_sales_truncated() returns trigger
language plpgsql set search_path = pg_catalog, public as $$
begin
  perform summary_rebuild();
  return null;
end
$$;

create trigger order_items_summary_insert after insert on order_items
  referencing new table as new_lines for each statement execute function summary_order_items_changed();
create trigger order_items_summary_update after update on order_items
  referencing old table as old_lines new table as new_lines for each statement execute function summary_order_items_changed();
create trigger order_items_summary_delete after delete on order_items
  referencing old table as old_lines for each statement execute function summary_order_items_changed();
create trigger order_items_summary_truncate after truncate on order_items for each statement execute function summary_sales_truncated();
create trigger orders_summary_update after update on orders
  referencing new table as new_orders for each statement execute function summary_order_updated();
create trigger orders_summary_truncate after truncate on orders for each statement execute function summary_sales_truncated();
create trigger customers_summary_update after update on customers
  referencing old table as old_customers new table as new_customers for each statement execute function summary_customer_updated();
create trigger summary_orders_insert after insert on summary_orders
  referencing new table as new_rows for each statement execute function summary_orders_row_changed();
create trigger summary_orders_update after update on summary_orders
  referencing old table as old_rows new table as new_rows for each statement execute function summary_orders_row_changed();
create trigger summary_orders_delete after delete on summary_orders
  referencing old table as old_rows for each statement execute function summary_orders_row_changed();

alter table order_items enable always trigger order_items_summary_insert;
alter table order_items enable always trigger order_items_summary_update;
alter table order_items enable always trigger order_items_summary_delete;
alter table order_items enable always trigger order_items_summary_truncate;
alter table orders enable always trigger orders_summary_update;
alter table orders enable always trigger orders_summary_truncate;
alter table customers enable always trigger customers_summary_update;
alter table summary_orders enable always trigger summary_orders_insert;
alter table summary_orders enable always trigger summary_orders_update;
alter table summary_orders enable always trigger summary_orders_delete;

select summary_rebuild();
analyze summary_orders, summary_daily_reps, summary_daily_channels, summary_daily_regions, summary_daily_products, summary_customer_firsts;

-- Maintenance is the triggers' business; nobody calls these directly.
revoke all on function summary_add_product_days(summary_product_delta[]), summary_add_lines(summary_line_delta[]),
  summary_apply_order_changes(summary_order_change[]), summary_order_items_changed(), summary_orders_row_changed(),
  summary_order_updated(), summary_customer_updated(), summary_rebuild(), summary_sales_truncated() from public;

-- Both readers read the summaries; granted column by column, as customers are in 003, so a column added later stays
-- unreadable until someone decides it may be read. Reps never see other reps' rows: the guarded runner replaces these
-- names with rep-scoped WITH items (src/sql-guard/build-guarded-query.ts).
grant select (order_id, order_date, status, rep_id, customer_id, channel, payment_method, revenue, units, gross_profit, lines)
  on summary_orders to salesmatrix_reader, salesmatrix_reader_pii;
grant select (order_date, rep_id, status, revenue, units, gross_profit, lines, orders)
  on summary_daily_reps to salesmatrix_reader, salesmatrix_reader_pii;
grant select (order_date, status, channel, payment_method, revenue, units, gross_profit, lines, orders)
  on summary_daily_channels to salesmatrix_reader, salesmatrix_reader_pii;
grant select (order_date, status, region_id, segment, state, city, revenue, units, gross_profit, lines, orders)
  on summary_daily_regions to salesmatrix_reader, salesmatrix_reader_pii;
grant select (order_date, product_id, status, revenue, units, gross_profit, lines)
  on summary_daily_products to salesmatrix_reader, salesmatrix_reader_pii;
grant select (customer_id, rep_id, status, first_date)
  on summary_customer_firsts to salesmatrix_reader, salesmatrix_reader_pii;
