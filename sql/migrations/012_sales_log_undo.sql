-- Sales logging by message, part two: the surface a sale came from, edits that replace a draft, a second
-- confirmation for unusual sales, and undo by the rep within a window.
alter table pending_sales drop constraint pending_sales_status_check;
-- acknowledged: an unusual sale was shown its warning once and waits for the second Confirm.
-- undone: recorded, then undone by its rep (the order is deleted through the order service, audited).
alter table pending_sales add constraint pending_sales_status_check
  check (status in ('pending', 'acknowledged', 'confirmed', 'cancelled', 'expired', 'undone'));
-- The chat surface (web, slack, teams, cli) written to orders.source; null records 'chat' as before.
alter table pending_sales add column source text check (source in ('web', 'slack', 'teams', 'cli'));
-- Why a draft was cancelled when the rep did not cancel it: 'replaced' by a newer message, 'edited'.
alter table pending_sales add column reason text;
-- The order an undo deleted (order_id is set null by the delete) and when.
alter table pending_sales add column undone_order_id bigint;
alter table pending_sales add column undone_at timestamptz;
alter table pending_sales add constraint pending_sales_undone_has_time check (status <> 'undone' or undone_at is not null);
-- A new message in a thread replaces that user's open draft there; "undo" finds the thread's last recorded sale.
create index pending_sales_thread_user_idx on pending_sales (thread_id, user_id, created_at desc);
