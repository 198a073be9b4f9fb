-- Sales logged by chat message: a parsed draft waits here for its rep's Confirm, so a restart or another replica
-- can still confirm it. orders.source is free text ('api', 'import', … and now 'chat'), so it needs no change.
create table pending_sales (
  id uuid primary key,
  thread_id text not null,
  -- The principal who proposed the sale (only they may confirm or cancel it) and the rep it is recorded for.
  user_id text not null,
  rep_id integer not null references sales_reps (id),
  draft jsonb not null,
  language text not null check (language in ('en', 'pt')),
  created_at timestamptz not null,
  expires_at timestamptz not null check (expires_at > created_at),
  status text not null default 'pending' check (status in ('pending', 'confirmed', 'cancelled', 'expired')),
  order_id bigint references orders (id) on delete set null,
  decided_at timestamptz,
  constraint pending_sales_confirmed_has_order check (status <> 'confirmed' or decided_at is not null)
);
create index pending_sales_user_idx on pending_sales (user_id, created_at desc);
-- Not granted to the analytics readers: drafts are not sales, and guarded queries never see them.
