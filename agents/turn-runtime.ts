/**
 * What one turn carries besides the checkpointed state: who asks (never part of the conversation — in a shared Slack
 * thread each person's permissions apply to their own turn), today's date, the progress callback, and the scratchpad
 * of tool outcomes whose rows must not be checkpointed. Passed to the nodes as `config.configurable.turn`.
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import type { PromptTemplate } from '../src/prompts/prompt-source.js'
import type { SqlPrincipal } from '../src/sql-guard/index.js'
import type { ChannelScope } from '../tools/channel-scope.js'
import type { ToolOutcome, ToolTurn } from '../tools/tool-outcome.js'
import type { ChartKind } from '../src/charts/choose-chart.js'
import type { ProgressEvent, ReplyChart, ReplyConfirmation, TurnIntent } from './agent-contract.js'

export interface TurnRuntime {
  readonly principal: SqlPrincipal
  readonly surface: string
  readonly today: string
  readonly scope?: ChannelScope
  readonly onProgress?: (event: ProgressEvent) => void
  /** Told when onProgress threw (the turn goes on). */
  readonly progressError?: (error: unknown) => void
  /** The system prompt template for the model path (active or the preview's version). */
  readonly prompt?: PromptTemplate
  /** Every tool outcome of this turn, rows included, in call order. */
  readonly outcomes: ToolOutcome[]
  /** The surface's hint and button press (see AgentTurnRequest). */
  readonly intentHint?: TurnIntent
  readonly action?: { readonly kind: 'confirm' | 'cancel'; readonly actionId: string }
  /** What logging a sale came to this turn: the reply's text, and the confirmation to ask for. */
  sale?: { readonly ok: boolean; readonly text: string; readonly code?: string; readonly confirmation?: ReplyConfirmation }
  /** A chart kind the model asked for with render_chart. */
  chartKind?: ChartKind
  /** The model asked for a chart (render_chart). */
  wantsChart?: boolean
  /** The chart drawn for this turn's answer. */
  chart?: ReplyChart
  /** Citation numbers handed out to document passages this turn. */
  citationsGiven?: number
}

export function turnOf(config: LangGraphRunnableConfig): TurnRuntime {
  const turn = (config.configurable as { turn?: TurnRuntime } | undefined)?.turn
  if (!turn) throw new Error('The analyst graph was invoked without configurable.turn')
  return turn
}

export function toolTurnOf(turn: TurnRuntime, question: string): ToolTurn {
  return {
    principal: turn.principal,
    surface: turn.surface,
    question,
    today: turn.today,
    ...(turn.scope ? { scope: turn.scope } : {}),
    requestChart: (kind) => {
      turn.wantsChart = true
      if (kind !== 'auto') turn.chartKind = kind
    },
    // Numbers follow the passages already found this turn, so a second search never reuses [1].
    nextCitation: () => (turn.citationsGiven = (turn.citationsGiven ?? 0) + 1),
  }
}
