/**
 * Eval case files are JSONL with one id per line. Every suite reads them the same way: a line that is not JSON or not
 * valid names its file, line and id; a repeated id names both lines; blank lines are skipped.
 */
import type { z } from 'zod'

export function parseJsonlLines<Schema extends z.ZodType<{ id: string }>>(text: string, source: string, schema: Schema): z.infer<Schema>[] {
  const lines: z.infer<Schema>[] = []
  const firstLine = new Map<string, number>()
  text.split('\n').forEach((raw, index) => {
    const lineNo = index + 1
    if (raw.trim() === '') return
    let json: unknown
    try {
      json = JSON.parse(raw)
    } catch (error) {
      throw new Error(`${source}:${lineNo}: not valid JSON (${(error as Error).message})`, { cause: error })
    }
    const parsed = schema.safeParse(json)
    if (!parsed.success) {
      const problems = parsed.error.issues.map((issue) => `${issue.path.length > 0 ? `${issue.path.join('.')} ` : ''}${issue.message}`)
      const id = typeof (json as { id?: unknown })?.id === 'string' ? ` (${(json as { id: string }).id})` : ''
      throw new Error(`${source}:${lineNo}${id}: ${problems.join('; ')}`)
    }
    const line = parsed.data
    const previous = firstLine.get(line.id)
    if (previous !== undefined) throw new Error(`${source}:${lineNo}: duplicate id ${line.id} (first on line ${previous})`)
    firstLine.set(line.id, lineNo)
    lines.push(line)
  })
  return lines
}
