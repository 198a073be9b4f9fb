-- 007: every turn of every conversation with the analyst agent (web chat, terminal, Slack, Teams): what was asked,
-- what the agent understood and ran, its reply, the prompt version and model that produced it, tokens and time.
-- The turn id is the reference id users see next to errors and the key feedback (👍/👎) points at.
-- The conversation state itself lives in the LangGraph checkpointer's tables (schema langgraph).

create table agent_turns (
  id uuid primary key,
  at timestamptz not null default now(),
  thread_id text not null check (length(thread_id) between 1 and 300),
  user_id text not null,
  principal_role text not null,
  rep_id integer,
  surface text not null,
  message text not null,
  intent text not null,
  ok boolean not null,
  code text,
  language text not null,
  answer text not null,
  plan jsonb,
  sql text,
  row_count integer,
  prompt_name text,
  prompt_version integer,
  model text not null,
  input_tokens integer not null default 0 check (input_tokens >= 0),
  output_tokens integer not null default 0 check (output_tokens >= 0),
  cost_usd double precision,
  total_ms integer not null check (total_ms >= 0)
);
create index agent_turns_thread_at_idx on agent_turns (thread_id, at);
create index agent_turns_user_at_idx on agent_turns (user_id, at);

revoke all on agent_turns from public, salesmatrix_reader, salesmatrix_reader_pii;
