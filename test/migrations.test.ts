import { afterAll, beforeAll, expect, it } from 'vitest'
import { migrate, readMigrations } from '../src/db/migrate.js'
import { openDatabase } from '../src/db/open-database.js'
import { createTestDatabase, describeEachDatabase, serverUrl, type TestDatabase } from './support/test-database.js'

describeEachDatabase('migrations', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(kind, { migrate: false })
  })
  afterAll(async () => t?.close())

  it('apply from an empty database and record every file', async () => {
    const result = await migrate(t.pool)
    const files = (await readMigrations()).map((m) => m.name)
    expect(files.slice(0, 2)).toEqual(['001_sales_model.sql', '002_access_and_audit.sql'])
    expect(result.applied).toEqual(files)
    const { rows } = await t.pool.query('select name from schema_migrations order by version')
    expect(rows.map((r) => r.name)).toEqual(result.applied)
  })

  it('are a no-op the second time', async () => {
    const result = await migrate(t.pool)
    expect(result.applied).toEqual([])
    expect(result.alreadyApplied).toBe((await readMigrations()).length)
  })

  it('create the extensions the product relies on', async () => {
    const { rows } = await t.pool.query(`select extname from pg_extension where extname in ('vector','pg_trgm','unaccent') order by 1`)
    expect(rows.map((r) => r.extname)).toEqual(['pg_trgm', 'unaccent', 'vector'])
  })
})

describeEachDatabase('migrations started by two replicas at once', (kind) => {
  it.skipIf(kind === 'embedded')('apply each file exactly once, the second replica waiting on the advisory lock', async () => {
    const t = await createTestDatabase(kind, { migrate: false })
    const url = new URL(serverUrl!)
    url.pathname = `/${t.databaseName}`
    const replica = await openDatabase({ kind: 'server', url: url.toString(), poolSize: 2 })
    try {
      const [a, b] = await Promise.all([migrate(t.pool), migrate(replica.pool)])
      const files = (await readMigrations()).map((m) => m.name)
      expect([...a.applied, ...b.applied].sort()).toEqual([...files].sort())
      expect(Math.min(a.applied.length, b.applied.length)).toBe(0)
      const { rows } = await t.pool.query('select count(*)::int as n from schema_migrations')
      expect(rows[0].n).toBe(files.length)
    } finally {
      await replica.close()
      await t.close()
    }
  })
})
