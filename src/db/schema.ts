/** Kysely table types for the sales model; they mirror sql/migrations exactly. */
import type { ColumnType, Generated, GeneratedAlways, Insertable, Selectable, Updateable } from 'kysely'

type Timestamp = ColumnType<Date, Date | string | undefined, Date | string>
/** numeric columns arrive as JS numbers (see the pg type parsers in open-database.ts). */
type Money = ColumnType<number, number | string, number | string>
/** date columns stay 'YYYY-MM-DD' strings so no time zone ever shifts a sale to another day. */
type DateOnly = ColumnType<string, string, string>

export interface RegionsTable { id: Generated<number>; name: string }
export interface CategoriesTable { id: Generated<number>; name: string }

export interface SalesRepsTable {
  id: Generated<number>
  name: string
  email: string
  region_id: number
  slack_user_id: string | null
  teams_user_id: string | null
  hired_on: DateOnly
  active: Generated<boolean>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export interface CustomersTable {
  id: Generated<number>
  name: string
  email: string | null
  tax_id: string | null
  segment: Generated<string>
  city: string | null
  state: string | null
  country: Generated<string>
  region_id: number
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export interface ProductsTable {
  id: Generated<number>
  sku: string
  name: string
  category_id: number
  brand: string | null
  unit_price: Money
  unit_cost: Money
  active: Generated<boolean>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export type OrderStatus = 'completed' | 'pending' | 'cancelled' | 'returned'
export const orderStatuses: readonly OrderStatus[] = ['completed', 'pending', 'cancelled', 'returned']

export interface OrdersTable {
  id: Generated<number>
  external_ref: string | null
  customer_id: number
  rep_id: number
  order_date: DateOnly
  status: Generated<OrderStatus>
  channel: Generated<string>
  payment_method: Generated<string>
  source: Generated<string>
  created_at: Generated<Timestamp>
  updated_at: Generated<Timestamp>
}

export interface OrderItemsTable {
  id: Generated<number>
  order_id: number
  product_id: number
  quantity: number
  unit_price: Money
  unit_cost: Money
  discount: ColumnType<number, number | string | undefined, number | string>
  line_total: GeneratedAlways<number>
}

export interface SalesTargetsTable {
  id: Generated<number>
  month: DateOnly
  rep_id: number | null
  region_id: number | null
  amount: Money
}

export type Role = 'admin' | 'analyst' | 'rep'
export const roles: readonly Role[] = ['admin', 'analyst', 'rep']

export interface ApiKeysTable {
  id: Generated<number>
  name: string
  role: Role
  rep_id: number | null
  key_prefix: string
  key_hash: string
  created_at: Generated<Timestamp>
  last_used_at: Timestamp | null
  revoked_at: Timestamp | null
}

export interface AuditLogTable {
  id: Generated<number>
  at: Generated<Timestamp>
  actor_key_id: number | null
  actor: string
  action: 'create' | 'update' | 'delete' | 'import'
  entity: string
  entity_id: string | null
  before: unknown
  after: unknown
  request_id: string | null
}

export interface IdempotencyKeysTable {
  api_key_id: number
  key: string
  request_hash: string
  status_code: number
  response: unknown
  created_at: Generated<Timestamp>
}

export interface QuestionAuditTable {
  id: Generated<number>
  at: Generated<Timestamp>
  user_id: string
  principal_role: string
  rep_id: number | null
  surface: string
  question: string
  language: string | null
  outcome: 'answered' | 'not_understood' | 'refused' | 'failed'
  code: string | null
  reason: string | null
  plan: unknown
  sql: string | null
  row_count: number | null
  plan_ms: number | null
  execute_ms: number | null
  total_ms: number
}

export interface AgentTurnsTable {
  id: string
  at: Generated<Timestamp>
  thread_id: string
  user_id: string
  principal_role: string
  rep_id: number | null
  surface: string
  message: string
  intent: string
  ok: boolean
  code: string | null
  language: string
  answer: string
  plan: unknown
  sql: string | null
  row_count: number | null
  prompt_name: string | null
  prompt_version: number | null
  model: string
  input_tokens: Generated<number>
  output_tokens: Generated<number>
  cost_usd: number | null
  total_ms: number
}

/** A timestamp that may be null (Timestamp already allows omitting columns that have a default). */
type NullableTimestamp = ColumnType<Date | null, Date | string | null | undefined, Date | string | null>

export interface PromptVersionsTable {
  name: string
  version: number
  text: string
  note: string | null
  checksum: string
  source: 'file' | 'admin'
  active: Generated<boolean>
  created_by: string
  created_at: Timestamp
}

export interface PromptActivationsTable {
  id: Generated<number>
  name: string
  from_version: number | null
  to_version: number
  kind: 'initial' | 'activate' | 'rollback'
  reverts: number | null
  reverted_at: NullableTimestamp
  activated_by: string
  activated_at: Timestamp
}

export type EvalCaseStatus = 'active' | 'retired'
export type EvalCaseSource = 'file' | 'admin' | 'feedback'

export interface EvalCasesTable {
  id: string
  question: string
  lang: 'en' | 'pt'
  today: DateOnly
  expect: 'answer' | 'refuse'
  gold_sql: string | null
  ordered: Generated<boolean>
  tags: ColumnType<string[], string[] | undefined, string[]>
  note: string | null
  status: Generated<EvalCaseStatus>
  source: EvalCaseSource
  version: Generated<number>
  created_by: string
  created_at: Timestamp
  updated_by: string
  updated_at: Timestamp
}

export type FeedbackRating = 'up' | 'down'
export type FeedbackStatus = 'pending' | 'promoted' | 'dismissed'

export interface FeedbackTable {
  id: Generated<number>
  turn_id: string
  user_id: string
  rating: FeedbackRating
  comment: string | null
  status: Generated<FeedbackStatus>
  created_at: Timestamp
  updated_at: Timestamp
  reviewed_by: string | null
  reviewed_at: NullableTimestamp
  promoted_case_id: string | null
}

export interface Database {
  regions: RegionsTable
  categories: CategoriesTable
  sales_reps: SalesRepsTable
  customers: CustomersTable
  products: ProductsTable
  orders: OrdersTable
  order_items: OrderItemsTable
  sales_targets: SalesTargetsTable
  api_keys: ApiKeysTable
  audit_log: AuditLogTable
  idempotency_keys: IdempotencyKeysTable
  question_audit: QuestionAuditTable
  agent_turns: AgentTurnsTable
  prompt_versions: PromptVersionsTable
  prompt_activations: PromptActivationsTable
  eval_cases: EvalCasesTable
  feedback: FeedbackTable
}

export type Order = Selectable<OrdersTable>
export type NewOrder = Insertable<OrdersTable>
export type OrderItem = Selectable<OrderItemsTable>
export type ApiKeyRow = Selectable<ApiKeysTable>
export type OrderUpdate = Updateable<OrdersTable>

/** A forecast run in the registry (migration 009); jsonb columns are written as JSON text. */
export interface ForecastRunsTable {
  id: Generated<number>
  created_at: Generated<Timestamp>
  user_id: string
  principal_role: string
  rep_id: number | null
  metric: string
  filter: ColumnType<unknown, string | null, string | null>
  grain: string
  horizon: number
  today: DateOnly
  history_length: number
  history: ColumnType<unknown, string, string>
  model: string
  mase: number
  smape: number
  candidates: ColumnType<unknown, string, string>
  forecast: ColumnType<unknown, string, string>
  period_end: ColumnType<unknown, string | null, string | null>
  notes: ColumnType<unknown, string, string>
  sql: string
}

export interface Database {
  forecast_runs: ForecastRunsTable
}

/** Admin-mapped chat users who are not reps: directors, analysts, admins (migration 010). */
export interface ChatIdentitiesTable {
  id: Generated<number>
  platform: 'slack' | 'teams'
  platform_user_id: string
  role: 'admin' | 'director' | 'analyst'
  display_name: string
  created_by: string
  created_at: Timestamp
}

/** A channel that answers only about one region (migration 010). */
export interface ChatChannelScopesTable {
  platform: 'slack' | 'teams'
  channel_id: string
  region_id: number
  created_by: string
  created_at: Timestamp
}

/** Platform events already handled, so retries are answered once (migration 010). */
export interface ChatEventsTable {
  platform: 'slack' | 'teams'
  event_id: string
  received_at: Timestamp
}

export interface Database {
  chat_identities: ChatIdentitiesTable
  chat_channel_scopes: ChatChannelScopesTable
  chat_events: ChatEventsTable
}

/** A sale proposed by chat message, waiting for its rep's confirmation (migrations 011, 012); draft is a SaleDraft. */
export type PendingSaleStatus = 'pending' | 'acknowledged' | 'confirmed' | 'cancelled' | 'expired' | 'undone'
/** The chat surface a sale was logged from (orders.source); null is the generic 'chat'. */
export type PendingSaleSource = 'web' | 'slack' | 'teams' | 'cli'

export interface PendingSalesTable {
  id: string
  thread_id: string
  user_id: string
  rep_id: number
  draft: ColumnType<unknown, string, string>
  language: 'en' | 'pt'
  created_at: Timestamp
  expires_at: Timestamp
  status: Generated<PendingSaleStatus>
  order_id: ColumnType<number | null, number | null | undefined, number | null>
  decided_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  source: ColumnType<PendingSaleSource | null, PendingSaleSource | null | undefined, PendingSaleSource | null>
  /** Why a draft was cancelled without the rep cancelling it: 'replaced' or 'edited'. */
  reason: ColumnType<string | null, string | null | undefined, string | null>
  undone_order_id: ColumnType<number | null, number | null | undefined, number | null>
  undone_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
}

export interface Database {
  pending_sales: PendingSalesTable
}

/** A sales document for retrieval (migration 013); format is one of documentFormats (checked by the table). */
export interface DocumentsTable {
  id: Generated<number>
  source: string
  title: string
  file_name: string
  format: string
  uploaded_by: string
  visible_roles: ColumnType<string[], string[] | undefined, string[]>
  visible_region_ids: ColumnType<number[], number[] | undefined, number[]>
  content_hash: string
  page_count: number
  chunk_count: number
  version: Generated<number>
  /** Timestamp already lets an insert leave them to their default. */
  created_at: Timestamp
  updated_at: Timestamp
}

/** A retrievable passage (migration 013). embedding is pgvector's text form '[0.1,…]'; the tsvectors are generated. */
export interface DocumentChunksTable {
  id: Generated<number>
  document_id: number
  ordinal: number
  text: string
  section: string | null
  page: number | null
  embedding: ColumnType<string | null, string | null | undefined, string | null>
  search_en: GeneratedAlways<string>
  search_pt: GeneratedAlways<string>
}

/** The one row naming the model and dimension of the stored vectors (migration 013). */
export interface DocumentEmbeddingSpaceTable {
  singleton: Generated<boolean>
  model: string
  dimension: number
  ready: boolean
  updated_at: Timestamp
}

export interface Database {
  documents: DocumentsTable
  document_chunks: DocumentChunksTable
  document_embedding_space: DocumentEmbeddingSpaceTable
}

/** A digest schedule (migration 014): destination, five-field cron in an IANA zone, scope, sections, late policy. */
export interface DigestSchedulesTable {
  id: Generated<number>
  name: string
  destination_kind: 'slack' | 'teams' | 'web'
  destination_id: string
  teams_service_url: string | null
  teams_tenant_id: string | null
  cron: string
  time_zone: string
  language: 'en' | 'pt'
  region_id: number | null
  category_id: number | null
  sections: ColumnType<string[], string[], string[]>
  period: string
  late_policy: 'skip' | 'post_late'
  enabled: Generated<boolean>
  last_evaluated_at: ColumnType<Date, Date | string, Date | string>
  created_by: string
  created_at: Timestamp
  updated_at: Timestamp
}

export type DigestDeliveryStatus = 'pending' | 'sending' | 'sent' | 'failed' | 'skipped'

/** One fire time of one schedule (migration 014), unique per (schedule_id, fire_at); also the delivery log. */
export interface DigestDeliveriesTable {
  id: Generated<number>
  schedule_id: number
  fire_at: ColumnType<Date, Date | string, Date | string>
  trigger: Generated<'schedule' | 'manual'>
  status: DigestDeliveryStatus
  late: Generated<boolean>
  attempts: Generated<number>
  claimed_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  last_error: ColumnType<string | null, string | null | undefined, string | null>
  message_id: ColumnType<string | null, string | null | undefined, string | null>
  channel_id: ColumnType<string | null, string | null | undefined, string | null>
  context: ColumnType<unknown, string | null | undefined, string | null>
  posted_at: ColumnType<Date | null, Date | string | null | undefined, Date | string | null>
  created_at: Timestamp
  updated_at: Timestamp
}

/** A digest posted to a web-chat inbox (migration 014). */
export interface DigestInboxMessagesTable {
  id: Generated<number>
  inbox: string
  delivery_id: number
  title: string
  summary: string
  text: string
  chart_png_base64: string | null
  chart_alt: string | null
  created_at: Timestamp
}

export interface Database {
  digest_schedules: DigestSchedulesTable
  digest_deliveries: DigestDeliveriesTable
  digest_inbox_messages: DigestInboxMessagesTable
}
