/**
 * A second, independent parser (node-sql-parser, PostgreSQL dialect) as a cross-check of the primary walk.
 * It misses functions, SELECT … INTO, CALL and treats WITH names as tables, so it never decides alone; but where it
 * understands the statement it must agree: one SELECT, no INTO, and only allowed tables outside the WITH names.
 */
import nodeSqlParser from 'node-sql-parser/build/postgresql.js'
import type { GuardPolicy } from './guard-policy.js'
import type { GuardRejection } from './guard-rejection.js'

const parser = new nodeSqlParser.Parser()

export function crossCheckWithSecondaryParser(sql: string, policy: GuardPolicy, cteNames: ReadonlySet<string>): GuardRejection | undefined {
  let parsed: ReturnType<typeof parser.parse>
  try {
    parsed = parser.parse(sql, { database: 'postgresql' })
  } catch (error) {
    if (policy.secondaryParser === 'require') {
      return { ok: false, code: 'parser_disagreement', reason: `The second SQL parser could not read this query (${describe(error)}); simplify it.` }
    }
    return undefined
  }
  const disagree = (what: string): GuardRejection => ({
    ok: false,
    code: 'parser_disagreement',
    reason: `The two SQL parsers disagree about this query (${what}), so it was refused.`,
  })
  const statements = Array.isArray(parsed.ast) ? parsed.ast : [parsed.ast]
  if (statements.length !== 1) return disagree('more than one statement')
  const statement = statements[0] as { type?: unknown; into?: { position?: unknown } | null }
  if (statement.type !== 'select') return disagree(`a ${String(statement.type).toUpperCase()} statement`)
  if (statement.into?.position) return disagree('SELECT … INTO')
  for (const entry of parsed.tableList) {
    const [action, schema, table] = entry.split('::')
    if (action !== 'select') return disagree(`${action} on ${table}`)
    const name = (table ?? '').toLowerCase()
    const unqualified = schema === 'null' || schema === undefined
    if (unqualified && cteNames.has(name)) continue
    if ((!unqualified && schema?.toLowerCase() !== 'public') || !Object.hasOwn(policy.relations, name)) {
      return disagree(`table ${unqualified ? '' : `${schema}.`}${table}`)
    }
  }
  return undefined
}

function describe(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error)
  return message.length > 120 ? `${message.slice(0, 117)}…` : message
}
