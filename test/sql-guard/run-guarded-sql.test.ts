import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import {
  createGuardedSqlRunner,
  guardPolicyForPrincipal,
  type GuardedSqlLimits,
  type GuardedSqlResult,
  type GuardedSqlRunner,
  type GuardedSqlSuccess,
  type SqlPrincipal,
} from '../../src/sql-guard/index.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { legitimateQueries } from './support/legitimate-queries.js'
import { canaryValues, insertSalesFixture, type SalesFixture } from './support/sales-fixture.js'

const limits: GuardedSqlLimits = { maxRows: 100, statementTimeoutMs: 5_000, lockTimeoutMs: 1_000, maxPlanCost: 250_000 }
const analyst: SqlPrincipal = { userId: 'u-analyst', role: 'analyst' }
const admin: SqlPrincipal = { userId: 'u-admin', role: 'admin' }

const succeeded = (result: GuardedSqlResult): GuardedSqlSuccess => {
  if (!result.ok) throw new Error(`expected success, got ${result.code}: ${result.reason}`)
  return result
}

describeEachDatabase('guarded SQL runner', (kind) => {
  let t: TestDatabase
  let fixture: SalesFixture
  let runner: GuardedSqlRunner
  let rep: SqlPrincipal

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    fixture = await insertSalesFixture(t.pool)
    runner = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits })
    rep = { userId: 'u-ana', role: 'rep', repId: fixture.repIds.ana }
  })
  afterAll(async () => t?.close())

  describe('answers legitimate analytic questions', () => {
    for (const [name, sql] of Object.entries(legitimateQueries)) {
      it(`answers ${name}`, async () => {
        const result = succeeded(await runner.run({ sql, principal: analyst, purpose: 'test' }))
        expect(result.fields.length).toBeGreaterThan(0)
        expect(JSON.stringify(result.rows)).not.toContain('CANARY')
      })
    }

    it('returns rows keyed by field, field types, the row count, the duration and the SQL actually run', async () => {
      const result = succeeded(
        await runner.run({ sql: 'select s.name, count(*) as orders from orders o join sales_reps s on s.id = o.rep_id group by s.name order by s.name;', principal: analyst }),
      )
      expect(result.rows).toEqual([
        { name: 'Ana', orders: 12 },
        { name: 'Bruno', orders: 12 },
        { name: 'Carla', orders: 12 },
      ])
      expect(result.fields).toEqual([
        { name: 'name', dataTypeID: 25 },
        { name: 'orders', dataTypeID: 20 },
      ])
      expect(result).toMatchObject({ rowCount: 3, truncated: false, params: [] })
      expect(result.durationMs).toBeGreaterThanOrEqual(0)
      expect(result.sql).toBe(
        'SELECT * FROM (\nselect s.name, count(*) as orders from orders o join sales_reps s on s.id = o.rep_id group by s.name order by s.name\n) AS guarded_result LIMIT 101',
      )
    })

    it('keeps columns that share a name apart', async () => {
      const result = succeeded(await runner.run({ sql: 'select r.id, c.id, r.name, c.name from regions r join categories c on c.id = r.id order by 1', principal: analyst }))
      expect(result.fields.map((f) => f.name)).toEqual(['id', 'id_2', 'name', 'name_2'])
      expect(result.rows[0]).toMatchObject({ id: 1, id_2: 1 })
    })

    it('lets an admin read sensitive columns, and nobody else', async () => {
      const sql = 'select c.email from customers c order by c.id limit 1'
      expect(succeeded(await runner.run({ sql, principal: admin })).rows).toEqual([{ email: canaryValues.customerEmail }])
      expect(await runner.run({ sql, principal: analyst })).toMatchObject({ ok: false, code: 'sensitive_column' })
      expect(await runner.run({ sql, principal: { userId: 'd', role: 'director' } })).toMatchObject({ ok: false, code: 'sensitive_column' })
    })
  })

  describe('caps the rows', () => {
    it('returns at most maxRows rows and says the result was cut', async () => {
      const small = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: { ...limits, maxRows: 5 } })
      const cut = succeeded(await small.run({ sql: 'select id from orders order by id', principal: analyst }))
      expect(cut).toMatchObject({ rowCount: 5, truncated: true })
      expect(cut.rows.map((r) => r.id)).toEqual([1, 2, 3, 4, 5])
      expect(succeeded(await small.run({ sql: 'select id from orders order by id limit 5', principal: analyst }))).toMatchObject({ rowCount: 5, truncated: false })
      expect(succeeded(await small.run({ sql: 'select id from regions', principal: analyst }))).toMatchObject({ rowCount: 2, truncated: false })
    })
  })

  describe('scopes a rep to their own orders', () => {
    const countOf = async (sql: string, principal: SqlPrincipal) => Number(succeeded(await runner.run({ sql, principal })).rows[0]!.n)

    it('counts only their orders, however the table is named', async () => {
      const own = fixture.ordersByRep.get(fixture.repIds.ana)!
      expect(own).toBeLessThan(fixture.totalOrders)
      for (const sql of [
        'select count(*) as n from orders',
        'select count(*) as n from public.orders',
        'select count(*) as n from "public"."orders"',
        'select count(*) as n from public . /* hidden */ orders',
        'select count(*) as n from orders o where o.rep_id = 7 or true',
        `select count(*) as n from orders where rep_id <> ${fixture.repIds.ana} or rep_id = ${fixture.repIds.ana}`,
        'with mine as (select * from public.orders) select count(*) as n from mine',
        'select count(*) as n from (select * from public.orders) s',
        'select (select count(*) from public.orders) as n',
        'select count(*) as n from only public.orders',
      ]) {
        expect(await countOf(sql, rep), sql).toBe(own)
      }
      expect(await countOf('select count(*) as n from orders', analyst)).toBe(fixture.totalOrders)
    })

    it('sees only the items of their orders', async () => {
      expect(await countOf('select count(*) as n from public.order_items', rep)).toBe(fixture.itemsByRep.get(fixture.repIds.ana))
      expect(await countOf('select count(*) as n from order_items i join orders o on o.id = i.order_id', rep)).toBe(fixture.itemsByRep.get(fixture.repIds.ana))
    })

    it('sees their own targets and the company and region ones, not other reps’', async () => {
      const result = succeeded(await runner.run({ sql: 'select rep_id, region_id, amount from public.sales_targets order by amount', principal: rep }))
      expect(result.rows).toEqual([
        { rep_id: fixture.repIds.ana, region_id: null, amount: 5000 },
        { rep_id: null, region_id: expect.any(Number), amount: 20000 },
        { rep_id: null, region_id: null, amount: 50000 },
      ])
    })

    it('passes the rep id as a parameter and shows the SQL actually run', async () => {
      const result = succeeded(await runner.run({ sql: 'select rep_id from orders limit 1', principal: rep }))
      expect(result.params).toEqual([fixture.repIds.ana])
      expect(result.sql).toMatch(/^WITH "orders" AS MATERIALIZED \(\n {2}SELECT \* FROM public\.orders WHERE rep_id = \$1::integer/)
    })

    it('never evaluates the query’s own conditions on other reps’ rows, so errors cannot reveal them', async () => {
      const { rows } = await t.pool.query('select min(id) as id from orders where rep_id = $1', [fixture.repIds.bruno])
      const brunosOrder = Number(rows[0].id)
      for (const sql of [
        `select count(*) as n from order_items i where 1 / (case when i.order_id = ${brunosOrder} then 0 else 1 end) = 1`,
        `select count(*) as n from orders o where 1 / (case when o.id = ${brunosOrder} then 0 else 1 end) = 1`,
        `select count(*) as n from sales_targets t where 1 / (case when t.rep_id = ${fixture.repIds.bruno} then 0 else 1 end) = 1`,
      ]) {
        expect(await runner.run({ sql, principal: rep }), sql).toMatchObject({ ok: true })
      }
    })

    it('refuses a WITH item that would replace the scoped table', async () => {
      expect(await runner.run({ sql: 'with orders as (select * from public.orders) select count(*) from orders', principal: rep })).toMatchObject({
        ok: false,
        code: 'forbidden_clause',
      })
    })

    it('refuses a rep that is not linked to a rep id, and unknown roles', async () => {
      expect(await runner.run({ sql: 'select 1', principal: { userId: 'x', role: 'rep' } })).toMatchObject({ ok: false, code: 'forbidden_principal' })
      expect(await runner.run({ sql: 'select 1', principal: { userId: 'x', role: 'intern' } as unknown as SqlPrincipal })).toMatchObject({
        ok: false,
        code: 'forbidden_principal',
      })
    })
  })

  describe('bounds the time a query may take', () => {
    it('refuses a query the planner knows is huge before running it', async () => {
      const result = await runner.run({ sql: 'select count(*) from generate_series(1, 100000000)', principal: analyst })
      expect(result).toMatchObject({ ok: false, code: 'too_expensive' })
      expect(!result.ok && result.reason).toMatch(/too expensive/)
    })

    it.skipIf(kind === 'embedded')('stops a query at the statement timeout (PostgreSQL; PGlite ignores statement_timeout)', async () => {
      const quick = createGuardedSqlRunner({ pool: t.pool, policy: guardPolicyForPrincipal, limits: { ...limits, statementTimeoutMs: 200, maxPlanCost: undefined } })
      const started = Date.now()
      const result = await quick.run({ sql: 'select count(*) from generate_series(1, 300000000)', principal: analyst })
      expect(result).toMatchObject({ ok: false, code: 'timeout' })
      expect(Date.now() - started).toBeLessThan(5_000)
    })
  })

  describe('returns mistakes as data', () => {
    it('returns a refusal with a reason a person can read', async () => {
      expect(await runner.run({ sql: 'delete from orders', principal: analyst })).toMatchObject({
        ok: false,
        code: 'not_select',
        reason: 'Only SELECT queries are allowed; this is DELETE.',
      })
    })

    it('returns the database’s complaint about a wrong column', async () => {
      const result = await runner.run({ sql: 'select o.id from orders o where o.id = (select id from regions)', principal: analyst })
      expect(result).toMatchObject({ ok: false, code: 'query_failed' })
      const missing = await runner.run({ sql: 'select nonexistent from orders', principal: analyst })
      expect(missing).toMatchObject({ ok: false, code: 'query_failed', reason: expect.stringContaining('nonexistent') })
    })
  })

  describe('audits every execution', () => {
    it('writes one query_audit row per run, including refusals and failures', async () => {
      const before = Number((await t.pool.query('select count(*) as n from query_audit')).rows[0].n)
      await runner.run({ sql: 'select count(*) from orders', principal: rep, purpose: 'chat', question: 'How many orders do I have?' })
      await runner.run({ sql: 'select * from api_keys', principal: analyst, purpose: 'chat', question: 'Show the keys' })
      await runner.run({ sql: 'select nonexistent from orders', principal: analyst, purpose: 'cli' })
      const { rows } = await t.pool.query(
        `select user_id, principal_role, rep_id, purpose, question, submitted_sql, executed_sql, outcome, code, reason, tables, duration_ms, row_count, truncated
           from query_audit order by id desc limit 3`,
      )
      expect(Number((await t.pool.query('select count(*) as n from query_audit')).rows[0].n)).toBe(before + 3)
      const [failed, rejected, ok] = rows
      expect(ok).toMatchObject({
        user_id: 'u-ana',
        principal_role: 'rep',
        rep_id: fixture.repIds.ana,
        purpose: 'chat',
        question: 'How many orders do I have?',
        submitted_sql: 'select count(*) from orders',
        outcome: 'ok',
        code: null,
        tables: ['orders'],
        row_count: 1,
        truncated: false,
      })
      expect(ok.executed_sql).toContain('WITH "orders" AS')
      expect(ok.duration_ms).toBeGreaterThanOrEqual(0)
      expect(rejected).toMatchObject({ outcome: 'rejected', code: 'forbidden_relation', executed_sql: null, question: 'Show the keys', row_count: null })
      expect(rejected.reason).toContain('api_keys')
      expect(failed).toMatchObject({ outcome: 'failed', code: 'query_failed', purpose: 'cli' })
      expect(failed.executed_sql).toContain('select nonexistent from orders')
    })

    it('withholds the result when the audit cannot be written', async () => {
      const unaudited = createGuardedSqlRunner({
        pool: t.pool,
        policy: guardPolicyForPrincipal,
        limits,
        audit: async () => {
          throw new Error('audit store down')
        },
      })
      await expect(unaudited.run({ sql: 'select 1', principal: analyst })).rejects.toMatchObject({ code: 'internal' })
    })

    it('does not let the reader role read the audit', async () => {
      expect(await runner.run({ sql: 'select * from query_audit', principal: admin })).toMatchObject({ ok: false, code: 'forbidden_relation' })
    })
  })

  it('leaves the pooled connection clean: no transaction, no role, no settings', async () => {
    await runner.run({ sql: 'select count(*) from orders', principal: rep })
    await runner.run({ sql: 'select nonexistent from orders', principal: analyst })
    const { rows } = await t.pool.query(
      `select current_user as role, current_setting('transaction_read_only') as read_only, current_setting('statement_timeout') as timeout, current_setting('search_path') as path`,
    )
    expect(rows[0]).toMatchObject({ role: 'postgres', read_only: 'off', timeout: '0' })
    expect(rows[0].path).not.toContain('pg_temp')
  })
})

describe('guarded SQL runner limits', () => {
  it('rejects a maxRows that is not a positive integer', () => {
    expect(() => createGuardedSqlRunner({ pool: {} as never, policy: guardPolicyForPrincipal, limits: { ...limits, maxRows: 0 } })).toThrow(/maxRows/)
  })
})
