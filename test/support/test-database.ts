/**
 * Real databases for tests: the embedded PGlite (always) and a PostgreSQL server when TEST_DATABASE_URL
 * is set (CI sets it; there a missing server fails instead of skipping). Each call gets a fresh,
 * migrated database of its own, dropped by `close()`.
 */
import { randomBytes } from 'node:crypto'
import { describe } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { migrate } from '../../src/db/migrate.js'
import { runAdminStatement } from '../../src/db/server-admin.js'
import { openDatabase, type DatabaseHandle, type DatabaseKind } from '../../src/db/open-database.js'

const config = loadConfig()

export const serverUrl = config.testDatabaseUrl

export const databaseKinds: DatabaseKind[] = serverUrl ? ['embedded', 'server'] : ['embedded']

if (!serverUrl) {
  console.warn('[salesmatrix tests] TEST_DATABASE_URL is not set: the PostgreSQL server suite is SKIPPED; only the embedded PGlite runs.')
}

/** Runs the same suite against every available database, e.g. `describeEachDatabase('orders API', (kind) => …)`. */
export function describeEachDatabase(name: string, suite: (kind: DatabaseKind) => void): void {
  for (const kind of ['embedded', 'server'] as const) {
    describe.skipIf(!databaseKinds.includes(kind))(`${name} [${kind === 'embedded' ? 'PGlite' : 'PostgreSQL'}]`, () => suite(kind))
  }
}

export interface TestDatabase extends DatabaseHandle {
  /** The database name on the server (undefined for PGlite). */
  readonly databaseName?: string
}

export async function createTestDatabase(kind: DatabaseKind, options: { migrate?: boolean } = {}): Promise<TestDatabase> {
  let handle: DatabaseHandle
  let databaseName: string | undefined
  let dropDatabase = async () => undefined as void
  if (kind === 'embedded') {
    handle = await openDatabase({ kind: 'embedded', dataDir: 'memory' })
  } else {
    if (!serverUrl) throw new Error('TEST_DATABASE_URL is required for the PostgreSQL server suite')
    databaseName = `smx_test_${randomBytes(6).toString('hex')}`
    await adminQuery(`create database ${databaseName}`)
    const url = new URL(serverUrl)
    url.pathname = `/${databaseName}`
    handle = await openDatabase({ kind: 'server', url: url.toString(), poolSize: 8 })
    const name = databaseName
    dropDatabase = async () => adminQuery(`drop database if exists ${name} with (force)`)
  }
  if (options.migrate !== false) await migrate(handle.pool)
  return {
    ...handle,
    databaseName,
    async close() {
      await handle.close()
      await dropDatabase()
    },
  }
}

const adminQuery = (statement: string) => runAdminStatement(serverUrl!, statement)
