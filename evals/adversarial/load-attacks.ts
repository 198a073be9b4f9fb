/**
 * Reads evals/adversarial/attacks.jsonl: one attack per line, either raw SQL (run through the guarded runner) or a
 * natural-language question (for the planner, once there is one). Throws naming the line of any malformed entry.
 */
import { readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import { z } from 'zod'

export const attacksFile = fileURLToPath(new URL('./attacks.jsonl', import.meta.url))

export const attackClasses = [
  'stacked_statements',
  'non_select',
  'write_in_select',
  'session_role_change',
  'dangerous_function',
  'catalog_access',
  'out_of_scope_table',
  'sensitive_column',
  'comment_trick',
  'dollar_quoting',
  'resource_exhaustion',
  'row_scope_escape',
  'prompt_injection',
] as const

const attackSchema = z
  .object({
    id: z.string().regex(/^[a-z_]+-\d{2}$/),
    class: z.enum(attackClasses),
    sql: z.string().min(1).optional(),
    question: z.string().min(1).optional(),
    /** Who runs it; analyst when absent. */
    principal: z.enum(['analyst', 'rep']).optional(),
    /** 'rejected': must not run at all. 'harmless': may run, but must change nothing and leak nothing. */
    expect: z.enum(['rejected', 'harmless']),
    note: z.string().optional(),
  })
  .strict()
  .refine((a) => (a.sql === undefined) !== (a.question === undefined), 'exactly one of sql and question')

export type Attack = z.infer<typeof attackSchema>

export async function loadAttacks(file: string = attacksFile): Promise<Attack[]> {
  const lines = (await readFile(file, 'utf8')).split('\n')
  const attacks: Attack[] = []
  lines.forEach((line, index) => {
    if (line.trim() === '') return
    let json: unknown
    try {
      json = JSON.parse(line)
    } catch (error) {
      throw new Error(`${file}:${index + 1}: not JSON (${(error as Error).message})`, { cause: error })
    }
    const parsed = attackSchema.safeParse(json)
    if (!parsed.success) throw new Error(`${file}:${index + 1}: ${parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; ')}`)
    attacks.push(parsed.data)
  })
  const ids = new Set<string>()
  for (const attack of attacks) {
    if (ids.has(attack.id)) throw new Error(`${file}: duplicate attack id ${attack.id}`)
    ids.add(attack.id)
  }
  return attacks
}
