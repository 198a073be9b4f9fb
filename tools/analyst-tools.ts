/** The tools the analyst agent has, by the names the model sees. (Logging a sale is not a tool: writes never go through a model.) */
import type { EntityResolver } from '../src/planner/entity-resolver.js'
import type { Forecaster } from '../src/forecast/create-forecaster.js'
import type { RfmSegmenter } from '../src/segments/index.js'
import type { GuardedSqlRunner } from '../src/sql-guard/index.js'
import type { AnalystTool } from './analyst-tool.js'
import { createCustomerSegmentsTool } from './customer-segments.tool.js'
import { createDescribeDataTool } from './describe-data.tool.js'
import { createForecastTool } from './forecast.tool.js'
import { createRenderChartTool } from './render-chart.tool.js'
import { createQueryMetricsTool } from './query-metrics.tool.js'
import { createRunSqlTool } from './run-sql.tool.js'
import { createSearchDocumentsTool, type SearchDocumentsDeps } from './search-documents.tool.js'

export interface AnalystToolsDeps {
  readonly runner: GuardedSqlRunner
  readonly resolver: EntityResolver
  readonly maxRows?: number
  /** RFM segments; without it the customer_segments tool is absent. */
  readonly segmenter?: RfmSegmenter
  /** The forecast engine; without it the forecast tool is absent. */
  readonly forecaster?: Forecaster
  /** The sales documents; without them the search_documents tool is absent. */
  readonly documents?: SearchDocumentsDeps
}

export function createAnalystTools(deps: AnalystToolsDeps) {
  const queryMetrics = createQueryMetricsTool(deps)
  const forecast = deps.forecaster ? createForecastTool({ forecaster: deps.forecaster, resolver: deps.resolver }) : undefined
  const searchDocuments = deps.documents ? createSearchDocumentsTool(deps.documents) : undefined
  const list: readonly AnalystTool[] = [
    queryMetrics,
    createRunSqlTool(deps),
    createDescribeDataTool(),
    ...(forecast ? [forecast] : []),
    ...(deps.segmenter ? [createCustomerSegmentsTool({ segmenter: deps.segmenter })] : []),
    ...(searchDocuments ? [searchDocuments] : []),
    createRenderChartTool(),
  ]
  return { queryMetrics, forecast, searchDocuments, list, byName: new Map(list.map((t) => [t.name, t])) }
}

export type AnalystTools = ReturnType<typeof createAnalystTools>
