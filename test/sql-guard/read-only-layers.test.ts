/**
 * The layers under the guard, each tested with the guard out of the way: whatever SQL reaches the database, the
 * read-only transaction, the reader role and the extended protocol must each refuse to write on their own.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { executeReadOnlySql, readerRoles, ReadOnlyExecutionError, type ReaderRole } from '../../src/sql-guard/index.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { insertSalesFixture, snapshotDatabase } from './support/sales-fixture.js'

const limits = { statementTimeoutMs: 5_000, lockTimeoutMs: 1_000 }

const writes = {
  INSERT: `insert into regions (name) values ('pwned')`,
  UPDATE: 'update products set unit_price = 0',
  DELETE: 'delete from order_items',
  DROP: 'drop table order_items',
  TRUNCATE: 'truncate sales_targets',
  'CREATE TABLE': 'create table pwned (id integer)',
  'ALTER TABLE': 'alter table customers add column pwned text',
  'data-changing WITH': 'with gone as (delete from orders returning id) select count(*) from gone',
  'SELECT INTO': 'select * into pwned from regions',
  nextval: `select nextval('regions_id_seq')`,
  'GRANT': 'grant select on api_keys to public',
}

async function failureOf(promise: Promise<unknown>): Promise<ReadOnlyExecutionError> {
  try {
    await promise
  } catch (error) {
    expect(error).toBeInstanceOf(ReadOnlyExecutionError)
    return error as ReadOnlyExecutionError
  }
  throw new Error('expected the statement to fail')
}

describeEachDatabase('read-only execution layers', (kind) => {
  let t: TestDatabase
  let before: Record<string, string>

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await insertSalesFixture(t.pool)
    before = await snapshotDatabase(t.pool)
  })
  afterAll(async () => t?.close())

  const run = (text: string, role: ReaderRole = readerRoles.standard) => executeReadOnlySql(t.pool, { text, values: [], role, limits })

  describe('the low-level executor, called directly with writes', () => {
    for (const [name, sql] of Object.entries(writes)) {
      it(`refuses ${name}`, async () => {
        const failure = await failureOf(run(sql))
        // 25006: read-only transaction; 42501: no privilege.
        expect(['25006', '42501']).toContain(failure.sqlState)
        expect(failure.phase).toBe('query')
      })
    }

    it('refuses a second statement in the same text (extended protocol)', async () => {
      const failure = await failureOf(run('select 1; delete from order_items'))
      expect(failure.sqlState).toBe('42601')
      expect(failure.databaseMessage).toMatch(/multiple commands/)
    })

    it('refuses to switch the transaction back to read write', async () => {
      const failure = await failureOf(run(`select set_config('transaction_read_only', 'off', true)`))
      expect(failure.sqlState).toMatch(/^(25|42)/)
    })

    it('changed nothing', async () => {
      expect(await snapshotDatabase(t.pool)).toEqual(before)
    })
  })

  describe('the reader role alone', () => {
    const asReader = async (statements: string[], role: ReaderRole = readerRoles.standard) => {
      const client = await t.pool.connect()
      try {
        // A read-WRITE transaction: only the role stands in the way.
        await client.query('begin')
        await client.query(`set local role ${role}`)
        for (const sql of statements.slice(0, -1)) await client.query(sql)
        await client.query(statements.at(-1)!)
        return undefined
      } catch (error) {
        return error as { code?: string }
      } finally {
        await client.query('rollback')
        client.release()
      }
    }

    for (const [name, sql] of Object.entries(writes)) {
      if (name === 'SELECT INTO' || name === 'CREATE TABLE') continue
      it(`refuses ${name} even in a read-write transaction`, async () => {
        expect((await asReader([sql]))?.code).toBe('42501')
      })
    }

    it('cannot create tables in public', async () => {
      expect((await asReader(['create table public.pwned (id integer)']))?.code).toBe('42501')
      expect((await asReader(['select * into public.pwned from regions']))?.code).toBe('42501')
    })

    it('still refuses a write after SET TRANSACTION READ WRITE (PGlite accepts that switch for a superuser)', async () => {
      const client = await t.pool.connect()
      try {
        await client.query('begin read only')
        await client.query(`set local role ${readerRoles.standard}`)
        const switched = await client.query('set transaction read write').then(
          () => true,
          () => false,
        )
        const error = await client.query(`insert into regions (name) values ('pwned')`).then(
          () => undefined,
          (e: { code?: string }) => e,
        )
        expect(error?.code, `switch to read write ${switched ? 'was accepted' : 'was refused'}`).toMatch(/^(42501|25006|25P02)$/)
      } finally {
        await client.query('rollback')
        client.release()
      }
    })

    it.each(['api_keys', 'audit_log', 'idempotency_keys', 'schema_migrations', 'query_audit'])('cannot read %s', async (table) => {
      for (const role of Object.values(readerRoles)) {
        const failure = await failureOf(executeReadOnlySql(t.pool, { text: `select * from ${table}`, values: [], role, limits }))
        expect(failure.sqlState).toBe('42501')
      }
    })

    it('cannot read personal columns unless it is the pii reader', async () => {
      for (const sql of ['select email from customers', 'select tax_id from customers', 'select email from sales_reps', 'select slack_user_id from sales_reps', 'select * from customers']) {
        expect((await failureOf(run(sql))).sqlState).toBe('42501')
      }
      const allowed = await run('select count(email) as n from customers', readerRoles.sensitive)
      expect(allowed).toMatchObject({ ok: true })
      expect(await run('select count(*) as n, max(name) from customers')).toMatchObject({ ok: true, rows: [[3, 'Gama']] })
    })

    it('changed nothing', async () => {
      expect(await snapshotDatabase(t.pool)).toEqual(before)
    })
  })

  describe('the roles of migration 003', () => {
    it('cannot log in, are not superusers and belong to no other role', async () => {
      const { rows } = await t.pool.query(
        `select r.rolname, r.rolcanlogin, r.rolsuper, r.rolcreaterole, r.rolcreatedb, r.rolbypassrls,
                (select count(*) from pg_auth_members m where m.member = r.oid)::int as memberships
           from pg_roles r where r.rolname in ('salesmatrix_reader', 'salesmatrix_reader_pii') order by 1`,
      )
      expect(rows).toEqual(
        ['salesmatrix_reader', 'salesmatrix_reader_pii'].map((rolname) => ({
          rolname,
          rolcanlogin: false,
          rolsuper: false,
          rolcreaterole: false,
          rolcreatedb: false,
          rolbypassrls: false,
          memberships: 0,
        })),
      )
    })

    it('are granted SELECT on the analytic relations only', async () => {
      const { rows } = await t.pool.query(
        `select grantee, string_agg(distinct table_name, ',' order by table_name) as tables, string_agg(distinct privilege_type, ',') as privileges
           from information_schema.role_table_grants
          where grantee in ('salesmatrix_reader', 'salesmatrix_reader_pii') group by grantee order by grantee`,
      )
      expect(rows).toEqual([
        { grantee: 'salesmatrix_reader', tables: 'categories,order_items,orders,products,regions,sales_targets', privileges: 'SELECT' },
        { grantee: 'salesmatrix_reader_pii', tables: 'categories,customers,order_items,orders,products,regions,sales_reps,sales_targets', privileges: 'SELECT' },
      ])
    })

    it(`can be assumed by the connecting user (${kind})`, async () => {
      const { rows } = await t.pool.query(`select pg_has_role(current_user, 'salesmatrix_reader', 'MEMBER') as member`)
      expect(rows[0].member).toBe(true)
    })
  })

  it('leaves the connection outside any transaction, as the connecting user', async () => {
    await failureOf(run('delete from orders'))
    await run('select 1')
    const { rows } = await t.pool.query(`select current_user as role, current_setting('transaction_read_only') as read_only`)
    expect(rows[0]).toEqual({ role: 'postgres', read_only: 'off' })
  })
})

describe('executeReadOnlySql', () => {
  it('refuses roles other than the reader roles and limits that are not positive integers', async () => {
    await expect(executeReadOnlySql({} as never, { text: 'select 1', values: [], role: 'postgres' as ReaderRole, limits })).rejects.toThrow(/reader role/)
    await expect(executeReadOnlySql({} as never, { text: 'select 1', values: [], role: readerRoles.standard, limits: { ...limits, statementTimeoutMs: 0 } })).rejects.toThrow(
      /statementTimeoutMs/,
    )
  })
})
