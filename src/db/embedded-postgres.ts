/**
 * The zero-setup database: PGlite (PostgreSQL in WebAssembly) with pgvector, pg_trgm and unaccent,
 * served on loopback through pglite-socket so the app, pg-based libraries and psql share one code path.
 * PGlite has a single backend session shared by every socket connection, so callers must use one connection.
 */
import { mkdir } from 'node:fs/promises'
import { PGlite } from '@electric-sql/pglite'
import { vector } from '@electric-sql/pglite-pgvector'
import { pg_trgm } from '@electric-sql/pglite/contrib/pg_trgm'
import { unaccent } from '@electric-sql/pglite/contrib/unaccent'
import { PGLiteSocketServer } from '@electric-sql/pglite-socket'

export interface EmbeddedPostgres {
  readonly pglite: PGlite
  readonly host: string
  readonly port: number
  readonly connectionString: string
  stop(): Promise<void>
}

/** `dataDir: 'memory'` keeps everything in memory (tests); any other value is a directory that persists. */
export async function startEmbeddedPostgres(options: { dataDir: string; port: number; host?: string }): Promise<EmbeddedPostgres> {
  const inMemory = options.dataDir === 'memory'
  if (!inMemory) await mkdir(options.dataDir, { recursive: true })
  const pglite = await PGlite.create(inMemory ? undefined : options.dataDir, { extensions: { vector, pg_trgm, unaccent } })
  const host = options.host ?? '127.0.0.1'
  // A few sockets so psql can attach beside the app; they still share the one backend session.
  const server = new PGLiteSocketServer({ db: pglite, host, port: options.port, maxConnections: 4 })
  try {
    await server.start()
  } catch (error) {
    await pglite.close()
    throw new Error(`Could not serve the embedded database on ${host}:${options.port}; set EMBEDDED_DB_PORT to a free port (0 picks one).`, { cause: error })
  }
  const [, port] = server.getServerConn().split(':')
  const boundPort = Number(port)
  return {
    pglite,
    host,
    port: boundPort,
    connectionString: `postgresql://postgres@${host}:${boundPort}/postgres?sslmode=disable`,
    async stop() {
      await server.stop()
      await pglite.close()
    },
  }
}
