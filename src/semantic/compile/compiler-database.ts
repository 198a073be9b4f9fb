/**
 * A Kysely instance that only compiles: PostgreSQL's adapter and query compiler (identifier and literal quoting) over
 * a driver that has no connection, so compiling a plan is pure and needs no database.
 */
import { DummyDriver, Kysely, PostgresAdapter, PostgresIntrospector, PostgresQueryCompiler } from 'kysely'
import type { Database } from '../../db/schema.js'

export const compilerDatabase = new Kysely<Database>({
  dialect: {
    createAdapter: () => new PostgresAdapter(),
    createDriver: () => new DummyDriver(),
    createIntrospector: (db) => new PostgresIntrospector(db),
    createQueryCompiler: () => new PostgresQueryCompiler(),
  },
})
