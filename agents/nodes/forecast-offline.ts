/**
 * Node "forecast_offline": the deterministic reader turns a forecast question ("vamos bater a meta do trimestre?",
 * "forecast revenue for the next 3 months") into a forecast request, and the `forecast` tool runs it.
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { calendarDays } from '../../src/planner/calendar-days.js'
import type { EntityResolver } from '../../src/planner/entity-resolver.js'
import { planForecast, type ForecastQuestion } from '../../src/planner/plan-forecast.js'
import type { ForecastToolRequest } from '../../tools/forecast.tool.js'
import type { AnalystTools } from '../../tools/analyst-tools.js'
import { phrases } from '../agent-phrases.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { toolTurnOf, turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

export function createForecastOfflineNode(deps: { readonly tools: AnalystTools; readonly resolver: EntityResolver }) {
  return async function forecastOffline(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const tool = deps.tools.forecast
    if (!tool) return { failure: { code: 'not_available', message: phrases.notYet.forecast[state.language], suggestions: [] } }
    emitProgress(config, 'planning', state.language)
    const read = await planForecast(state.message, { today: turn.today, resolver: deps.resolver })
    if (!read.ok) return { language: read.language, failure: { code: read.code, message: read.message, suggestions: read.suggestions } }
    const question = read.question
    emitProgress(config, 'querying', question.language)
    const outcome = await tool.runRequest(forecastRequestOf(question, turn.today), toolTurnOf(turn, state.message))
    turn.outcomes.push(outcome)
    const base = { language: question.language, understood: question.understood, notes: [...state.notes, ...question.notes] }
    if (!outcome.ok) return { ...base, failure: { code: outcome.code, message: `${question.understood}\n${phrases.couldNotCompute[question.language](outcome.error)}`, suggestions: [] } }
    return base
  }
}

/**
 * The engine counts the current (partial) period as step 1; the reader counts from the next one, or names the period
 * whose end matters. Either way the request runs from now to that period's end.
 */
export function forecastRequestOf(question: ForecastQuestion, today: string): ForecastToolRequest {
  const horizon = question.period ? periodsUntil(today, question.period.end, question.grain) : question.horizon !== undefined ? question.horizon + 1 : undefined
  return {
    metric: question.metric,
    grain: question.grain,
    ...(question.filter ? { filter: question.filter } : {}),
    ...(horizon !== undefined ? { horizon: Math.max(1, horizon) } : {}),
    ...(question.period ? { period: question.period } : {}),
    aboutTarget: question.aboutTarget,
  }
}

function periodsUntil(today: string, end: string, grain: ForecastQuestion['grain']): number {
  const from = calendarDays.parse(today)!
  const to = calendarDays.parse(end)!
  if (grain === 'day') return to - from + 1
  if (grain === 'week') return Math.floor((calendarDays.weekStart(to) - calendarDays.weekStart(from)) / 7) + 1
  const a = calendarDays.parts(from)
  const b = calendarDays.parts(to)
  return (b.year - a.year) * 12 + (b.month - a.month) + 1
}
