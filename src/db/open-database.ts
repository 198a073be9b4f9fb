/**
 * Opens the database the configuration points at: a PostgreSQL server when a URL is given,
 * otherwise the embedded PGlite. Either way the app gets Kysely over one pg.Pool.
 */
import pg from 'pg'
import { Kysely, PostgresDialect } from 'kysely'
import type { Database } from './schema.js'
import { createEmbeddedBulkLoader, createServerBulkLoader, type BulkLoader } from './bulk-loader.js'
import { startEmbeddedPostgres } from './embedded-postgres.js'

export type DatabaseKind = 'embedded' | 'server'

export interface DatabaseHandle {
  readonly kind: DatabaseKind
  readonly db: Kysely<Database>
  readonly pool: pg.Pool
  readonly bulk: BulkLoader
  /** A URL psql can use (the embedded one is on loopback). */
  readonly connectionString: string
  close(): Promise<void>
}

export type OpenDatabaseOptions = (
  | { kind: 'server'; url: string; poolSize?: number }
  | { kind: 'embedded'; dataDir: string; port?: number }
) & {
  /** Told when an idle pooled connection dies (e.g. a server restart); the pool replaces it. */
  onIdleClientError?: (error: Error) => void
}

const PG_INT8 = 20
const PG_NUMERIC = 1700
const PG_DATE = 1082

/** bigint ids and counts fit in a JS number here; money is numeric(12..14,2), well inside double precision. */
const types = {
  getTypeParser(oid: number, format?: 'text' | 'binary') {
    if (oid === PG_INT8 || oid === PG_NUMERIC) return (value: string) => Number(value)
    // A calendar date is not an instant: keep 'YYYY-MM-DD' so no time zone moves a sale to another day.
    if (oid === PG_DATE) return (value: string) => value
    return pg.types.getTypeParser(oid, format)
  },
} as pg.CustomTypesConfig

export async function openDatabase(options: OpenDatabaseOptions): Promise<DatabaseHandle> {
  if (options.kind === 'server') {
    const pool = new pg.Pool({ connectionString: options.url, max: options.poolSize ?? 10, types })
    return wrap('server', pool, createServerBulkLoader(pool), options.url, options.onIdleClientError, async () => undefined)
  }
  const embedded = await startEmbeddedPostgres({ dataDir: options.dataDir, port: options.port ?? 0 })
  const pool = new pg.Pool({ host: embedded.host, port: embedded.port, user: 'postgres', database: 'postgres', max: 1, types })
  return wrap('embedded', pool, createEmbeddedBulkLoader(embedded.pglite), embedded.connectionString, options.onIdleClientError, () => embedded.stop())
}

function wrap(
  kind: DatabaseKind,
  pool: pg.Pool,
  bulk: BulkLoader,
  connectionString: string,
  onIdleClientError: ((error: Error) => void) | undefined,
  stop: () => Promise<void>,
): DatabaseHandle {
  let closed = false
  // Without a listener an idle client's error event would crash the process. Once we are closing, sockets
  // ending under idle clients are expected, not news.
  pool.on('error', (error) => {
    if (!closed) onIdleClientError?.(error)
  })
  const db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) })
  return {
    kind,
    db,
    pool,
    bulk,
    connectionString,
    async close() {
      if (closed) return
      closed = true
      await db.destroy()
      await stop()
    },
  }
}
