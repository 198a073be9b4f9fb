/**
 * The analyst agent's graph on seeded demo data, offline and with scripted LangChain fake models: the right figures
 * from guard-approved queries, failures returned to the model as data, malicious SQL refused with nothing written,
 * a looping model stopped, a failing model replaced by the offline planner, rows never shown to the model, progress
 * events, and every turn recorded with its reference id, tokens and cost.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { ToolMessage } from '@langchain/core/messages'
import type { AgentTurnRequest, AnalystAgent, ProgressEvent } from '../../agents/agent-contract.js'
import { openConversationMemory } from '../../agents/conversation-memory.js'
import { createAnalystAgent, type AnalystAgentDeps } from '../../agents/create-analyst-agent.js'
import { loadConfig } from '../../src/config/config.js'
import { createSqlRunner } from '../../src/main.js'
import { createForecaster } from '../../src/forecast/create-forecaster.js'
import { createEntityResolver } from '../../src/planner/entity-resolver.js'
import { createRfmSegmenter } from '../../src/segments/index.js'
import { createSalesLog } from '../../src/sales-log/index.js'
import { planTurn } from '../../src/planner/plan-turn.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { loadSqlParser } from '../../src/sql-guard/index.js'
import { ScriptedChatModel, type ScriptStep } from '../support/scripted-chat-model.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'

const today = '2026-06-30'
const director = { userId: 'test:director', role: 'director' as const }

describeEachDatabase('the analyst agent', (kind) => {
  let t: TestDatabase
  let base: AnalystAgentDeps
  let thread = 0
  const newThread = () => `test:agent:${kind}-${++thread}`
  const query = async (sql: string, params: unknown[] = []) => (await t.pool.query(sql, params)).rows
  const ask = (agent: AnalystAgent, message: string, extra: Partial<AgentTurnRequest> = {}) =>
    agent.respond({ threadId: newThread(), message, principal: director, surface: 'test', today, ...extra })
  const withModel = (script: readonly ScriptStep[], options: { repeatLast?: boolean } = {}) => {
    const chat = new ScriptedChatModel(script, options)
    const agent = createAnalystAgent({ ...base, model: { chat, name: 'fake:scripted', timeoutMs: 5_000, prices: { inputPerMillion: 3, outputPerMillion: 15 } } })
    return { chat, agent }
  }
  const mayRevenueByRegion = () =>
    query(`select r.name as region, sum(oi.line_total)::float8 as revenue
             from orders o join order_items oi on oi.order_id = o.id join customers c on c.id = o.customer_id join regions r on r.id = c.region_id
            where o.status = 'completed' and o.order_date between '2026-05-01' and '2026-05-31' group by r.name`)

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData({ ...t, kind }, { orders: 3000, seed: 42, endDate: today })
    await loadSqlParser()
    const config = loadConfig({ LOG_LEVEL: 'silent' })
    base = {
      db: t.db,
      runner: createSqlRunner(config, { ...t, kind }),
      resolver: createEntityResolver(t.db),
      clock: () => new Date(`${today}T15:00:00Z`),
      timeZone: 'America/Sao_Paulo',
      currency: 'BRL',
      checkpointer: await openConversationMemory(t.pool),
    }
  })
  afterAll(async () => t?.close())

  it('answers offline with the figures of a guard-approved query, a table for the surfaces and the progress on the way', async () => {
    const events: ProgressEvent[] = []
    const reply = await ask(createAnalystAgent(base), 'revenue by region last month', { onProgress: (e) => events.push(e) })
    expect(reply.ok, reply.text).toBe(true)
    expect(reply.model).toBe('offline')
    expect(reply.intent).toBe('analytics')
    expect(reply.plan?.timeRange).toMatchObject({ start: '2026-05-01', end: '2026-05-31' })
    const expected = await mayRevenueByRegion()
    const got = new Map(reply.table!.rows.map((r) => [r.region, Number(r.revenue)]))
    expect(got.size).toBe(expected.length)
    for (const row of expected) expect(got.get(row.region)).toBeCloseTo(row.revenue, 2)
    expect(reply.table!.columns.map((c) => c.label)).toEqual(['Region', 'Revenue'])
    expect(reply.table!.display[0]![1]).toMatch(/^R\$[\d,]+\.\d{2}$/)
    expect(reply.text).toContain('How computed: Revenue = sum of line totals')
    expect(reply.sql).toMatch(/\bselect\b/i)
    expect(events.map((e) => e.step)).toEqual(['understanding', 'planning', 'querying', 'drawing_chart', 'composing'])
    // A breakdown gets a ranked bar chart drawn from the same rows.
    expect(reply.chart?.alt).toMatch(/Revenue by region/)
    expect(Buffer.from(reply.chart!.pngBase64, 'base64').subarray(1, 4).toString()).toBe('PNG')
    expect(JSON.stringify(reply.chart!.spec)).toContain('"mark"')
    const [turn] = await query('select * from agent_turns where id = $1', [reply.turnId])
    expect(turn).toMatchObject({ thread_id: reply.threadId, user_id: 'test:director', ok: true, model: 'offline', row_count: expected.length, surface: 'test' })
  })

  it('remembers the conversation in the database: a new agent (a restarted service) continues the thread', async () => {
    const threadId = newThread()
    const turn = (agent: AnalystAgent, message: string) => agent.respond({ threadId, message, principal: director, surface: 'test', today })
    const first = await turn(createAnalystAgent({ ...base, planner: planTurn }), 'revenue by region last month')
    expect(first.intent).toBe('analytics')
    const second = await turn(createAnalystAgent({ ...base, planner: planTurn, checkpointer: await openConversationMemory(t.pool) }), 'and the month before?')
    expect(second).toMatchObject({ ok: true, intent: 'follow_up' })
    expect(second.plan).toMatchObject({ metrics: ['revenue'], dimensions: ['region'], timeRange: { start: '2026-04-01', end: '2026-04-30' } })
    const third = await turn(createAnalystAgent({ ...base, planner: planTurn, checkpointer: await openConversationMemory(t.pool) }), 'só para a região Sul')
    expect(third).toMatchObject({ ok: true, intent: 'follow_up', language: 'pt' })
    expect(third.plan).toMatchObject({ metrics: ['revenue'], timeRange: { start: '2026-04-01', end: '2026-04-30' }, filters: [{ dimension: 'region', labels: ['Sul'] }] })
    const sql = await turn(createAnalystAgent({ ...base, planner: planTurn }), 'mostra o SQL')
    expect(sql).toMatchObject({ ok: true, intent: 'show_sql', showSql: true })
    expect(sql.text).toContain('```sql')
    expect(sql.plan).toEqual(third.plan)
    // Another thread knows nothing of this one.
    const elsewhere = await createAnalystAgent({ ...base, planner: planTurn }).respond({ threadId: newThread(), message: 'and the month before?', principal: director, surface: 'test', today })
    expect(elsewhere.ok).toBe(false)
  })

  it('answers a forecast question with the expected value, its intervals, the model and a chart with the band', async () => {
    const agent = createAnalystAgent({ ...base, forecaster: createForecaster({ db: t.db, runner: base.runner }) })
    const reply = await ask(agent, 'forecast revenue for the next 3 months')
    expect(reply.ok, reply.text).toBe(true)
    expect(reply.intent).toBe('forecast')
    expect(reply.text).toMatch(/80%: R\$[\d,.]+ – R\$[\d,.]+/)
    expect(reply.text).toMatch(/95%/)
    expect(reply.text).toMatch(/How computed: .*model chosen by rolling-origin backtest: .*seasonal naive: MASE/)
    expect(reply.headline).toMatch(/Revenue — forecast per month \(.*\), Jul 1, 2026 – Sep 30, 2026:/)
    expect(reply.table!.columns.map((c) => c.name)).toEqual(['period', 'point', 'lo80', 'hi80', 'lo95', 'hi95'])
    for (const row of reply.table!.rows) expect(Number(row.lo80)).toBeLessThanOrEqual(Number(row.point))
    expect(reply.chart?.alt).toBeTruthy()
    const [run] = await query('select count(*)::int as n from forecast_runs')
    expect(run.n).toBeGreaterThan(0)
  })

  it('reads "vamos bater a meta do trimestre?" and answers with the expected total against the target, in Portuguese', async () => {
    const agent = createAnalystAgent({ ...base, forecaster: createForecaster({ db: t.db, runner: base.runner }) })
    const reply = await ask(agent, 'vamos bater a meta do trimestre?', { today: '2026-05-20' })
    expect(reply.ok, reply.text).toBe(true)
    expect(reply).toMatchObject({ intent: 'forecast', language: 'pt' })
    expect(reply.text).toMatch(/Faturamento — previsão .*esperado \(80%: R\$ [\d.,]+ – R\$ [\d.,]+/)
    expect(reply.text).toMatch(/Meta R\$ [\d.,]+: [\d,]+% da meta esperado/)
  })

  it('answers "quanto vamos vender no próximo trimestre na região Sul?" with a forecast, its interval, the backtest error and a chart', async () => {
    const agent = createAnalystAgent({ ...base, forecaster: createForecaster({ db: t.db, runner: base.runner }) })
    const reply = await ask(agent, 'quanto vamos vender no próximo trimestre na região Sul?', { today: '2026-05-20' })
    expect(reply.ok, reply.text).toBe(true)
    expect(reply).toMatchObject({ intent: 'forecast', language: 'pt' })
    expect(reply.headline).toMatch(/^Faturamento \(Sul\) — previsão/)
    expect(reply.text).toMatch(/80%: R\$ [\d.,]+ – R\$ [\d.,]+, ± [\d,]+%/)
    expect(reply.text).toMatch(/Como foi calculado: .*MASE [\d,]+, sMAPE [\d,]+%/)
    expect(reply.table!.display.map((row) => row[0])).toEqual(['jul/2026', 'ago/2026', 'set/2026'])
    expect(reply.chart?.alt).toMatch(/previsão/i)
  })

  it('answers a question about customer segments with RFM segment sizes, revenue and the customers at risk', async () => {
    const agent = createAnalystAgent({ ...base, segmenter: createRfmSegmenter({ runner: base.runner }) })
    const reply = await ask(agent, 'quais clientes valiosos estão em risco?')
    expect(reply.ok, reply.text).toBe(true)
    expect(reply).toMatchObject({ intent: 'segments', language: 'pt' })
    expect(reply.text).toContain('Segmentos RFM')
    expect(reply.table!.columns.map((c) => c.label)).toEqual(['Segmento', 'Clientes', 'Faturamento', 'Participação'])
    const [total] = await query(`select count(distinct o.customer_id)::int as n from orders o where o.status = 'completed' and o.order_date > '2024-06-30' and o.order_date <= '2026-06-30'`)
    expect(reply.table!.rows.reduce((sum, r) => sum + Number(r.customers), 0)).toBe(total.n)
  })

  it('says forecasts are not available where no forecast engine is wired, instead of guessing', async () => {
    const reply = await ask(createAnalystAgent(base), 'forecast revenue for the next 3 months')
    expect(reply).toMatchObject({ ok: false, intent: 'forecast', code: 'not_available' })
  })

  it('draws the chart a model asks for with render_chart, from the rows, never from model-written code', async () => {
    const { agent } = withModel([
      { toolCalls: [{ name: 'query_metrics', args: { metrics: ['revenue'], dimensions: ['channel'], timeRange: { start: '2026-01-01', end: '2026-06-30' } } }] },
      { toolCalls: [{ name: 'render_chart', args: { kind: 'stacked_bar' } }] },
      { text: 'Here is the share by channel.' },
    ])
    const reply = await ask(agent, 'share of revenue by channel this year as a chart')
    expect(reply.ok, reply.text).toBe(true)
    expect(reply.wantsChart).toBe(true)
    expect(reply.chart).toBeDefined()
    expect(JSON.stringify(reply.chart!.spec)).not.toMatch(/"url"/)
  })

  it('shows a rep company-level aggregates, but only their own sales when they say "my" or ask about reps or customers', async () => {
    const [rep] = await query(`select id from sales_reps where active order by id limit 1`)
    const principal = { userId: 'test:rep-visibility', role: 'rep' as const, repId: rep.id }
    const agent = createAnalystAgent(base)
    const revenue = (where: string, params: unknown[] = []) =>
      query(`select coalesce(sum(oi.line_total), 0)::float8 as revenue from orders o join order_items oi on oi.order_id = o.id
              where o.status = 'completed' and o.order_date between '2026-05-01' and '2026-05-31' ${where}`, params)
    const [company] = await revenue('')
    const [own] = await revenue('and o.rep_id = $1', [rep.id])
    expect(own.revenue).toBeLessThan(company.revenue)

    const total = await ask(agent, 'revenue last month', { principal })
    expect(Number(total.table!.rows[0]!.revenue)).toBeCloseTo(company.revenue, 2)
    expect(total.text).toContain('Company-wide figures')
    const mine = await ask(agent, 'my revenue last month', { principal })
    expect(Number(mine.table?.rows[0]?.revenue ?? 0)).toBeCloseTo(own.revenue, 2)
    expect(mine.text).toContain('Only your own sales')
    const byRep = await ask(agent, 'revenue by rep last month', { principal })
    expect(byRep.table!.rows).toHaveLength(1)
    expect(Number(byRep.table!.rows[0]!.revenue)).toBeCloseTo(own.revenue, 2)
  })

  it('keeps a regional channel to its region: questions are filtered to it, other regions declined', async () => {
    const [sul] = await query(`select id, name from regions where name = 'Sul'`)
    const scope = { region: { id: sul.id, name: 'Sul' } }
    const agent = createAnalystAgent(base)
    const revenue = await ask(agent, 'revenue last month', { scope })
    expect(revenue.ok, revenue.text).toBe(true)
    expect(revenue.plan?.filters).toEqual([{ dimension: 'region', values: [sul.id], labels: ['Sul'] }])
    expect(revenue.text).toContain("Sul region only: this channel's scope.")
    const other = await ask(agent, 'revenue in Sudeste last month', { scope })
    expect(other).toMatchObject({ ok: false, code: 'outside_channel_scope' })
    expect((await ask(agent, 'revenue by region last month', { scope })).ok).toBe(false)
  })

  it('logs a rep\'s sale only after the rep confirms it: one order, the rep\'s own, never twice', async () => {
    const [rep] = await query(`select id from sales_reps where active order by id limit 1`)
    const [product] = await query(`select sku, name, unit_price from products where active order by id limit 1`)
    const [customer] = await query(`select name from customers order by id limit 1`)
    const agent = createAnalystAgent({ ...base, salesLog: createSalesLog({ db: t.db, clock: base.clock, currency: 'BRL' }) })
    const principal = { userId: 'test:rep-seller', role: 'rep' as const, repId: rep.id }
    const threadId = newThread()
    const turn = (message: string, extra: Partial<AgentTurnRequest> = {}) => agent.respond({ threadId, message, principal, surface: 'test', today, ...extra })
    const count = async () => (await query(`select count(*)::int as n from orders where rep_id = $1`, [rep.id]))[0].n as number

    const before = await count()
    const price = String(Number(product.unit_price).toFixed(2)).replace('.', ',')
    const proposal = await turn(`vendi 3 ${product.sku} para ${customer.name} por R$ ${price} cada`)
    expect(proposal.ok, proposal.text).toBe(true)
    expect(proposal.intent).toBe('sales_log')
    expect(proposal.confirmation).toMatchObject({ confirmLabel: 'Confirmar', cancelLabel: 'Cancelar' })
    expect(proposal.text).toContain(customer.name)
    expect(await count()).toBe(before)

    // Another user cannot confirm it, not even with the button's id.
    const stranger = await agent.respond({ threadId, message: 'Confirmar', principal: { userId: 'test:other', role: 'rep', repId: rep.id + 1 }, surface: 'test', today, action: { kind: 'confirm', actionId: proposal.confirmation!.actionId } })
    expect(stranger.ok).toBe(false)
    expect(await count()).toBe(before)

    const confirmed = await turn('sim')
    expect(confirmed.ok, confirmed.text).toBe(true)
    expect(confirmed.text).toMatch(/Venda registrada: pedido #\d+/)
    expect(await count()).toBe(before + 1)
    // A retried button press finds it done and writes nothing again.
    const again = await turn('Confirmar', { action: { kind: 'confirm', actionId: proposal.confirmation!.actionId } })
    expect(again.text).toMatch(/já estava registrada/)
    expect(await count()).toBe(before + 1)
    const [order] = await query(`select rep_id, status, source from orders where rep_id = $1 order by id desc limit 1`, [rep.id])
    expect(order).toMatchObject({ rep_id: rep.id, status: 'completed' })

    // The rep takes it back within the undo window: the order is gone; a second undo changes nothing.
    const undone = await turn('desfazer')
    expect(undone.ok, undone.text).toBe(true)
    expect(await count()).toBe(before)
    expect((await turn('desfazer')).ok).toBe(false)
    expect(await count()).toBe(before)
  })

  it('asks twice before recording a sale far from the list price', async () => {
    const [rep] = await query(`select id from sales_reps where active order by id limit 1`)
    const [product] = await query(`select sku, unit_price from products where active and unit_price > 100 order by id limit 1`)
    const [customer] = await query(`select name from customers order by id limit 1`)
    const agent = createAnalystAgent({ ...base, salesLog: createSalesLog({ db: t.db, clock: base.clock, currency: 'BRL' }) })
    const principal = { userId: 'test:rep-outlier', role: 'rep' as const, repId: rep.id }
    const threadId = newThread()
    const turn = (message: string) => agent.respond({ threadId, message, principal, surface: 'web', today })
    const count = async () => (await query(`select count(*)::int as n from orders where rep_id = $1`, [rep.id]))[0].n as number
    const before = await count()
    const cheap = Math.round(Number(product.unit_price) * 0.2)
    const proposal = await turn(`vendi 1 ${product.sku} para ${customer.name} por R$ ${cheap}`)
    expect(proposal.confirmation, proposal.text).toBeDefined()
    const first = await turn('sim')
    expect(first).toMatchObject({ ok: false, code: 'needs_second_confirmation' })
    expect(first.confirmation?.actionId).toBe(proposal.confirmation!.actionId)
    expect(await count()).toBe(before)
    const second = await turn('sim')
    expect(second.ok, second.text).toBe(true)
    expect(await count()).toBe(before + 1)
    const [order] = await query(`select source from orders where rep_id = $1 order by id desc limit 1`, [rep.id])
    expect(order.source).toBe('web')
  })

  it('never writes from a model: a sale message takes the rule-based road and asks for confirmation even with a model configured', async () => {
    const [rep] = await query(`select id from sales_reps where active order by id limit 1`)
    const chat = new ScriptedChatModel([{ toolCalls: [{ name: 'run_sql', args: { sql: 'select 1' } }] }])
    const agent = createAnalystAgent({ ...base, model: { chat, name: 'fake:scripted', timeoutMs: 5_000 }, salesLog: createSalesLog({ db: t.db, clock: base.clock }) })
    const reply = await agent.respond({ threadId: newThread(), message: 'sold 2 x Widget to Acme at $10', principal: { userId: 'test:rep-2', role: 'rep', repId: rep.id }, surface: 'test', today })
    expect(reply.intent).toBe('sales_log')
    expect(chat.calls).toHaveLength(0)
  })

  it('answers help and greetings without querying, in the user\'s language', async () => {
    const agent = createAnalystAgent(base)
    const help = await ask(agent, 'o que você sabe fazer?')
    expect(help).toMatchObject({ ok: true, intent: 'help', language: 'pt' })
    expect(help.text).toContain('SalesMatrix')
    expect(help.suggestions.length).toBeGreaterThan(2)
    expect(help.sql).toBeUndefined()
    expect((await ask(agent, 'hi')).intent).toBe('greeting')
  })

  it('says honestly that document search is not available yet instead of guessing, with a reference id', async () => {
    const reply = await ask(createAnalystAgent(base), 'what does the enterprise playbook say about discounts?')
    expect(reply).toMatchObject({ ok: false, intent: 'document', code: 'not_available' })
    expect(reply.text).toContain(`Reference: ${reply.turnId}`)
    expect(reply.text).not.toMatch(/R\$/)
  })

  it('turns a question it cannot map into a short reply with suggestions and a reference id, and records it', async () => {
    const reply = await ask(createAnalystAgent(base), 'what is the weather in Lisbon tomorrow?')
    expect(reply.ok).toBe(false)
    expect(reply.suggestions.length).toBeGreaterThan(0)
    expect(reply.text).toContain(reply.turnId)
    const [turn] = await query('select ok, code from agent_turns where id = $1', [reply.turnId])
    expect(turn).toMatchObject({ ok: false })
  })

  it('runs a model\'s query_metrics call, names resolved to ids, and answers with the query\'s figures, tokens and cost', async () => {
    const { chat, agent } = withModel([
      { toolCalls: [{ name: 'query_metrics', args: { metrics: ['revenue'], dimensions: ['region'], timeRange: { start: '2026-05-01', end: '2026-05-31', label: 'May 2026' } } }], usage: [1200, 40] },
      { text: 'Here is revenue by region for May.', usage: [1300, 12] },
    ])
    const reply = await ask(agent, 'revenue by region last month')
    expect(reply.ok, reply.text).toBe(true)
    expect(reply.model).toBe('fake:scripted')
    expect(chat.boundTools).toEqual(['query_metrics', 'run_sql', 'describe_data', 'render_chart'])
    const expected = await mayRevenueByRegion()
    for (const row of expected) expect(Number(reply.table!.rows.find((r) => r.region === row.region)!.revenue)).toBeCloseTo(row.revenue, 2)
    expect(reply.text).toContain('Here is revenue by region for May.')
    expect(reply.usage).toEqual({ inputTokens: 2500, outputTokens: 52, costUsd: (2500 * 3 + 52 * 15) / 1_000_000 })
    const [turn] = await query('select input_tokens, output_tokens, cost_usd, model from agent_turns where id = $1', [reply.turnId])
    expect(turn).toMatchObject({ input_tokens: 2500, output_tokens: 52, model: 'fake:scripted' })
    expect(Number(turn.cost_usd)).toBeCloseTo((2500 * 3 + 52 * 15) / 1_000_000, 9)
  })

  it('never shows the model the rows: it gets the result\'s shape and the definitions, not the figures', async () => {
    const { chat, agent } = withModel([
      { toolCalls: [{ name: 'query_metrics', args: { metrics: ['revenue'], dimensions: ['region'], timeRange: { start: '2026-05-01', end: '2026-05-31' } } }] },
      { text: 'Done.' },
    ])
    await ask(agent, 'revenue by region last month')
    const seen = JSON.stringify(chat.calls.flat().map((m) => m.content))
    for (const row of await mayRevenueByRegion()) {
      expect(seen).not.toContain(row.region)
      expect(seen).not.toContain(String(Math.round(row.revenue)))
    }
    const toolMessage = chat.calls[1]!.find((m) => m instanceof ToolMessage)!
    expect(JSON.parse(String(toolMessage.content))).toMatchObject({ ok: true, columns: ['region', 'revenue'] })
    expect(String(chat.calls[0]![0]!.content)).toContain('Metrics:')
  })

  it('drops a model\'s sentence that states numbers: figures come only from the query', async () => {
    const { agent } = withModel([
      { toolCalls: [{ name: 'query_metrics', args: { metrics: ['revenue'], timeRange: { start: '2026-05-01', end: '2026-05-31' } } }] },
      { text: 'Revenue was R$ 99.999.999,00, a record!' },
    ])
    const reply = await ask(agent, 'revenue last month')
    expect(reply.ok).toBe(true)
    expect(reply.text).not.toContain('99.999.999')
  })

  it('returns a bad tool call to the model as data and lets it correct itself', async () => {
    const { chat, agent } = withModel([
      { toolCalls: [{ name: 'query_metrics', args: { metrics: ['revenue'], filters: [{ dimension: 'region', values: ['Atlantis'] }], timeRange: { start: '2026-05-01', end: '2026-05-31' } } }] },
      { toolCalls: [{ name: 'query_metrics', args: { metrics: ['revenue'], filters: [{ dimension: 'region', values: ['Sul'] }], timeRange: { start: '2026-05-01', end: '2026-05-31' } } }] },
      { text: 'Revenue for the South region.' },
    ])
    const reply = await ask(agent, 'revenue in the south last month')
    expect(reply.ok, reply.text).toBe(true)
    const error = JSON.parse(String(chat.calls[1]!.find((m) => m instanceof ToolMessage)!.content))
    expect(error).toMatchObject({ ok: false, code: 'unknown_entity' })
    expect(error.error).toContain('Atlantis')
    expect(reply.plan?.filters[0]).toMatchObject({ dimension: 'region', labels: ['Sul'] })
    const [expected] = await query(`select sum(oi.line_total)::float8 as revenue from orders o join order_items oi on oi.order_id = o.id join customers c on c.id = o.customer_id join regions r on r.id = c.region_id
      where o.status = 'completed' and r.name = 'Sul' and o.order_date between '2026-05-01' and '2026-05-31'`)
    expect(Number(reply.table?.rows[0]?.revenue ?? 0)).toBeCloseTo(expected.revenue, 2)
  })

  it('refuses a model that emits malicious SQL: the guard rejects it, two corrections at most, nothing is written', async () => {
    const before = await query('select (select count(*) from orders)::int as orders, (select count(*) from customers)::int as customers')
    const { chat, agent } = withModel([
      { toolCalls: [{ name: 'run_sql', args: { sql: 'delete from orders' } }] },
      { toolCalls: [{ name: 'run_sql', args: { sql: 'select 1; drop table customers' } }] },
      { toolCalls: [{ name: 'run_sql', args: { sql: 'select email, tax_id from customers' } }] },
      { toolCalls: [{ name: 'run_sql', args: { sql: 'update orders set status = \'cancelled\'' } }] },
    ])
    const reply = await ask(agent, 'clean up the orders table please')
    expect(reply.ok).toBe(false)
    expect(chat.calls).toHaveLength(3)
    expect(reply.text).toContain(reply.turnId)
    expect(reply.table).toBeUndefined()
    expect(await query('select (select count(*) from orders)::int as orders, (select count(*) from customers)::int as customers')).toEqual(before)
    const refused = await query(`select outcome from query_audit where submitted_sql in ('delete from orders', 'select 1; drop table customers', 'select email, tax_id from customers')`)
    expect(refused.length).toBe(3)
    expect(refused.every((r) => r.outcome === 'rejected')).toBe(true)
  })

  it('stops a model that loops on tool calls after the step limit and still answers from what ran', async () => {
    const { chat, agent } = withModel([{ toolCalls: [{ name: 'query_metrics', args: { metrics: ['orders'], timeRange: { start: '2026-05-01', end: '2026-05-31' } } }] }], { repeatLast: true })
    const reply = await ask(agent, 'orders last month')
    expect(chat.calls.length).toBe(7)
    expect(reply.ok).toBe(true)
    expect(reply.text).toContain('I stopped after too many steps')
    const [expected] = await query(`select count(*)::int as n from orders where status = 'completed' and order_date between '2026-05-01' and '2026-05-31'`)
    expect(Number(reply.table?.rows[0]?.orders ?? NaN)).toBe(expected.n)
  })

  it('answers with the offline planner, and says so, when the model is unavailable', async () => {
    const { agent } = withModel([{ error: new Error('connect ECONNREFUSED 127.0.0.1:11434') }])
    const reply = await ask(agent, 'revenue by region last month')
    expect(reply.ok, reply.text).toBe(true)
    expect(reply.model).toBe('offline')
    expect(reply.text).toContain('The language model did not answer')
    expect(reply.table?.rows.length).toBe((await mayRevenueByRegion()).length)
  })

  it('keeps a rep to their own orders whatever the model asks for', async () => {
    const [maria] = await query(`select id from sales_reps order by id limit 1`)
    const { agent } = withModel([{ toolCalls: [{ name: 'run_sql', args: { sql: 'select count(*) as n from orders' } }] }, { text: 'Counted.' }])
    const reply = await ask(agent, 'how many orders are there?', { principal: { userId: 'test:rep', role: 'rep', repId: maria.id } })
    const [own] = await query('select count(*)::int as n from orders where rep_id = $1', [maria.id])
    expect(Number(reply.table?.rows[0]?.n)).toBe(own.n)
  })
})
