/**
 * Gold SQL runner over the Kysely handle (for the HTTP routes, which hold no pg.Pool): the query is checked by the
 * SQL guard again, then run in a READ ONLY transaction that is always rolled back. Same contract as createGoldRunner.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import { checkGoldSql } from './check-gold-sql.js'
import type { ResultRow } from './match-result-rows.js'
import type { GoldRunner } from './run-evals.js'

export function createDatabaseGoldRunner(db: Kysely<Database>): GoldRunner {
  return async (goldSql) => {
    const text = await checkGoldSql(goldSql)
    const trx = await db.startTransaction().setAccessMode('read only').execute()
    try {
      const result = await sql.raw<ResultRow>(text).execute(trx)
      return [...result.rows]
    } finally {
      await trx.rollback().execute()
    }
  }
}
