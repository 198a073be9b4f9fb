/**
 * Runs gold SQL for the eval harness: in a READ ONLY transaction that is always rolled back, so a suite file (which
 * anyone may hand the harness) can read the database but never change it.
 */
import type pg from 'pg'
import type { GoldRunner } from './run-evals.js'

export function createGoldRunner(pool: pg.Pool): GoldRunner {
  return async (sql) => {
    const client = await pool.connect()
    let broken: Error | undefined
    try {
      await client.query('begin transaction read only')
      try {
        const result = await client.query(sql)
        // Several statements give several results; a gold answer is one result.
        if (Array.isArray(result)) throw new Error('gold SQL must be a single statement')
        return result.rows as Record<string, unknown>[]
      } finally {
        try {
          await client.query('rollback')
        } catch (error) {
          // A connection that cannot roll back must not go back to the pool.
          broken = error as Error
        }
      }
    } finally {
      client.release(broken)
    }
  }
}
