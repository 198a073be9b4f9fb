import { beforeAll, describe, expect, it } from 'vitest'
import { createAnalyticsGuardPolicy, guardSql, loadSqlParser, type GuardVerdict } from '../../src/sql-guard/index.js'
import { legitimateQueries } from './support/legitimate-queries.js'

const policy = createAnalyticsGuardPolicy()

const accepted = (verdict: GuardVerdict) => {
  if (!verdict.ok) throw new Error(`expected the query to be accepted, got ${verdict.code}: ${verdict.reason}`)
  return verdict
}

describe('guardSql', () => {
  beforeAll(() => loadSqlParser())

  describe('accepts ordinary analytic SQL', () => {
    for (const [name, sql] of Object.entries(legitimateQueries)) {
      it(`accepts ${name}`, () => {
        accepted(guardSql(sql, policy))
      })
    }

    it('reports the tables, columns and functions a query reads', () => {
      const verdict = accepted(guardSql(`select date_trunc('month', o.order_date) as m, sum(i.line_total) from orders o join order_items i on i.order_id = o.id group by 1`, policy))
      expect(verdict.tables).toEqual(['order_items', 'orders'])
      expect(verdict.columns).toEqual(['order_items.line_total', 'order_items.order_id', 'orders.id', 'orders.order_date'])
      expect(verdict.functions).toEqual(['date_trunc', 'sum'])
    })

    it('returns the single statement without surrounding comments or the trailing semicolon', () => {
      expect(accepted(guardSql('  -- monthly\n select 1 as x ;  ', policy)).sql).toBe('select 1 as x')
      expect(accepted(guardSql('select 1 -- trailing note', policy)).sql).toBe('select 1 -- trailing note')
    })

    it('rewrites schema-qualified relation names to bare ones, however they are spelled', () => {
      expect(accepted(guardSql('select count(*) from public.orders', policy)).sql).toBe('select count(*) from "orders"')
      expect(accepted(guardSql('select count(*) from "public" . /* x */ "orders" o join PUBLIC.order_items i on i.order_id = o.id', policy)).sql).toBe(
        'select count(*) from "orders" o join "order_items" i on i.order_id = o.id',
      )
      expect(accepted(guardSql(`select 'ção' as s, count(*) from public.orders`, policy)).sql).toBe(`select 'ção' as s, count(*) from "orders"`)
    })
  })

  describe('closes the gaps of node-sql-parser', () => {
    it.each([
      ['pg_sleep', 'select pg_sleep(10)'],
      ['pg_read_file', `select pg_read_file('/etc/passwd')`],
      ['set_config', `select set_config('transaction_read_only', 'off', true)`],
      ['query_to_xml', `select query_to_xml('select * from api_keys', true, false, '')`],
      ['lo_import', `select lo_import('/etc/passwd')`],
    ])('refuses the function %s, which node-sql-parser does not see', (_name, sql) => {
      expect(guardSql(sql, policy)).toMatchObject({ ok: false, code: 'forbidden_function' })
    })

    it('refuses SELECT … INTO, which node-sql-parser reports as a plain select', () => {
      expect(guardSql('select * into stolen from orders', policy)).toMatchObject({ ok: false, code: 'forbidden_clause' })
    })

    it('refuses CALL', () => {
      expect(guardSql('call refresh()', policy)).toMatchObject({ ok: false, code: 'not_select', reason: expect.stringContaining('CALL') })
    })

    it('refuses several statements, however they are separated', () => {
      for (const sql of ['select 1; select 2', 'select 1; drop table orders', 'select 1 /* */ ; delete from orders', 'select 1\n;\nselect 2']) {
        expect(guardSql(sql, policy)).toMatchObject({ ok: false, code: 'multiple_statements' })
      }
    })

    it('does not treat a WITH name as a table outside the SELECT that declares it', () => {
      expect(guardSql('select * from (with api_keys as (select 1 as x) select * from api_keys) s, api_keys', policy)).toMatchObject({
        ok: false,
        code: 'forbidden_relation',
      })
      expect(guardSql('with a as (select * from b), b as (select 1 as x) select * from a', policy)).toMatchObject({ ok: false, code: 'forbidden_relation' })
    })

    it('lets a WITH item be used where it is visible', () => {
      accepted(guardSql('with k as (select id from regions) select * from (select * from k) s', policy))
    })

    it('allows nothing when the allowlist is empty', () => {
      const empty = createAnalyticsGuardPolicy({ relations: {} })
      expect(guardSql('select 1', empty)).toMatchObject({ ok: false, code: 'policy_empty' })
      expect(guardSql('select * from orders', empty)).toMatchObject({ ok: false, code: 'policy_empty' })
      const noFunctions = createAnalyticsGuardPolicy({ functions: [] })
      expect(guardSql('select count(*) from orders', noFunctions)).toMatchObject({ ok: false, code: 'forbidden_function' })
    })
  })

  describe('refuses everything but one read-only SELECT', () => {
    it.each([
      ['INSERT', `insert into regions (name) values ('x')`],
      ['UPDATE', 'update products set unit_price = 0'],
      ['DELETE', 'delete from orders'],
      ['DROP', 'drop table orders'],
      ['TRUNCATE', 'truncate orders'],
      ['ALTER TABLE', 'alter table orders add column x int'],
      ['CREATE TABLE', 'create table x (id int)'],
      ['GRANT', 'grant select on api_keys to public'],
      ['COPY', `copy orders to '/tmp/x'`],
      ['DO', 'do $$ begin end $$'],
      ['VACUUM', 'vacuum orders'],
      ['LISTEN', 'listen x'],
      ['NOTIFY', 'notify x'],
      ['PREPARE', 'prepare p as select 1'],
      ['EXECUTE', 'execute p'],
      ['SET', 'set role postgres'],
      ['RESET', 'reset role'],
      ['BEGIN', 'begin'],
      ['COMMIT', 'commit'],
      ['EXPLAIN', 'explain analyze delete from orders'],
      ['MERGE', 'merge into products p using regions r on p.id = r.id when matched then delete'],
    ])('refuses %s with a reason naming it', (name, sql) => {
      const verdict = guardSql(sql, policy)
      expect(verdict).toMatchObject({ ok: false, code: 'not_select' })
      expect(!verdict.ok && verdict.reason).toContain(name.split(' ')[0])
    })

    it('refuses data-changing WITH items', () => {
      for (const sql of [
        'with x as (delete from orders returning *) select count(*) from x',
        'with x as (update products set unit_price = 0 returning id) select * from x',
        `with x as (insert into regions (name) values ('x') returning id) select * from x`,
      ]) {
        expect(guardSql(sql, policy)).toMatchObject({ ok: false, code: 'forbidden_clause' })
      }
    })

    it('refuses row locks', () => {
      for (const lock of ['for update', 'for no key update', 'for share', 'for key share', 'for update skip locked']) {
        expect(guardSql(`select * from orders ${lock}`, policy)).toMatchObject({ ok: false, code: 'forbidden_clause' })
      }
    })

    it('refuses WITH RECURSIVE', () => {
      expect(guardSql('with recursive r(n) as (select 1 union all select n + 1 from r) select count(*) from r', policy)).toMatchObject({
        ok: false,
        code: 'forbidden_clause',
      })
    })

    it('refuses a WITH item named like a table, which would hide the real one', () => {
      expect(guardSql('with orders as (select * from public.orders) select * from orders', policy)).toMatchObject({ ok: false, code: 'forbidden_clause' })
    })
  })

  describe('reads only the analytic relations', () => {
    it.each([
      'select * from api_keys',
      'select * from public.api_keys',
      'select * from "API_KEYS"',
      'select * from U&"\\0061pi_keys"',
      'select * from audit_log',
      'select * from query_audit',
      'select * from idempotency_keys',
      'select * from schema_migrations',
      'select * from pg_catalog.pg_roles',
      'select * from pg_shadow',
      'select * from information_schema.tables',
      'select * from pg_temp.orders',
      'select * from postgres.public.orders',
      'table api_keys',
      'select (select key_hash from api_keys limit 1) from regions',
    ])('refuses %s', (sql) => {
      expect(guardSql(sql, policy)).toMatchObject({ ok: false, code: 'forbidden_relation' })
    })

    it('names the available tables in its reason', () => {
      const verdict = guardSql('select * from api_keys', policy)
      expect(!verdict.ok && verdict.reason).toContain('Available tables: categories, customers, order_items, orders, products, regions, sales_reps, sales_targets')
    })

    it('refuses columns a relation does not have, and system columns', () => {
      expect(guardSql('select o.secret from orders o', policy)).toMatchObject({ ok: false, code: 'forbidden_column' })
      expect(guardSql('select o.ctid from orders o', policy)).toMatchObject({ ok: false, code: 'forbidden_column' })
      expect(guardSql('select tableoid from orders', policy)).toMatchObject({ ok: false, code: 'forbidden_column' })
    })

    it('refuses casts to catalog look-up types', () => {
      expect(guardSql(`select 'api_keys'::regclass`, policy)).toMatchObject({ ok: false, code: 'forbidden_type' })
      expect(guardSql(`select $$x$$::regproc`, policy)).toMatchObject({ ok: false, code: 'forbidden_type' })
    })

    it('refuses generate_series with bounds the planner cannot see', () => {
      expect(guardSql('select count(*) from generate_series(1, (select max(id) from orders))', policy)).toMatchObject({ ok: false, code: 'forbidden_function' })
    })

    it('refuses session information functions', () => {
      expect(guardSql('select current_user', policy)).toMatchObject({ ok: false })
      expect(guardSql(`select current_setting('app.rep_id')`, policy)).toMatchObject({ ok: false, code: 'forbidden_function' })
    })
  })

  describe('protects sensitive columns unless the policy allows them', () => {
    it.each([
      'select email from customers',
      'select c.tax_id from customers c',
      'select * from customers',
      'select c.* from customers c',
      'select c from customers c',
      'select (c).email from customers c',
      `select name from customers where email like '%@%'`,
      'select j.email from (customers c join orders o on o.customer_id = c.id) as j',
      'select slack_user_id from sales_reps',
      'select count(*) from customers join sales_reps using (email)',
      'select o.id from orders o where exists (select 1 from customers c where c.id = o.customer_id and c.email is not null)',
    ])('refuses %s', (sql) => {
      expect(guardSql(sql, policy)).toMatchObject({ ok: false, code: 'sensitive_column' })
    })

    it('refuses renaming the columns of a table in FROM, which could rename a sensitive one', () => {
      expect(guardSql('select e from customers as c(i, n, e)', policy)).toMatchObject({ ok: false, code: 'unsupported_construct' })
    })

    it('refuses NATURAL JOIN, which joins on sensitive columns unseen', () => {
      expect(guardSql('select count(*) from customers natural join sales_reps', policy)).toMatchObject({ ok: false, code: 'unsupported_construct' })
    })

    it('allows them when the policy says so', () => {
      const admin = createAnalyticsGuardPolicy({ allowSensitiveColumns: true })
      expect(accepted(guardSql('select c.email, c.tax_id from customers c', admin)).columns).toEqual(['customers.email', 'customers.tax_id'])
      accepted(guardSql('select * from customers', admin))
    })
  })

  describe('refuses what it cannot read', () => {
    it('refuses invalid SQL with the parser message', () => {
      const verdict = guardSql('select from where', policy)
      expect(verdict).toMatchObject({ ok: false, code: 'syntax_error' })
      expect(!verdict.ok && verdict.reason).toMatch(/syntax error/)
    })

    it('refuses empty text and text of only comments', () => {
      expect(guardSql('', policy)).toMatchObject({ ok: false, code: 'empty' })
      expect(guardSql('  -- nothing\n ; ;', policy)).toMatchObject({ ok: false, code: 'empty' })
    })

    it('refuses NUL characters and overly long text', () => {
      expect(guardSql('select 1\u0000; drop table orders', policy)).toMatchObject({ ok: false, code: 'invalid_text' })
      expect(guardSql(`select ${'1 + '.repeat(10_000)}1`, policy)).toMatchObject({ ok: false, code: 'too_long' })
    })

    it('refuses query parameters and XML functions', () => {
      expect(guardSql('select * from orders where id = $1', policy)).toMatchObject({ ok: false, code: 'unsupported_construct' })
      expect(guardSql(`select xmlparse(document '<x/>')`, policy)).toMatchObject({ ok: false, code: 'unsupported_construct' })
    })

    it('refuses very deep nesting', () => {
      expect(guardSql(`select ${'abs('.repeat(300)}1${')'.repeat(300)}`, policy)).toMatchObject({ ok: false, code: 'too_complex' })
    })

    it('can require the second parser to understand the query too', () => {
      const strict = createAnalyticsGuardPolicy({ secondaryParser: 'require' })
      const sql = legitimateQueries['FETCH FIRST']!
      accepted(guardSql(sql, policy))
      expect(guardSql(sql, strict)).toMatchObject({ ok: false, code: 'parser_disagreement' })
    })
  })
})
