/**
 * `forecast`: a metric's expected values ahead (overall or for one region, category, product or rep) with 80% and 95%
 * intervals, the model chosen by backtest against seasonal naive, and the target attainment of the current period —
 * the history read through the SQL guard as the asking user.
 */
import { z } from 'zod'
import { isAppError } from '../src/errors/app-error.js'
import type { Forecaster, ForecastRequest } from '../src/forecast/create-forecaster.js'
import type { EntityResolver } from '../src/planner/entity-resolver.js'
import { parseToolArgs, type AnalystTool } from './analyst-tool.js'
import type { ForecastOutcome, ToolOutcome, ToolTurn } from './tool-outcome.js'

export const forecastSchema = z.object({
  metric: z.enum(['revenue', 'orders', 'units', 'average_ticket']),
  grain: z.enum(['day', 'week', 'month']).default('month'),
  horizon: z.number().int().min(1).max(36).optional().describe('Periods ahead, the current one included; default: to the end of the quarter (months), 8 weeks or 30 days.'),
  filter: z.object({ dimension: z.enum(['region', 'category', 'product', 'rep']), name: z.string().min(1).max(200) }).optional().describe('One member, by name, e.g. {"dimension":"region","name":"Sul"}.'),
})

const name = 'forecast'

export interface ForecastToolRequest extends Omit<ForecastRequest, 'principal' | 'today' | 'purpose' | 'question'> {
  readonly period?: ForecastOutcome['period']
  readonly aboutTarget?: boolean
}

export function createForecastTool(deps: { readonly forecaster: Forecaster; readonly resolver: EntityResolver }): AnalystTool<typeof forecastSchema> & {
  runRequest(request: ForecastToolRequest, turn: ToolTurn): Promise<ToolOutcome>
} {
  const runRequest = async (request: ForecastToolRequest, turn: ToolTurn): Promise<ToolOutcome> => {
    if (turn.scope) {
      const region = turn.scope.region
      if (request.filter && !(request.filter.dimension === 'region' && request.filter.value === region.id)) {
        return { ok: false, tool: name, code: 'outside_channel_scope', error: `This channel answers about the ${region.name} region only.` }
      }
      request = { ...request, filter: { dimension: 'region', value: region.id, label: region.name } }
    }
    try {
      const { period, aboutTarget, ...forecastRequest } = request
      const result = await deps.forecaster.forecast({ ...forecastRequest, principal: turn.principal, today: turn.today, purpose: turn.surface, question: turn.question })
      return { ok: true, kind: 'forecast', tool: name, result, ...(period ? { period } : {}), aboutTarget: aboutTarget === true }
    } catch (error) {
      // Too little history, an unknown metric: a typed error with a message fit for the user; anything else is a bug.
      if (!isAppError(error)) throw error
      return { ok: false, tool: name, code: error.code, error: error.message }
    }
  }
  return {
    name,
    description:
      'Forecast a metric (revenue, orders, units, average_ticket) at day/week/month grain, overall or for one region, category, product or rep, ' +
      'with 80%/95% intervals, the model chosen by backtest, and the current period\'s expected total vs its target. The result is shown to the user.',
    schema: forecastSchema,
    runRequest,
    async run(args, turn) {
      const parsed = parseToolArgs(name, forecastSchema, args)
      if (!parsed.ok) return parsed.failure
      const { filter, ...rest } = parsed.value
      let resolved: ForecastRequest['filter']
      if (filter) {
        const [best] = await deps.resolver.closestNames(filter.name, { kinds: [filter.dimension], limit: 1 })
        if (!best || best.score < 0.85 || typeof best.value !== 'number') return { ok: false, tool: name, code: 'unknown_entity', error: `No ${filter.dimension} named "${filter.name}".${best ? ` Closest: ${best.label}.` : ''}` }
        resolved = { dimension: filter.dimension, value: best.value, label: best.label }
      }
      return runRequest({ ...rest, ...(resolved ? { filter: resolved } : {}) }, turn)
    },
  }
}
