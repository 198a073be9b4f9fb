/**
 * Every SQL attack of evals/adversarial/attacks.jsonl, run through the guarded runner against a real database holding
 * canary values: each is refused or harmless, nothing in the database changes, and no canary ever comes back.
 * Question-only attacks wait for the planner; here the file itself is checked.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { attackClasses, loadAttacks, type Attack } from '../../evals/adversarial/load-attacks.js'
import { createGuardedSqlRunner, guardPolicyForPrincipal, type GuardedSqlRunner, type SqlPrincipal } from '../../src/sql-guard/index.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { CANARY, insertSalesFixture, snapshotDatabase, type SalesFixture } from './support/sales-fixture.js'

const attacks = await loadAttacks()
const sqlAttacks = attacks.filter((a): a is Attack & { sql: string } => a.sql !== undefined)

describe('the adversarial attack file', () => {
  it('holds at least 60 well-formed attacks with unique ids', () => {
    expect(attacks.length).toBeGreaterThanOrEqual(60)
  })

  it('covers every attack class', () => {
    expect(new Set(attacks.map((a) => a.class))).toEqual(new Set(attackClasses))
  })

  it('keeps the prompt injections as questions for the planner', () => {
    const injections = attacks.filter((a) => a.class === 'prompt_injection')
    expect(injections.length).toBeGreaterThanOrEqual(5)
    for (const attack of injections) expect(attack.question).toEqual(expect.any(String))
  })
})

describeEachDatabase('adversarial SQL attacks', (kind) => {
  let t: TestDatabase
  let fixture: SalesFixture
  let runner: GuardedSqlRunner
  let before: Record<string, string>
  let auditBefore: number

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    fixture = await insertSalesFixture(t.pool)
    runner = createGuardedSqlRunner({
      pool: t.pool,
      policy: guardPolicyForPrincipal,
      limits: { maxRows: 100, statementTimeoutMs: 2_000, lockTimeoutMs: 500, maxPlanCost: 250_000 },
    })
    before = await snapshotDatabase(t.pool)
    auditBefore = Number((await t.pool.query('select count(*) as n from query_audit')).rows[0].n)
  })
  afterAll(async () => t?.close())

  const principalFor = (attack: Attack): SqlPrincipal =>
    attack.principal === 'rep' ? { userId: 'attacker-rep', role: 'rep', repId: fixture.repIds.ana } : { userId: 'attacker', role: 'analyst' }

  for (const attack of sqlAttacks) {
    it(`${attack.id} is ${attack.expect}: ${attack.sql.replace(/\s+/g, ' ')}`, async () => {
      const result = await runner.run({ sql: attack.sql, principal: principalFor(attack), purpose: 'adversarial-eval' })
      expect(JSON.stringify(result)).not.toContain(CANARY)
      if (attack.expect === 'rejected') {
        expect(result.ok, result.ok ? `ran and returned ${JSON.stringify(result.rows).slice(0, 200)}` : '').toBe(false)
        if (!result.ok) expect(result.reason.length).toBeGreaterThan(10)
        return
      }
      if (result.ok && attack.principal === 'rep') {
        for (const row of result.rows) {
          if ('rep_id' in row) expect([fixture.repIds.ana, null]).toContain(row.rep_id)
        }
      }
    })
  }

  it('changed nothing in the database', async () => {
    expect(await snapshotDatabase(t.pool)).toEqual(before)
  })

  it('audited every attempt', async () => {
    const { rows } = await t.pool.query(`select count(*) as n from query_audit where purpose = 'adversarial-eval'`)
    expect(Number(rows[0].n)).toBe(sqlAttacks.length)
    expect(Number((await t.pool.query('select count(*) as n from query_audit')).rows[0].n)).toBe(auditBefore + sqlAttacks.length)
  })
})
