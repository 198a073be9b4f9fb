/**
 * `customer_segments`: RFM segments of the customers (Champions … Lost) with their size and revenue, and the most
 * valuable customers at risk — computed through the SQL guard as the asking user (a rep sees their own customers).
 */
import { z } from 'zod'
import { isAppError } from '../src/errors/app-error.js'
import type { RfmSegmenter } from '../src/segments/index.js'
import { parseToolArgs, type AnalystTool } from './analyst-tool.js'

export const customerSegmentsSchema = z.object({
  lookbackMonths: z.number().int().min(1).max(120).optional().describe('Months of orders up to today to read (default 24).'),
})

const name = 'customer_segments'

export function createCustomerSegmentsTool(deps: { readonly segmenter: RfmSegmenter }): AnalystTool<typeof customerSegmentsSchema> {
  return {
    name,
    description: 'Segment the customers by recency, frequency and monetary value (RFM): segment sizes and revenue, and the most valuable customers at risk of churning.',
    schema: customerSegmentsSchema,
    async run(args, turn) {
      const parsed = parseToolArgs(name, customerSegmentsSchema, args)
      if (!parsed.ok) return parsed.failure
      if (turn.scope) return { ok: false, tool: name, code: 'outside_channel_scope', error: `Customer segments cover the whole company; this channel answers about the ${turn.scope.region.name} region only — ask in a general channel or a direct message.` }
      try {
        const result = await deps.segmenter.segment({
          principal: turn.principal,
          today: turn.today,
          purpose: turn.surface,
          question: turn.question,
          ...(parsed.value.lookbackMonths ? { lookbackMonths: parsed.value.lookbackMonths } : {}),
        })
        return { ok: true, kind: 'segments', tool: name, result }
      } catch (error) {
        // Typed errors carry a message fit for the user (a timeout, a bad look-back); anything else is a bug.
        if (!isAppError(error)) throw error
        return { ok: false, tool: name, code: error.code, error: error.message }
      }
    },
  }
}
