/**
 * Node "chart": when a chart helps read the answer (a series, a ranking, a heatmap) or was asked for, it is chosen
 * from the answer's own rows and rendered to PNG — a declarative Vega-Lite spec built by our code, never chart code
 * from a model. The image stays in the turn's scratchpad (not the checkpoint); a rendering failure costs the chart,
 * never the answer.
 */
import type { LangGraphRunnableConfig } from '@langchain/langgraph'
import { chooseChart, type ChartInput } from '../../src/charts/choose-chart.js'
import { renderChart } from '../../src/charts/render-chart.js'
import type { DataOutcome } from '../../tools/tool-outcome.js'
import type { AnalystStateUpdate, AnalystStateValue } from '../analyst-state.js'
import { forecastChartInput } from '../compose-forecast.js'
import { lastData } from '../compose-reply.js'
import { turnOf } from '../turn-runtime.js'
import { emitProgress } from './emit-progress.js'

export interface DrawChartDeps {
  readonly currency: string
  readonly onChartError?: (error: unknown) => void
}

export function createDrawChartNode(deps: DrawChartDeps) {
  return async function drawChart(state: AnalystStateValue, config: LangGraphRunnableConfig): Promise<AnalystStateUpdate> {
    const turn = turnOf(config)
    const data = lastData(turn.outcomes)
    if (!data) return {}
    const input = chartInputOf(data, state, deps.currency, turn.chartKind)
    const choice = input ? chooseChart(input) : undefined
    if (!choice) return {}
    emitProgress(config, 'drawing_chart', state.language)
    try {
      const rendered = await renderChart(choice.spec)
      turn.chart = { spec: choice.spec, pngBase64: rendered.png.toString('base64'), width: rendered.width, height: rendered.height, alt: choice.alt }
    } catch (error) {
      deps.onChartError?.(error)
    }
    return {}
  }
}

function chartInputOf(data: DataOutcome, state: AnalystStateValue, currency: string, kind: ChartInput['kind'] | undefined): ChartInput | undefined {
  const base = { language: state.language, currency, ...(kind ? { kind } : {}) }
  if (data.kind === 'query') {
    return { ...base, ...(data.plan ? { plan: data.plan } : {}), columns: data.columns, rows: data.rows }
  }
  if (data.kind === 'forecast') return forecastChartInput(data, state.language, currency)
  // Segments: revenue by segment, best customers first, as a ranked bar.
  const pt = state.language === 'pt'
  const rows = data.result.segments.filter((s) => s.customers > 0).map((s) => ({ segment: s.label[state.language], revenue: s.revenue }))
  const label = pt ? 'Faturamento por segmento RFM' : 'Revenue by RFM segment'
  return {
    ...base,
    columns: [{ name: 'segment', role: 'value' }, { name: 'revenue', role: 'value' }],
    rows,
    title: `${label} — ${data.result.period.start} – ${data.result.period.end}`,
  }
}
