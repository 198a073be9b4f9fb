/**
 * The agent's reply text as lines for a card: the fenced text table and the fenced SQL are dropped when the card
 * shows them as a Table element and under "Show SQL" (the same reading the web chat does).
 */
import type { AgentReply } from '../../agents/agent-contract.js'

const rowsShownLine = /^\((showing|mostrando) \d+ (of|de) \d+\)$/
const sqlLabelLine = /^SQL:$/

export interface ReplyLines {
  readonly lines: readonly string[]
  /** Fenced blocks the card does not show otherwise (e.g. a forecast's text table without a table). */
  readonly code: readonly string[]
}

export function replyLines(reply: Pick<AgentReply, 'text' | 'table' | 'sql'>): ReplyLines {
  const lines: string[] = []
  const code: string[] = []
  const raw = reply.text.split('\n')
  let tableDropped = false
  for (let i = 0; i < raw.length; i++) {
    const fence = /^```(\w*)\s*$/.exec(raw[i]!)
    if (!fence) {
      const line = raw[i]!.trim()
      if (!line) continue
      if (sqlLabelLine.test(line) && reply.sql && /^```sql\s*$/i.test(raw[i + 1] ?? '')) continue
      lines.push(line)
      continue
    }
    const body: string[] = []
    for (i++; i < raw.length && !/^```\s*$/.test(raw[i]!); i++) body.push(raw[i]!)
    const lang = fence[1]!.toLowerCase()
    if (lang === 'sql' && reply.sql) continue
    if (!lang && reply.table && !tableDropped) {
      tableDropped = true
      if (rowsShownLine.test((raw[i + 1] ?? '').trim())) i++
      continue
    }
    code.push(body.join('\n'))
  }
  return { lines, code }
}
