/**
 * `render_chart`: asks for a chart of this turn's result, or a particular kind of one. The model picks a kind from a
 * fixed list — never a spec or chart code: the spec is built by our chart module from the result's own rows.
 */
import { z } from 'zod'
import { chartKinds, type ChartKind } from '../src/charts/vega-lite-spec.js'
import { parseToolArgs, type AnalystTool } from './analyst-tool.js'

export const renderChartSchema = z.object({
  kind: z.enum(['auto', ...chartKinds] as [string, ...string[]]).default('auto').describe('auto picks from the result\'s shape: a series → line, a breakdown → ranked bars, two breakdowns → heatmap; stacked_bar shows shares.'),
})

const name = 'render_chart'

export function createRenderChartTool(): AnalystTool<typeof renderChartSchema> {
  return {
    name,
    description: 'Draw a chart of the result of this turn\'s last query, forecast or segments (call it after them). Charts of breakdowns and series are drawn anyway; use this to ask for one or to choose its kind.',
    schema: renderChartSchema,
    async run(args, turn) {
      const parsed = parseToolArgs(name, renderChartSchema, args)
      if (!parsed.ok) return parsed.failure
      if (!turn.requestChart) return { ok: false, tool: name, code: 'not_available', error: 'Charts cannot be drawn here.' }
      turn.requestChart(parsed.value.kind as ChartKind | 'auto')
      return { ok: true, kind: 'ack', tool: name, content: { chart: parsed.value.kind, note: 'The chart will be drawn from the result and shown with the answer.' } }
    },
  }
}
