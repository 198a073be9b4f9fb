/**
 * The zero-setup database: PGlite (PostgreSQL in WebAssembly) with pgvector, pg_trgm and unaccent,
 * served on loopback through pglite-socket so the app, pg-based libraries and psql share one code path.
 * PGlite has a single backend session shared by every socket connection, so callers must use one connection.
 */
import { mkdir, readFile, rm, writeFile } from 'node:fs/promises'
import path from 'node:path'
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
  const releaseLock = inMemory ? async () => undefined : await lockDataDir(options.dataDir)
  let pglite: PGlite
  try {
    pglite = await PGlite.create(inMemory ? undefined : options.dataDir, { extensions: { vector, pg_trgm, unaccent } })
  } catch (error) {
    await releaseLock()
    throw error
  }
  const host = options.host ?? '127.0.0.1'
  // A few sockets so psql can attach beside the app; they still share the one backend session.
  const server = new PGLiteSocketServer({ db: pglite, host, port: options.port, maxConnections: 4 })
  try {
    await server.start()
  } catch (error) {
    await pglite.close()
    await releaseLock()
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
      await releaseLock()
    },
  }
}

/**
 * PGlite files must never be opened by two processes at once (that corrupts them), so the data
 * directory carries a lock file with the owner's pid; a stale lock from a dead process is taken over.
 */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  await mkdir(dataDir, { recursive: true })
  const lockFile = path.join(dataDir, '..', `${path.basename(dataDir)}.lock`)
  const owner = await readFile(lockFile, 'utf8').then(Number, (error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined
    throw error
  })
  if (owner && owner !== process.pid && isAlive(owner)) {
    throw new Error(
      `The embedded database in ${dataDir} is in use by process ${owner} (probably \`salesmatrix serve\`). Stop it first, or use a PostgreSQL server via DATABASE_URL.`,
    )
  }
  await writeFile(lockFile, String(process.pid))
  return async () => rm(lockFile, { force: true })
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0)
    return true
  } catch (error) {
    // EPERM: it exists but belongs to someone else — still alive.
    return (error as NodeJS.ErrnoException).code === 'EPERM'
  }
}
