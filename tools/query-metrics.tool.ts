/**
 * `query_metrics`: a plan on the semantic layer (metrics, breakdowns, filters by name, a period, a comparison, top N)
 * compiled to one SQL statement and run through the guard as the asking user. The preferred tool: definitions,
 * joins and the completed-orders rule come from the semantic layer, not from the model.
 */
import { z } from 'zod'
import { compilePlan } from '../src/semantic/compile-plan.js'
import { isAppError } from '../src/errors/app-error.js'
import type { EntityKind, EntityResolver } from '../src/planner/entity-resolver.js'
import type { PlanFilter, QueryPlan } from '../src/semantic/query-plan.js'
import { dimensionIds, dimensions, metricIds, type DimensionId } from '../src/semantic/semantic-model.js'
import type { GuardedSqlRunner } from '../src/sql-guard/index.js'
import { parseToolArgs, type AnalystTool } from './analyst-tool.js'
import { applyChannelScope } from './channel-scope.js'
import { principalForPlan } from './rep-visibility.js'
import { comparisonRange } from './comparison-range.js'
import type { ToolOutcome, ToolTurn } from './tool-outcome.js'

const filterDimensionIds = dimensionIds.filter((d) => dimensions[d].kind !== 'time') as Exclude<DimensionId, 'day' | 'week' | 'month' | 'quarter' | 'year'>[]
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'a date as YYYY-MM-DD')

export const queryMetricsSchema = z.object({
  metrics: z.array(z.enum(metricIds)).min(1).max(4).describe('Metric ids; the first is the headline figure.'),
  dimensions: z.array(z.enum(dimensionIds)).max(2).default([]).describe('Breakdowns, at most two (e.g. ["region","month"]).'),
  filters: z
    .array(
      z.object({
        dimension: z.enum(filterDimensionIds as [string, ...string[]]),
        values: z.array(z.union([z.string().min(1).max(200), z.number()])).min(1).max(50).describe('Names as the user wrote them (e.g. "Sul", "Maria Silva") or stored values (e.g. "online").'),
        exclude: z.boolean().optional().describe('true for "everything except these".'),
      }),
    )
    .max(8)
    .default([]),
  timeRange: z.object({ start: isoDate, end: isoDate, label: z.string().max(80).optional() }).describe('Inclusive calendar dates.'),
  comparison: z.enum(['previous_period', 'same_period_last_year']).optional(),
  sort: z.object({ by: z.string().max(40).describe('A metric id or dimension id of this plan.'), direction: z.enum(['asc', 'desc']) }).optional(),
  limit: z.number().int().min(1).max(1000).optional().describe('Top/bottom N, with sort.'),
})

export interface QueryMetricsToolDeps {
  readonly runner: GuardedSqlRunner
  readonly resolver: EntityResolver
  /** Rows a plan without its own limit returns at most. */
  readonly maxRows?: number
}

const name = 'query_metrics'
/** A looked-up name must match this well to be used without asking (1 = exact). */
const confidentScore = 0.85

export function createQueryMetricsTool(deps: QueryMetricsToolDeps): AnalystTool<typeof queryMetricsSchema> & { runPlan(plan: QueryPlan, turn: ToolTurn): Promise<ToolOutcome> } {
  const runPlan = async (requested: QueryPlan, turn: ToolTurn): Promise<ToolOutcome> => {
    const scoped = applyChannelScope(requested, turn.scope, 'en')
    if (!scoped.ok) return { ok: false, tool: name, code: 'outside_channel_scope', error: scoped.reason }
    const plan = scoped.plan
    let compiled
    try {
      compiled = compilePlan(plan, deps.maxRows === undefined ? {} : { maxRows: deps.maxRows })
    } catch (error) {
      if (!isAppError(error)) throw error
      return { ok: false, tool: name, code: 'unsupported', error: error.message }
    }
    const runAs = principalForPlan(turn.principal, plan)
    const run = await deps.runner.run({ sql: compiled.sql, principal: runAs.principal, purpose: turn.surface, question: turn.question })
    if (!run.ok) return { ok: false, tool: name, code: run.code, error: run.reason, sql: compiled.sql }
    return { ok: true, kind: 'query', tool: name, plan, sql: compiled.sql, columns: compiled.columns, rows: run.rows, truncated: run.truncated, ...(runAs.visibility ? { visibility: runAs.visibility } : {}) }
  }

  return {
    name,
    description:
      'Compute sales metrics from the semantic layer: choose metric ids, up to two breakdowns, filters by name, an inclusive period, an optional comparison and top N. ' +
      'Prefer this over run_sql. The result is shown to the user as a table; you get its shape, not its rows. ' +
      'When a sales rep asks about their own ("my") sales, filter {"dimension":"rep","values":["me"]}.',
    schema: queryMetricsSchema,
    runPlan,
    async run(args, turn) {
      const parsed = parseToolArgs(name, queryMetricsSchema, args)
      if (!parsed.ok) return parsed.failure
      const input = parsed.value
      const filters: PlanFilter[] = []
      for (const filter of input.filters) {
        // A rep's "my sales": the model cannot know the rep's id, so it names them "me".
        if (filter.dimension === 'rep' && filter.values.length === 1 && String(filter.values[0]).toLowerCase() === 'me') {
          if (turn.principal.repId === undefined) return { ok: false, tool: name, code: 'invalid_arguments', error: 'Only a sales rep can ask about "my" sales; name the rep instead.' }
          filters.push({ dimension: 'rep', values: [turn.principal.repId], labels: ['me'] })
          continue
        }
        const resolved = await resolveFilter(deps.resolver, filter.dimension as EntityKind, filter.values, filter.exclude === true)
        if (!resolved.ok) return { ok: false, tool: name, code: 'unknown_entity', error: resolved.error }
        filters.push(resolved.filter)
      }
      const timeRange = { start: input.timeRange.start, end: input.timeRange.end, ...(input.timeRange.label ? { label: input.timeRange.label } : {}) }
      if (timeRange.start > timeRange.end) return { ok: false, tool: name, code: 'invalid_arguments', error: `timeRange.start (${timeRange.start}) is after timeRange.end (${timeRange.end}).` }
      let sort: QueryPlan['sort']
      if (input.sort) {
        const by = input.sort.by
        if ((metricIds as readonly string[]).includes(by)) sort = { by: { metric: by as (typeof metricIds)[number] }, direction: input.sort.direction }
        else if ((dimensionIds as readonly string[]).includes(by)) sort = { by: { dimension: by as DimensionId }, direction: input.sort.direction }
        else return { ok: false, tool: name, code: 'invalid_arguments', error: `sort.by must be a metric or dimension id of the plan, got "${by}".` }
      }
      const plan: QueryPlan = {
        metrics: input.metrics,
        dimensions: input.dimensions,
        filters,
        timeRange,
        ...(input.comparison ? { comparison: { kind: input.comparison, range: comparisonRange(timeRange, input.comparison) } } : {}),
        ...(sort ? { sort } : {}),
        ...(input.limit ? { limit: input.limit } : {}),
      }
      return runPlan(plan, turn)
    },
  }
}

async function resolveFilter(
  resolver: EntityResolver,
  kind: EntityKind,
  values: readonly (string | number)[],
  exclude: boolean,
): Promise<{ ok: true; filter: PlanFilter } | { ok: false; error: string }> {
  const ids: (string | number)[] = []
  const labels: string[] = []
  for (const value of values) {
    const text = String(value).trim()
    const [best, ...others] = await resolver.closestNames(text, { kinds: [kind], limit: 3 })
    if (!best || best.score < confidentScore) {
      const alternatives = [best, ...others].filter((c) => c !== undefined).map((c) => c.label)
      return { ok: false, error: `No ${kind} named "${text}".${alternatives.length ? ` Closest: ${alternatives.join(', ')}.` : ''}` }
    }
    // An entity's id (region, rep, customer, product, category) or an attribute's stored value (channel, state, …).
    ids.push(best.value)
    labels.push(best.label)
  }
  return { ok: true, filter: { dimension: kind, values: ids, labels, ...(exclude ? { exclude: true } : {}) } }
}
