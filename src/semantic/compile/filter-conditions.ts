/**
 * The plan's filters as SQL conditions over a source's columns. Entity filters compare ids; attribute filters compare
 * values, and "everything except" keeps rows whose attribute is empty (a customer without a state is not in "SP").
 */
import { sql, type RawBuilder } from 'kysely'
import type { PlanFilter } from '../query-plan.js'
import { dimensions } from '../semantic-model.js'
import type { SalesAttribute } from './sales-sources.js'
import { sqlLiteral } from './sql-literal.js'

/** Attributes that may be NULL in the data (customers.state, customers.city, products.brand). */
const nullableAttributes = new Set<string>(['state', 'city', 'brand'])

function filterCondition(filter: PlanFilter, column: RawBuilder<unknown>): RawBuilder<unknown> {
  const isEntity = dimensions[filter.dimension].kind === 'entity'
  const values = filter.values.map((v) => (isEntity ? sqlLiteral.integer(v as number) : sqlLiteral.text(v as string)))
  const exclude = filter.exclude === true
  if (values.length === 1) {
    const [value] = values
    if (!exclude) return sql`${column} = ${value}`
    return nullableAttributes.has(filter.dimension) ? sql`(${column} IS NULL OR ${column} <> ${value})` : sql`${column} <> ${value}`
  }
  const list = sql.join(values)
  if (!exclude) return sql`${column} IN (${list})`
  return nullableAttributes.has(filter.dimension) ? sql`(${column} IS NULL OR ${column} NOT IN (${list}))` : sql`${column} NOT IN (${list})`
}

/** Every filter of the plan whose attribute passes `keep`, as conditions over `columnOf`. */
export function filterConditions(
  filters: readonly PlanFilter[],
  columnOf: (attribute: SalesAttribute) => RawBuilder<unknown>,
  keep: (attribute: SalesAttribute) => boolean = () => true,
): RawBuilder<unknown>[] {
  return filters.filter((f) => keep(f.dimension)).map((f) => filterCondition(f, columnOf(f.dimension)))
}
