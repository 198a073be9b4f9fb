/**
 * `describe_data`: the definitions of metrics and dimensions (and the counting rules), never a data row. Built from the
 * semantic model alone, so nothing in it can come from the database.
 */
import { z } from 'zod'
import { describeSemanticLayer } from '../src/semantic/describe-semantic-layer.js'
import { parseToolArgs, type AnalystTool } from './analyst-tool.js'

export const describeDataSchema = z.object({
  language: z.enum(['en', 'pt']).default('en').describe('Language of the labels and definitions.'),
  ids: z.array(z.string().max(40)).max(30).optional().describe('Only these metric or dimension ids; all when absent.'),
})

const name = 'describe_data'

export function createDescribeDataTool(): AnalystTool<typeof describeDataSchema> {
  return {
    name,
    description: 'Definitions of the metrics and dimensions (label, definition, unit, SQL, synonyms) and the counting rules. Never returns data rows.',
    schema: describeDataSchema,
    async run(args) {
      const parsed = parseToolArgs(name, describeDataSchema, args)
      if (!parsed.ok) return parsed.failure
      const all = describeSemanticLayer(parsed.value.language)
      const wanted = parsed.value.ids ? new Set(parsed.value.ids) : undefined
      const content = wanted
        ? { metrics: all.metrics.filter((m) => wanted.has(m.id)), dimensions: all.dimensions.filter((d) => wanted.has(d.id)), rules: all.rules }
        : all
      return { ok: true, kind: 'definitions', tool: name, content }
    },
  }
}
