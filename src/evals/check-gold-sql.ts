/**
 * Gold SQL of a curated eval case must be exactly one read-only SELECT the SQL guard accepts (as an admin would run
 * it): checked when a case is written, so a bad gold query is refused at the door instead of failing every run.
 */
import { AppError } from '../errors/app-error.js'
import { guardPolicyForPrincipal, guardSql, loadSqlParser } from '../sql-guard/index.js'

/** Returns the SQL as given (trimmed) when the guard accepts it; throws a 422 naming the reason otherwise. */
export async function checkGoldSql(goldSql: string, path = 'goldSql'): Promise<string> {
  await loadSqlParser()
  const text = goldSql.trim()
  const verdict = guardSql(text, guardPolicyForPrincipal({ role: 'admin' }))
  if (!verdict.ok) {
    throw new AppError('unprocessable', `The gold SQL was refused by the SQL guard (${verdict.code}): ${verdict.reason}`, {
      fields: [{ path, message: verdict.reason }],
      guard_code: verdict.code,
    })
  }
  return text
}
