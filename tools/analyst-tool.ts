/**
 * A tool the agent (and the model) can call: a snake_case name, a description, a zod schema for its arguments, and a
 * run function that never throws for a bad call — wrong arguments, refused SQL and failed queries come back as a
 * ToolFailure the model can correct. Only a broken database or a bug throws.
 */
import { tool, type StructuredToolInterface } from '@langchain/core/tools'
import type { z } from 'zod'
import { forModel, type ToolOutcome, type ToolTurn } from './tool-outcome.js'

export interface AnalystTool<Schema extends z.ZodObject = z.ZodObject> {
  readonly name: string
  readonly description: string
  readonly schema: Schema
  run(args: unknown, turn: ToolTurn): Promise<ToolOutcome>
}

/** Validates the model's arguments against the schema, as data: a model's typo is a failure to correct, not a crash. */
export function parseToolArgs<Schema extends z.ZodObject>(
  name: string,
  schema: Schema,
  args: unknown,
): { ok: true; value: z.infer<Schema> } | { ok: false; failure: ToolOutcome } {
  const parsed = schema.safeParse(args)
  if (parsed.success) return { ok: true, value: parsed.data }
  const problems = parsed.error.issues.slice(0, 5).map((issue) => `${issue.path.join('.') || '(arguments)'}: ${issue.message}`)
  return { ok: false, failure: { ok: false, tool: name, code: 'invalid_arguments', error: `Invalid arguments for ${name}: ${problems.join('; ')}` } }
}

/**
 * The LangChain view of a tool, for `model.bindTools`. The graph runs tools itself (it needs the whole outcome), so
 * this wrapper is what a model sees and what LangChain's own executors would call.
 */
export function asLangChainTool(analystTool: AnalystTool, turnOf: () => ToolTurn): StructuredToolInterface {
  return tool(async (args: unknown) => forModel(await analystTool.run(args, turnOf())), {
    name: analystTool.name,
    description: analystTool.description,
    schema: analystTool.schema,
  })
}
