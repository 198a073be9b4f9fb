/** The tools the analyst agent has, by the names the model sees. Later issues add search_documents, forecast, render_chart, log_sale. */
import type { EntityResolver } from '../src/planner/entity-resolver.js'
import type { GuardedSqlRunner } from '../src/sql-guard/index.js'
import type { AnalystTool } from './analyst-tool.js'
import { createDescribeDataTool } from './describe-data.tool.js'
import { createQueryMetricsTool } from './query-metrics.tool.js'
import { createRunSqlTool } from './run-sql.tool.js'

export interface AnalystToolsDeps {
  readonly runner: GuardedSqlRunner
  readonly resolver: EntityResolver
  readonly maxRows?: number
}

export function createAnalystTools(deps: AnalystToolsDeps) {
  const queryMetrics = createQueryMetricsTool(deps)
  const list: readonly AnalystTool[] = [queryMetrics, createRunSqlTool(deps), createDescribeDataTool()]
  return { queryMetrics, list, byName: new Map(list.map((t) => [t.name, t])) }
}

export type AnalystTools = ReturnType<typeof createAnalystTools>
