/**
 * Applies the numbered plain-SQL files of sql/migrations in order, each in its own transaction,
 * recorded in schema_migrations, under an advisory lock so replicas starting together cannot race.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import { fileURLToPath } from 'node:url'
import path from 'node:path'
import type pg from 'pg'

export const defaultMigrationsDir = fileURLToPath(new URL('../../sql/migrations/', import.meta.url))

export interface Migration { version: number; name: string; sql: string; checksum: string }
export interface MigrationResult { applied: string[]; alreadyApplied: number }

// Any fixed 64-bit number works; this one spells nothing and only has to be unique to this app.
const MIGRATION_LOCK_ID = 7_240_193_551

export async function readMigrations(dir: string = defaultMigrationsDir): Promise<Migration[]> {
  const files = (await readdir(dir)).filter((f) => /^\d+_[\w-]+\.sql$/.test(f))
  const migrations = await Promise.all(
    files.map(async (file) => {
      const sql = await readFile(path.join(dir, file), 'utf8')
      return { version: Number(file.split('_')[0]), name: file, sql, checksum: createHash('sha256').update(sql).digest('hex') }
    }),
  )
  migrations.sort((a, b) => a.version - b.version)
  for (let i = 1; i < migrations.length; i++) {
    if (migrations[i]!.version === migrations[i - 1]!.version) {
      throw new Error(`Two migrations share version ${migrations[i]!.version}: ${migrations[i - 1]!.name}, ${migrations[i]!.name}`)
    }
  }
  return migrations
}

export async function migrate(pool: pg.Pool, options: { dir?: string; log?: (message: string) => void } = {}): Promise<MigrationResult> {
  const migrations = await readMigrations(options.dir)
  const client = await pool.connect()
  try {
    await client.query('select pg_advisory_lock($1)', [MIGRATION_LOCK_ID])
    try {
      await client.query(`create table if not exists schema_migrations (
        version integer primary key,
        name text not null,
        checksum text not null,
        applied_at timestamptz not null default now()
      )`)
      const { rows } = await client.query<{ version: number; name: string; checksum: string }>('select version, name, checksum from schema_migrations')
      const done = new Map(rows.map((r) => [r.version, r]))
      const applied: string[] = []
      for (const migration of migrations) {
        const previous = done.get(migration.version)
        if (previous) {
          if (previous.checksum !== migration.checksum) {
            throw new Error(`Migration ${migration.name} was changed after it was applied; add a new migration instead of editing it.`)
          }
          continue
        }
        await client.query('begin')
        try {
          await client.query(migration.sql)
          await client.query('insert into schema_migrations (version, name, checksum) values ($1, $2, $3)', [migration.version, migration.name, migration.checksum])
          await client.query('commit')
        } catch (error) {
          await client.query('rollback')
          throw new Error(`Migration ${migration.name} failed and was rolled back: ${(error as Error).message}`, { cause: error })
        }
        applied.push(migration.name)
        options.log?.(`applied ${migration.name}`)
      }
      return { applied, alreadyApplied: migrations.length - applied.length }
    } finally {
      await client.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK_ID])
    }
  } finally {
    client.release()
  }
}
