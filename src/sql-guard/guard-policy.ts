/**
 * What guarded SQL may touch: the analytic relations with every column (sensitive ones flagged), the functions
 * and the cast types. Everything not listed is refused; an empty relation list refuses every query.
 */
import type { SqlPrincipal } from './sql-principal.js'

export interface ColumnPolicy {
  /** Personal or contact data: readable only when the policy allows sensitive columns. */
  readonly sensitive?: boolean
}

export interface RelationPolicy {
  /** Every column the relation has, so an unknown or hidden one can be told apart from a typo. */
  readonly columns: Readonly<Record<string, ColumnPolicy>>
}

export interface GuardPolicy {
  /** Relations in schema public that may be read, by name. Empty: nothing may be read. */
  readonly relations: Readonly<Record<string, RelationPolicy>>
  /** Function names (lower case, without schema) that may be called. */
  readonly functions: ReadonlySet<string>
  /** Type names (lower case, without schema) that values may be cast to. */
  readonly castTypes: ReadonlySet<string>
  /** Whether sensitive columns (emails, tax ids, chat ids) may be read at all. */
  readonly allowSensitiveColumns: boolean
  /** Longest SQL text accepted, in characters. */
  readonly maxSqlLength: number
  /**
   * node-sql-parser as a second, independent parser. 'cross-check': when it can parse the statement it must agree
   * (one SELECT, no INTO, only allowed tables); 'require': it must also be able to parse it.
   */
  readonly secondaryParser: 'cross-check' | 'require'
}

const col = (sensitive = false): ColumnPolicy => (sensitive ? { sensitive: true } : {})
const columns = (names: string[], sensitive: string[] = []): Record<string, ColumnPolicy> =>
  Object.fromEntries([...names.map((n) => [n, col()] as const), ...sensitive.map((n) => [n, col(true)] as const)])

/** The sales model of migration 001 (mirrors src/db/schema.ts) and the summaries of migration 005. */
export const analyticRelations: Readonly<Record<string, RelationPolicy>> = Object.freeze({
  regions: { columns: columns(['id', 'name']) },
  categories: { columns: columns(['id', 'name']) },
  sales_reps: {
    columns: columns(['id', 'name', 'region_id', 'hired_on', 'active', 'created_at', 'updated_at'], ['email', 'slack_user_id', 'teams_user_id']),
  },
  customers: {
    columns: columns(['id', 'name', 'segment', 'city', 'state', 'country', 'region_id', 'created_at', 'updated_at'], ['email', 'tax_id']),
  },
  products: {
    columns: columns(['id', 'sku', 'name', 'category_id', 'brand', 'unit_price', 'unit_cost', 'active', 'created_at', 'updated_at']),
  },
  orders: {
    columns: columns(['id', 'external_ref', 'customer_id', 'rep_id', 'order_date', 'status', 'channel', 'payment_method', 'source', 'created_at', 'updated_at']),
  },
  order_items: {
    columns: columns(['id', 'order_id', 'product_id', 'quantity', 'unit_price', 'unit_cost', 'discount', 'line_total']),
  },
  sales_targets: { columns: columns(['id', 'month', 'rep_id', 'region_id', 'amount']) },
  // Summaries of the sales lines (migration 005), kept exact by triggers; a rep reads them scoped like orders.
  summary_orders: {
    columns: columns(['order_id', 'order_date', 'status', 'rep_id', 'customer_id', 'channel', 'payment_method', 'revenue', 'units', 'gross_profit', 'lines']),
  },
  summary_daily_reps: { columns: columns(['order_date', 'rep_id', 'status', 'revenue', 'units', 'gross_profit', 'lines', 'orders']) },
  summary_daily_channels: { columns: columns(['order_date', 'status', 'channel', 'payment_method', 'revenue', 'units', 'gross_profit', 'lines', 'orders']) },
  summary_daily_regions: {
    columns: columns(['order_date', 'status', 'region_id', 'segment', 'state', 'city', 'revenue', 'units', 'gross_profit', 'lines', 'orders']),
  },
  summary_daily_products: { columns: columns(['order_date', 'product_id', 'status', 'revenue', 'units', 'gross_profit', 'lines']) },
  summary_customer_firsts: { columns: columns(['customer_id', 'rep_id', 'status', 'first_date']) },
})

/**
 * Functions an analytic question needs. Deliberately absent: everything pg_* and txid_*, set_config,
 * current_setting, dblink*, lo_*, *_to_xml, nextval/setval, version, has_*_privilege, and value-inflating
 * functions (repeat, lpad, rpad) that let one row eat the server's memory.
 */
export const analyticFunctions: ReadonlySet<string> = new Set([
  // aggregates
  'count', 'sum', 'avg', 'min', 'max', 'stddev', 'stddev_samp', 'stddev_pop', 'variance', 'var_samp', 'var_pop',
  'bool_and', 'bool_or', 'every', 'string_agg', 'array_agg', 'percentile_cont', 'percentile_disc', 'mode',
  'corr', 'covar_pop', 'covar_samp', 'regr_slope', 'regr_intercept', 'regr_r2', 'regr_count', 'any_value',
  // window functions
  'row_number', 'rank', 'dense_rank', 'percent_rank', 'cume_dist', 'ntile', 'lag', 'lead', 'first_value', 'last_value', 'nth_value',
  // dates and times
  'date_trunc', 'date_part', 'extract', 'date_bin', 'age', 'now', 'make_date', 'make_time', 'make_timestamp', 'make_interval',
  'justify_days', 'justify_hours', 'justify_interval', 'to_char', 'to_date', 'to_number', 'isfinite', 'timezone',
  // numbers
  'abs', 'ceil', 'ceiling', 'floor', 'round', 'trunc', 'sign', 'mod', 'div', 'power', 'sqrt', 'cbrt', 'exp', 'ln', 'log', 'log10',
  'width_bucket', 'scale',
  // text
  'lower', 'upper', 'initcap', 'length', 'char_length', 'character_length', 'substring', 'substr', 'left', 'right',
  'btrim', 'ltrim', 'rtrim', 'concat', 'concat_ws', 'replace', 'split_part', 'strpos', 'position', 'starts_with',
  'translate', 'reverse', 'overlay', 'similar_to_escape', 'regexp_replace', 'regexp_like', 'unaccent', 'similarity', 'word_similarity',
  // arrays and sets
  'array_length', 'cardinality', 'array_to_string', 'unnest', 'generate_series',
  // null handling
  'num_nulls', 'num_nonnulls',
])

/** Cast targets; notably absent: reg* (catalog look-ups), oid, xml, json, row types of tables. */
export const analyticCastTypes: ReadonlySet<string> = new Set([
  'bool', 'boolean', 'int2', 'int4', 'int8', 'smallint', 'integer', 'int', 'bigint', 'numeric', 'decimal',
  'float4', 'float8', 'real', 'text', 'varchar', 'bpchar', 'char', 'date', 'time', 'timetz', 'timestamp', 'timestamptz', 'interval',
])

export interface AnalyticsGuardPolicyOptions {
  allowSensitiveColumns?: boolean
  maxSqlLength?: number
  secondaryParser?: GuardPolicy['secondaryParser']
  relations?: Readonly<Record<string, RelationPolicy>>
  functions?: Iterable<string>
}

/** The policy for free SQL over the sales model; sensitive columns are refused unless asked for. */
export function createAnalyticsGuardPolicy(options: AnalyticsGuardPolicyOptions = {}): GuardPolicy {
  return Object.freeze({
    relations: options.relations ?? analyticRelations,
    functions: options.functions ? new Set(options.functions) : analyticFunctions,
    castTypes: analyticCastTypes,
    allowSensitiveColumns: options.allowSensitiveColumns ?? false,
    maxSqlLength: options.maxSqlLength ?? 20_000,
    secondaryParser: options.secondaryParser ?? 'cross-check',
  })
}

const standardPolicy = createAnalyticsGuardPolicy()
const sensitivePolicy = createAnalyticsGuardPolicy({ allowSensitiveColumns: true })

/** The default policy per principal: admins may read sensitive columns, everyone else may not. */
export function guardPolicyForPrincipal(principal: Pick<SqlPrincipal, 'role'>): GuardPolicy {
  return principal.role === 'admin' ? sensitivePolicy : standardPolicy
}
