/**
 * Rewrites schema-qualified relation references (public.orders, "public" . /* c *\/ "orders") to the bare name, so
 * the row-scoping WITH items the runner puts in front of a query cover every reference: a schema-qualified name
 * would bypass a WITH item of the same name. Works on PostgreSQL's own tokens; offsets are UTF-8 byte offsets.
 */
import { reject } from './guard-rejection.js'
import { scanPostgresSql } from './sql-parser.js'

const isComment = (tokenName: string) => tokenName === 'C_COMMENT' || tokenName === 'SQL_COMMENT'

/** `references` are the byte offsets where each qualified name starts, with the relation name each must become. */
export function unqualifyRelations(sql: string, references: ReadonlyArray<{ location: number; relname: string }>): string {
  if (references.length === 0) return sql
  const tokens = scanPostgresSql(sql).tokens.filter((t) => !isComment(t.tokenName))
  const replacements = references.map(({ location, relname }) => {
    const at = tokens.findIndex((t) => t.start === location)
    const [schema, dot, name] = [tokens[at], tokens[at + 1], tokens[at + 2]]
    if (at < 0 || !schema || dot?.text !== '.' || !name) {
      return reject('rewrite_failed', 'A schema-qualified table name could not be rewritten; write the table name without its schema.')
    }
    if (!/^[a-z_][a-z0-9_]*$/.test(relname)) return reject('rewrite_failed', 'A schema-qualified table name could not be rewritten.')
    return { start: schema.start, end: name.end, text: `"${relname}"` }
  })
  replacements.sort((a, b) => b.start - a.start)
  let bytes = Buffer.from(sql, 'utf8')
  for (const r of replacements) {
    bytes = Buffer.concat([bytes.subarray(0, r.start), Buffer.from(r.text, 'utf8'), bytes.subarray(r.end)])
  }
  return bytes.toString('utf8')
}
