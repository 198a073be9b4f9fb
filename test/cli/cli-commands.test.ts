/** The `salesmatrix` command as a user runs it: a real process on a temporary embedded database. */
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { salesmatrix } from './support/run-salesmatrix.js'


describe('the salesmatrix command', () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'smx-cli-'))
    env = { EMBEDDED_DATA_DIR: path.join(dir, 'pglite') }
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('applies migrations once and says so the second time', async () => {
    const first = await salesmatrix(['migrate'], env)
    expect(first.code, first.out).toBe(0)
    expect(first.out).toMatch(/Applied \d+ migration/)
    const second = await salesmatrix(['migrate'], env)
    expect(second.out).toMatch(/Nothing to apply/)
  })

  it('seeds deterministic demo data and refuses to seed over existing orders', async () => {
    const seeded = await salesmatrix(['seed', '--orders', '400', '--seed', '7', '--end-date', '2025-06-30'], env)
    expect(seeded.code, seeded.out).toBe(0)
    const again = await salesmatrix(['seed', '--orders', '400'], env)
    expect(again.code).toBe(1)
    expect(again.out).toMatch(/error: .*(already|not empty|orders)/i)
  })

  it('imports a CSV file and reports what it did; a broken file exits non-zero and writes nothing', async () => {
    const good = path.join(dir, 'vendas.csv')
    await writeFile(
      good,
      'pedido;data;cliente;regiao;vendedor;email_vendedor;sku;produto;categoria;quantidade;preco\n' +
        'CLI-1;14/03/2025;Mercado Bom Preço;Nordeste;Rita Alves;rita@example.com;CLI-SKU;Caixa;Embalagens;3;R$ 10,50\n',
    )
    const imported = await salesmatrix(['import', good], env)
    expect(imported.code, imported.out).toBe(0)
    expect(imported.out).toMatch(/Imported: 1 of 1 rows; orders created 1/)
    const broken = path.join(dir, 'broken.csv')
    await writeFile(broken, 'pedido;data;cliente;regiao;vendedor;email_vendedor;sku;quantidade\nCLI-2;32/13/2025;X;Sul;Rita Alves;rita@example.com;CLI-SKU;-1\n')
    const refused = await salesmatrix(['import', broken, '--json'], env)
    expect(refused.code).toBe(1)
    expect(JSON.parse(refused.out.slice(refused.out.indexOf('{')))).toMatchObject({ committed: false, ordersCreated: 0 })
  })

  it('creates API keys by role and refuses a rep key without its rep', async () => {
    const analyst = await salesmatrix(['apikey', 'create', '--role', 'analyst', '--name', 'bi'], env)
    expect(analyst.code, analyst.out).toBe(0)
    expect(analyst.out).toMatch(/smx_[a-z0-9]{10}_[A-Za-z0-9_-]{43}/)
    const rep = await salesmatrix(['apikey', 'create', '--role', 'rep'], env)
    expect(rep.code).toBe(1)
    expect(rep.out).toMatch(/rep_id/)
  })

  it('answers a question with --json: the answer, the SQL, the rows it was computed from, the plan and timings', async () => {
    const result = await salesmatrix(['ask', 'how many orders did we close in May 2025?', '--json', '--today', '2025-06-30'], env)
    expect(result.code, result.out).toBe(0)
    const body = JSON.parse(result.out.slice(result.out.indexOf('{')))
    expect(body).toMatchObject({ ok: true, plan: { metrics: ['orders'], timeRange: { start: '2025-05-01', end: '2025-05-31' } } })
    expect(body.sql).toMatch(/^(WITH|SELECT)/i)
    expect(body.rows).toHaveLength(1)
    expect(body.answer).toContain('May 1, 2025 – May 31, 2025')
    expect(body.timings.totalMs).toEqual(expect.any(Number))
  })

  it('runs guarded SQL, and refuses a write with the reason and a non-zero exit', async () => {
    const ok = await salesmatrix(['sql', 'select count(*) as n from orders', '--json'], env)
    expect(ok.code, ok.out).toBe(0)
    expect(JSON.parse(ok.out.slice(ok.out.indexOf('{'))).rows[0].n).toBeGreaterThan(0)
    const refused = await salesmatrix(['sql', 'delete from orders'], env)
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/refused \(not_select\)/)
    const counted = await salesmatrix(['sql', 'select count(*) as n from orders', '--json'], env)
    expect(JSON.parse(counted.out.slice(counted.out.indexOf('{'))).rows[0].n).toBe(JSON.parse(ok.out.slice(ok.out.indexOf('{'))).rows[0].n)
  })

  it('runs an external eval file unchanged and stores the run', async () => {
    const file = path.join(dir, 'cases.jsonl')
    await writeFile(
      file,
      [
        { id: 'orders-may', question: 'quantos pedidos fechamos em maio de 2025?', lang: 'pt', today: '2025-06-30', gold_sql: "select count(*) from orders where status = 'completed' and order_date between '2025-05-01' and '2025-05-31'", tags: ['metric:orders'], expect: 'answer' },
        { id: 'weather', question: 'will it rain tomorrow?', lang: 'en', gold_sql: null, tags: ['out_of_scope'], expect: 'refuse' },
      ].map((c) => JSON.stringify(c)).join('\n') + '\n',
    )
    const result = await salesmatrix(['evals', 'run', '--file', file], env)
    expect(result.code, result.out).toBe(0)
    expect(result.out).toMatch(/2\/2 passed, accuracy 100\.0%/)
    expect(result.out).toMatch(/Stored as eval run #\d+/)
  })

  it('names a bad environment variable and an unknown command, with exit code 2', async () => {
    const badConfig = await salesmatrix(['migrate'], { ...env, PORT: 'eighty' })
    expect(badConfig.code).toBe(2)
    expect(badConfig.out).toMatch(/PORT/)
    const unknown = await salesmatrix(['frobnicate'], env)
    expect(unknown.code).toBe(2)
    expect(unknown.out).toMatch(/Unknown command "frobnicate"/)
  })
})
