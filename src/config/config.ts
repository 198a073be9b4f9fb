/**
 * The only module that reads the environment. Everything else receives a frozen `Config`.
 * Startup fails with one message naming every missing or malformed variable.
 */
import { z } from 'zod'

const logLevels = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const
/** none: the offline planner; openai: any OpenAI-compatible server (OpenAI, Groq, vLLM, LM Studio, llama.cpp). */
export const llmProviders = ['none', 'openai', 'anthropic', 'ollama'] as const
export type LlmProvider = (typeof llmProviders)[number]
export const embeddingProviders = ['local', 'openai', 'ollama'] as const
export type EmbeddingProvider = (typeof embeddingProviders)[number]

const postgresUrl = z
  .string()
  .trim()
  .refine((v) => /^postgres(ql)?:\/\//.test(v), 'must be a postgres:// or postgresql:// URL')

const emptyAsUndefined = (v: unknown) => (typeof v === 'string' && v.trim() === '' ? undefined : v)

const booleanFlag = z
  .enum(['true', 'false', '1', '0', 'yes', 'no'])
  .transform((v) => v === 'true' || v === '1' || v === 'yes')

const environmentSchema = z.object({
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().trim().min(1).default('127.0.0.1'),
  DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  DATABASE_POOL_SIZE: z.coerce.number().int().min(1).max(100).default(10),
  EMBEDDED_DATA_DIR: z.string().trim().min(1).default('./.data/pglite'),
  EMBEDDED_DB_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  SEED_ON_EMPTY: z.preprocess(emptyAsUndefined, booleanFlag.default(true)),
  SEED_ORDERS: z.coerce.number().int().min(0).max(10_000_000).default(100_000),
  LOG_LEVEL: z.enum(logLevels).default('info'),
  TIME_ZONE: z
    .string()
    .trim()
    .default('America/Sao_Paulo')
    .refine((zone) => isTimeZone(zone), 'must be an IANA time zone such as America/Sao_Paulo'),
  CURRENCY: z
    .string()
    .trim()
    .toUpperCase()
    .default('BRL')
    .refine((code) => /^[A-Z]{3}$/.test(code), 'must be an ISO 4217 code such as BRL or USD'),
  BODY_LIMIT_BYTES: z.coerce.number().int().min(1024).max(200 * 1024 * 1024).default(1024 * 1024),
  IMPORT_LIMIT_BYTES: z.coerce.number().int().min(1024).max(500 * 1024 * 1024).default(20 * 1024 * 1024),
  QUERY_MAX_ROWS: z.coerce.number().int().min(1).max(100_000).default(1000),
  QUERY_TIMEOUT_MS: z.coerce.number().int().min(100).max(600_000).default(15_000),
  QUERY_MAX_PLAN_COST: z.preprocess(emptyAsUndefined, z.coerce.number().positive().optional()),
  TEST_DATABASE_URL: z.preprocess(emptyAsUndefined, postgresUrl.optional()),
  CI: z.preprocess(emptyAsUndefined, booleanFlag.optional()),
  SALESMATRIX_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  SALESMATRIX_API_KEY: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().trim().min(8).optional()),
  SLACK_BOT_TOKEN: z.preprocess(emptyAsUndefined, z.string().trim().regex(/^xoxb-/, 'must be a bot token (xoxb-…)').optional()),
  SLACK_APP_TOKEN: z.preprocess(emptyAsUndefined, z.string().trim().regex(/^xapp-/, 'must be an app-level token (xapp-…)').optional()),
  SLACK_API_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  TEAMS_APP_ID: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  TEAMS_APP_PASSWORD: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  TEAMS_TENANT_ID: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  TEAMS_ALLOW_UNAUTHENTICATED: z.preprocess(emptyAsUndefined, booleanFlag.default(false)),
  SALES_UNDO_MINUTES: z.coerce.number().int().min(0).max(24 * 60).default(10),
  EMBEDDINGS_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(embeddingProviders).default('local')),
  EMBEDDINGS_MODEL: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(200).optional()),
  EMBEDDINGS_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  EMBEDDINGS_API_KEY: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  EMBEDDINGS_DIMENSION: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(8).max(2000).optional()),
  DOCUMENT_LIMIT_BYTES: z.coerce.number().int().min(1024).max(500 * 1024 * 1024).default(25 * 1024 * 1024),
  DIGESTS_ENABLED: z.preprocess(emptyAsUndefined, booleanFlag.default(true)),
  DIGEST_TICK_SECONDS: z.coerce.number().int().min(0).max(3600).default(30),
  DIGEST_GRACE_MINUTES: z.coerce.number().int().min(1).max(24 * 60).default(15),
  DIGEST_RETRY_LIMIT: z.coerce.number().int().min(0).max(50).default(5),
  DIGEST_RETRY_DELAY_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  LLM_PROVIDER: z.preprocess(emptyAsUndefined, z.enum(llmProviders).default('none')),
  LLM_MODEL: z.preprocess(emptyAsUndefined, z.string().trim().min(1).max(200).optional()),
  LLM_BASE_URL: z.preprocess(emptyAsUndefined, z.url({ protocol: /^https?$/ }).optional()),
  LLM_API_KEY: z.preprocess(emptyAsUndefined, z.string().trim().min(1).optional()),
  LLM_TIMEOUT_MS: z.coerce.number().int().min(1000).max(600_000).default(30_000),
  LLM_TEMPERATURE: z.coerce.number().min(0).max(2).default(0),
  LLM_PRICE_INPUT_PER_MTOK: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).optional()),
  LLM_PRICE_OUTPUT_PER_MTOK: z.preprocess(emptyAsUndefined, z.coerce.number().min(0).optional()),
}).superRefine((e, ctx) => {
  // A provider needs a model name; Anthropic also needs a key. OpenAI-compatible local servers (vLLM, LM Studio,
  // llama.cpp) accept any key, so only the hosted default URL requires one.
  if (e.EMBEDDINGS_PROVIDER !== 'local' && !e.EMBEDDINGS_MODEL) ctx.addIssue({ code: 'custom', path: ['EMBEDDINGS_MODEL'], message: `is required when EMBEDDINGS_PROVIDER=${e.EMBEDDINGS_PROVIDER}` })
  if (e.EMBEDDINGS_PROVIDER === 'openai' && !e.EMBEDDINGS_API_KEY && !e.EMBEDDINGS_BASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['EMBEDDINGS_API_KEY'], message: 'is required for OpenAI itself; set EMBEDDINGS_BASE_URL for a local OpenAI-compatible server' })
  }
  if (e.LLM_PROVIDER !== 'none' && !e.LLM_MODEL) ctx.addIssue({ code: 'custom', path: ['LLM_MODEL'], message: `is required when LLM_PROVIDER=${e.LLM_PROVIDER}` })
  if (e.LLM_PROVIDER === 'anthropic' && !e.LLM_API_KEY) ctx.addIssue({ code: 'custom', path: ['LLM_API_KEY'], message: 'is required when LLM_PROVIDER=anthropic' })
  if (e.LLM_PROVIDER === 'openai' && !e.LLM_API_KEY && !e.LLM_BASE_URL) {
    ctx.addIssue({ code: 'custom', path: ['LLM_API_KEY'], message: 'is required for OpenAI itself; set LLM_BASE_URL for a local OpenAI-compatible server' })
  }
  // Slack over HTTP needs both; Socket Mode (SLACK_APP_TOKEN) needs the bot token too.
  if (e.SLACK_BOT_TOKEN && !e.SLACK_SIGNING_SECRET && !e.SLACK_APP_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_SIGNING_SECRET'], message: 'is required with SLACK_BOT_TOKEN (or set SLACK_APP_TOKEN for Socket Mode)' })
  if ((e.SLACK_SIGNING_SECRET || e.SLACK_APP_TOKEN) && !e.SLACK_BOT_TOKEN) ctx.addIssue({ code: 'custom', path: ['SLACK_BOT_TOKEN'], message: 'is required to answer in Slack' })
  if (e.TEAMS_APP_ID && !e.TEAMS_APP_PASSWORD) ctx.addIssue({ code: 'custom', path: ['TEAMS_APP_PASSWORD'], message: 'is required with TEAMS_APP_ID' })
  if ((e.LLM_PRICE_INPUT_PER_MTOK === undefined) !== (e.LLM_PRICE_OUTPUT_PER_MTOK === undefined)) {
    ctx.addIssue({ code: 'custom', path: [e.LLM_PRICE_INPUT_PER_MTOK === undefined ? 'LLM_PRICE_INPUT_PER_MTOK' : 'LLM_PRICE_OUTPUT_PER_MTOK'], message: 'set both prices or neither' })
  }
})

export type Config = Readonly<{
  port: number
  host: string
  databaseUrl: string | undefined
  databasePoolSize: number
  embeddedDataDir: string
  embeddedDbPort: number
  seedOnEmpty: boolean
  seedOrders: number
  logLevel: (typeof logLevels)[number]
  /** Where "today" and "last month" are reckoned. */
  timeZone: string
  /** The currency of the sales data; answers format it in the user's locale. */
  currency: string
  bodyLimitBytes: number
  importLimitBytes: number
  /** Guarded queries: rows returned at most, statement timeout, and the planner-cost ceiling (undefined = per database default). */
  query: Readonly<{ maxRows: number; timeoutMs: number; maxPlanCost: number | undefined }>
  testDatabaseUrl: string | undefined
  ci: boolean
  /** Slack: HTTP events need the signing secret and bot token; Socket Mode the app token. Unset: Slack is off. */
  slack: Readonly<{ signingSecret: string | undefined; botToken: string | undefined; appToken: string | undefined; apiUrl: string | undefined }>
  /**
   * Teams: the Bot Framework app id and password (and tenant for single-tenant bots). Without an app id botbuilder
   * would accept every request unauthenticated, so the adapter starts without one only when allowUnauthenticated is set
   * (local development against the Bot Framework Emulator).
   */
  teams: Readonly<{ appId: string | undefined; appPassword: string | undefined; tenantId: string | undefined; allowUnauthenticated: boolean }>
  /** How long a rep may undo a sale they logged by message (0: no undo). */
  salesUndoMinutes: number
  /** Where `salesmatrix chat` finds the running service, and the key it authenticates with (else it asks). */
  client: Readonly<{ url: string | undefined; apiKey: string | undefined }>
  /**
   * Embeddings for document search: 'local' (the default) hashes words and character n-grams on this machine — no
   * download, lexical-grade; 'openai' (or any OpenAI-compatible server) and 'ollama' use a real embedding model.
   */
  embeddings: Readonly<{ provider: EmbeddingProvider; model: string | undefined; baseUrl: string | undefined; apiKey: string | undefined; dimension: number | undefined }>
  /**
   * Scheduled digests: whether this instance ticks and delivers (every replica may: posts are exactly once per
   * schedule and fire time), how often it looks for due schedules, when a fire time counts as missed, and retries.
   */
  digests: Readonly<{ enabled: boolean; tickSeconds: number; graceMinutes: number; retryLimit: number; retryDelaySeconds: number }>
  /** Largest document accepted for ingestion (upload, CLI, a file shared in chat). */
  documentLimitBytes: number
  /** The language model behind the agent; provider 'none' (the default) runs everything offline. */
  llm: Readonly<{
    provider: LlmProvider
    model: string | undefined
    baseUrl: string | undefined
    apiKey: string | undefined
    timeoutMs: number
    temperature: number
    /** US dollars per million tokens, for per-turn cost accounting. */
    prices: Readonly<{ inputPerMillion: number; outputPerMillion: number }> | undefined
  }>
}>

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}\nSee .env.example for every variable.`)
    this.name = 'ConfigError'
  }
}

/** Parses an environment (defaults to `process.env`) into a frozen Config, or throws ConfigError naming each bad variable. */
export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = environmentSchema.safeParse(env)
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => {
        const name = issue.path.join('.')
        const value = env[name]
        return `${name}: ${issue.message}${value === undefined ? '' : ` (got ${JSON.stringify(redact(name, value))})`}`
      }),
    )
  }
  const e = parsed.data
  return Object.freeze({
    port: e.PORT,
    host: e.HOST,
    databaseUrl: e.DATABASE_URL,
    databasePoolSize: e.DATABASE_POOL_SIZE,
    embeddedDataDir: e.EMBEDDED_DATA_DIR,
    embeddedDbPort: e.EMBEDDED_DB_PORT,
    seedOnEmpty: e.SEED_ON_EMPTY,
    seedOrders: e.SEED_ORDERS,
    logLevel: e.LOG_LEVEL,
    timeZone: e.TIME_ZONE,
    currency: e.CURRENCY,
    bodyLimitBytes: e.BODY_LIMIT_BYTES,
    importLimitBytes: e.IMPORT_LIMIT_BYTES,
    query: Object.freeze({ maxRows: e.QUERY_MAX_ROWS, timeoutMs: e.QUERY_TIMEOUT_MS, maxPlanCost: e.QUERY_MAX_PLAN_COST }),
    testDatabaseUrl: e.TEST_DATABASE_URL,
    ci: e.CI ?? false,
    client: Object.freeze({ url: e.SALESMATRIX_URL, apiKey: e.SALESMATRIX_API_KEY }),
    salesUndoMinutes: e.SALES_UNDO_MINUTES,
    slack: Object.freeze({ signingSecret: e.SLACK_SIGNING_SECRET, botToken: e.SLACK_BOT_TOKEN, appToken: e.SLACK_APP_TOKEN, apiUrl: e.SLACK_API_URL }),
    teams: Object.freeze({ appId: e.TEAMS_APP_ID, appPassword: e.TEAMS_APP_PASSWORD, tenantId: e.TEAMS_TENANT_ID, allowUnauthenticated: e.TEAMS_ALLOW_UNAUTHENTICATED }),
    embeddings: Object.freeze({ provider: e.EMBEDDINGS_PROVIDER, model: e.EMBEDDINGS_MODEL, baseUrl: e.EMBEDDINGS_BASE_URL, apiKey: e.EMBEDDINGS_API_KEY, dimension: e.EMBEDDINGS_DIMENSION }),
    documentLimitBytes: e.DOCUMENT_LIMIT_BYTES,
    digests: Object.freeze({ enabled: e.DIGESTS_ENABLED, tickSeconds: e.DIGEST_TICK_SECONDS, graceMinutes: e.DIGEST_GRACE_MINUTES, retryLimit: e.DIGEST_RETRY_LIMIT, retryDelaySeconds: e.DIGEST_RETRY_DELAY_SECONDS }),
    llm: Object.freeze({
      provider: e.LLM_PROVIDER,
      model: e.LLM_MODEL,
      baseUrl: e.LLM_BASE_URL,
      apiKey: e.LLM_API_KEY,
      timeoutMs: e.LLM_TIMEOUT_MS,
      temperature: e.LLM_TEMPERATURE,
      prices:
        e.LLM_PRICE_INPUT_PER_MTOK !== undefined && e.LLM_PRICE_OUTPUT_PER_MTOK !== undefined
          ? Object.freeze({ inputPerMillion: e.LLM_PRICE_INPUT_PER_MTOK, outputPerMillion: e.LLM_PRICE_OUTPUT_PER_MTOK })
          : undefined,
    }),
  })
}

function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone })
    return true
  } catch (error) {
    if (error instanceof RangeError) return false
    throw error
  }
}

function redact(name: string, value: string): string {
  return /URL|KEY|SECRET|TOKEN|PASSWORD/.test(name) ? value.replace(/\/\/[^@/]*@/, '//***@') : value
}
