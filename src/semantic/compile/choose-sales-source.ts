/**
 * Routing: the smallest source that answers exactly. A summary is used only when every attribute the plan groups or
 * filters by is a column of it and every measure adds up across its rows (sums always do; order counts only where
 * each order sits in one row; distinct customers only where customer ids are kept). Anything else reads the base
 * tables.
 */
import { salesSources, type SalesAttribute, type SalesMeasure, type SalesSource, type SalesSourceId } from './sales-sources.js'

const smallestFirst: readonly SalesSourceId[] = [
  'summary_daily_channels',
  'summary_daily_reps',
  'summary_daily_regions',
  'summary_daily_products',
  'summary_orders',
  'base',
]

export function chooseSalesSource(used: ReadonlySet<SalesAttribute>, measures: ReadonlySet<SalesMeasure>, useSummaries: boolean): SalesSource {
  if (!useSummaries) return salesSources.base
  for (const id of smallestFirst) {
    const source = salesSources[id]
    if ([...used].every((a) => source.attributes.has(a)) && [...measures].every((m) => source.measures.has(m))) return source
  }
  return salesSources.base
}
