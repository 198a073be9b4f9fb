/**
 * The configured providers, each through its real LangChain client against a local stand-in of its HTTP API: the
 * model gets the tools and the semantic layer, its tool call runs through the guard, the answer's figures are the
 * query's, and tokens are counted. Configuration mistakes fail fast, naming the variable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { openConversationMemory } from '../../agents/conversation-memory.js'
import { createAnalystAgent, type AnalystAgentDeps } from '../../agents/create-analyst-agent.js'
import { createChatModel } from '../../agents/models/create-chat-model.js'
import { loadConfig, type ConfigError } from '../../src/config/config.js'
import { createSqlRunner } from '../../src/main.js'
import { createEntityResolver } from '../../src/planner/entity-resolver.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { loadSqlParser } from '../../src/sql-guard/index.js'
import { startLlmStandIn, type StandInTurn } from '../support/llm-stand-in.js'
import { createTestDatabase, type TestDatabase } from '../support/test-database.js'

const today = '2026-06-30'
const script: StandInTurn[] = [
  { tool: 'query_metrics', args: { metrics: ['orders'], dimensions: ['channel'], timeRange: { start: '2026-05-01', end: '2026-05-31' } } },
  { text: 'Orders by channel for May.' },
]

describe('LLM providers through their LangChain clients', () => {
  let t: TestDatabase
  let base: AnalystAgentDeps
  let expected: Map<string, number>

  beforeAll(async () => {
    t = await createTestDatabase('embedded')
    await seedDemoData({ ...t, kind: 'embedded' }, { orders: 1500, seed: 7, endDate: today })
    await loadSqlParser()
    base = {
      db: t.db,
      runner: createSqlRunner(loadConfig({ LOG_LEVEL: 'silent' }), { ...t, kind: 'embedded' }),
      resolver: createEntityResolver(t.db),
      clock: () => new Date(`${today}T12:00:00Z`),
      timeZone: 'America/Sao_Paulo',
      currency: 'BRL',
      checkpointer: await openConversationMemory(t.pool),
    }
    const { rows } = await t.pool.query<{ channel: string; n: number }>(
      `select channel, count(*)::int as n from orders where status = 'completed' and order_date between '2026-05-01' and '2026-05-31' group by channel`,
    )
    expected = new Map(rows.map((r) => [r.channel, r.n]))
  })
  afterAll(async () => t?.close())

  const providers = [
    { provider: 'openai', env: (url: string) => ({ LLM_PROVIDER: 'openai', LLM_MODEL: 'local-model', LLM_BASE_URL: `${url}/v1` }), path: '/v1/chat/completions' },
    { provider: 'anthropic', env: (url: string) => ({ LLM_PROVIDER: 'anthropic', LLM_MODEL: 'claude-test', LLM_API_KEY: 'sk-ant-test', LLM_BASE_URL: url }), path: '/v1/messages' },
    { provider: 'ollama', env: (url: string) => ({ LLM_PROVIDER: 'ollama', LLM_MODEL: 'llama3.1', LLM_BASE_URL: url }), path: '/api/chat' },
  ] as const

  for (const { provider, env, path } of providers) {
    it(`${provider}: the model's tool call runs through the guard and the answer carries the query's figures and the tokens`, async () => {
      const standIn = await startLlmStandIn(script, { input: 900, output: 30 })
      try {
        const config = loadConfig({ LOG_LEVEL: 'silent', LLM_PRICE_INPUT_PER_MTOK: '1', LLM_PRICE_OUTPUT_PER_MTOK: '2', ...env(standIn.url) })
        const model = await createChatModel(config.llm)
        expect(model?.name).toBe(`${provider}:${config.llm.model}`)
        const agent = createAnalystAgent({ ...base, model: model! })
        const reply = await agent.respond({ threadId: `test:${provider}`, message: 'orders by channel in May', principal: { userId: 'test', role: 'director' }, surface: 'test', today })
        expect(reply.ok, reply.text).toBe(true)
        expect(reply.model).toBe(model!.name)
        expect(new Map(reply.table!.rows.map((r) => [String(r.channel), Number(r.orders)]))).toEqual(expected)
        expect(reply.text).toContain('Orders by channel for May.')
        expect(reply.usage).toMatchObject({ inputTokens: 1800, outputTokens: 60 })
        expect(reply.usage.costUsd).toBeCloseTo((1800 * 1 + 60 * 2) / 1e6, 9)
        expect(standIn.requests.map((r) => r.path)).toEqual([path, path])
        const first = JSON.stringify(standIn.requests[0]!.body)
        expect(first).toContain('query_metrics')
        expect(first).toContain('run_sql')
        expect(first).toContain('Metrics:')
        // The second request carries the tool result: its shape, never the rows.
        const second = JSON.stringify(standIn.requests[1]!.body)
        expect(second).toContain('rowCount')
        for (const [, n] of expected) expect(second).not.toContain(`"orders":${n}`)
      } finally {
        await standIn.close()
      }
    })
  }

  it('refuses a provider without a model, Anthropic without a key, and half a price, naming the variable', () => {
    const problems = (env: Record<string, string>) => {
      try {
        loadConfig(env)
        return []
      } catch (error) {
        return (error as ConfigError).problems
      }
    }
    expect(problems({ LLM_PROVIDER: 'ollama' }).join()).toContain('LLM_MODEL')
    expect(problems({ LLM_PROVIDER: 'anthropic', LLM_MODEL: 'x' }).join()).toContain('LLM_API_KEY')
    expect(problems({ LLM_PROVIDER: 'openai', LLM_MODEL: 'gpt' }).join()).toContain('LLM_API_KEY')
    expect(problems({ LLM_PROVIDER: 'openai', LLM_MODEL: 'local', LLM_BASE_URL: 'http://127.0.0.1:8080/v1' })).toEqual([])
    expect(problems({ LLM_PRICE_INPUT_PER_MTOK: '1' }).join()).toContain('LLM_PRICE_OUTPUT_PER_MTOK')
    expect(problems({ LLM_PROVIDER: 'gpt' }).join()).toContain('LLM_PROVIDER')
    expect(loadConfig({}).llm.provider).toBe('none')
  })
})
