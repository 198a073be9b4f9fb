/**
 * What every surface (web chat, terminal, Slack, Teams, evals) sees of the analyst agent: one turn in, one reply
 * out, progress events in between. Surfaces depend on this file only, never on the graph's insides.
 */
import type { QueryPlan } from '../src/semantic/query-plan.js'
import type { Language } from '../src/semantic/semantic-model.js'
import type { SqlPrincipal } from '../src/sql-guard/index.js'

/** What the turn was about, as the "understand" node classified it. */
export type TurnIntent = 'analytics' | 'follow_up' | 'show_sql' | 'chart' | 'document' | 'forecast' | 'segments' | 'sales_log' | 'help' | 'greeting' | 'out_of_scope'

export type ProgressStep = 'understanding' | 'planning' | 'querying' | 'searching_documents' | 'correcting' | 'drawing_chart' | 'composing'

export interface ProgressEvent {
  readonly step: ProgressStep
  /** A short line in the user's language, e.g. "Querying the sales data…". */
  readonly message: string
}

export interface AgentTurnRequest {
  /** One conversation: `platform:channel:thread`, e.g. `web:key-12:3f9c…`, `slack:C0123:1712345678.000100`. */
  readonly threadId: string
  readonly message: string
  readonly principal: SqlPrincipal
  /** 'web', 'cli', 'slack', 'teams', 'eval', … */
  readonly surface: string
  /** 'YYYY-MM-DD' instead of the clock's date (evals, tests). */
  readonly today?: string
  /** Show the SQL even when the message did not ask for it. */
  readonly showSql?: boolean
  /** Use this prompt version instead of the active one (prompt previews). */
  readonly promptVersion?: { readonly name: string; readonly version: number }
  readonly onProgress?: (event: ProgressEvent) => void
  /**
   * The channel's scope (e.g. a regional channel answers only about its region): questions are filtered to it, and a
   * question about another region is declined. Focus, not security — the principal's permissions still decide rows.
   */
  readonly scope?: { readonly region: { readonly id: number; readonly name: string } }
  /** The surface already knows what the turn is (e.g. `/salesmatrix sale …` → 'sales_log'). */
  readonly intentHint?: TurnIntent
  /**
   * Where a new thread starts from: a reply under a digest continues from the digest's period and scope ("why did the
   * South drop?", "by category"). Ignored once the thread has a context of its own.
   */
  readonly startingContext?: { readonly plan: QueryPlan; readonly understood: string; readonly language: Language }
  /** A button press on a reply's `confirmation` (Confirm / Cancel); typed answers ("sim", "cancel") work too. */
  readonly action?: { readonly kind: 'confirm' | 'cancel'; readonly actionId: string }
}

/**
 * A write the agent proposes and will do only once the same user confirms it (logging a sale): surfaces show the
 * summary with Confirm and Cancel, which send a turn with `action`.
 */
export interface ReplyConfirmation {
  readonly actionId: string
  /** What will be written, in the user's language. */
  readonly summary: string
  readonly confirmLabel: string
  readonly cancelLabel: string
}

export interface ReplyColumn {
  readonly name: string
  /** Header in the reply's language. */
  readonly label: string
  readonly role: 'dimension' | 'metric' | 'previous' | 'change' | 'change_pct' | 'value'
}

export interface ReplyTable {
  readonly columns: readonly ReplyColumn[]
  /** Raw values, as the guard-approved query returned them. */
  readonly rows: readonly Record<string, unknown>[]
  /** The same rows formatted for the reply's locale (R$ 1.234,56 / $1,234.56, dates), column by column. */
  readonly display: readonly (readonly string[])[]
  readonly truncated: boolean
}

/** A chart drawn from the reply's own rows (never from model-written code): a Vega-Lite spec and its rendering. */
export interface ReplyChart {
  /** The Vega-Lite spec, data inlined: surfaces may show it interactively. */
  readonly spec: Readonly<Record<string, unknown>>
  /** PNG, base64 (Slack/Teams upload it; the web chat shows it as a data: URL). */
  readonly pngBase64: string
  readonly width: number
  readonly height: number
  /** The chart's title and what it shows, for alt text and screen readers. */
  readonly alt: string
}

/** A passage of a sales document the reply quotes or relies on; the text refers to it as [n]. */
export interface ReplyCitation {
  readonly n: number
  readonly documentId: number
  readonly title: string
  readonly fileName: string
  /** Heading path, e.g. "Discounts › Enterprise". */
  readonly section?: string
  readonly page?: number
  /** The passage's text (documents are data: surfaces show it as quoted text, never as markup or instructions). */
  readonly excerpt: string
}

export interface TokenUsage {
  readonly inputTokens: number
  readonly outputTokens: number
  /** In US dollars, when the model's prices are configured; otherwise absent. */
  readonly costUsd?: number
}

export interface AgentReply {
  /** Reference id of this turn: shown with errors, used for feedback. */
  readonly turnId: string
  readonly threadId: string
  readonly ok: boolean
  readonly intent: TurnIntent
  readonly language: Language
  /** The whole answer as plain text (figures, period, how computed, SQL when asked). */
  readonly text: string
  /** First line alone, for notifications. */
  readonly headline: string
  readonly understood?: string
  readonly plan?: QueryPlan
  readonly sql?: string
  /** Whether the user asked to see the SQL (surfaces show it expanded); `sql` is present either way when a query ran. */
  readonly showSql: boolean
  readonly table?: ReplyTable
  /** The user asked for a chart. */
  readonly wantsChart: boolean
  /** Present when a chart helps read the answer (a series, a ranking, a heatmap) or was asked for. */
  readonly chart?: ReplyChart
  /** Failure code when ok is false: no_metric, unknown_entity, out_of_scope, guard_rejected, model_unavailable, timeout, internal… */
  readonly code?: string
  /** Present when the reply proposes a write that waits for the user's confirmation. */
  readonly confirmation?: ReplyConfirmation
  /** The document passages the answer cites ([1], [2], … in the text), in order. */
  readonly citations?: readonly ReplyCitation[]
  /** Questions to try next, in the reply's language. */
  readonly suggestions: readonly string[]
  readonly prompt?: { readonly name: string; readonly version: number }
  /** 'offline' or `provider:model`. */
  readonly model: string
  readonly usage: TokenUsage
  readonly totalMs: number
}

export interface AnalystAgent {
  respond(request: AgentTurnRequest): Promise<AgentReply>
}
