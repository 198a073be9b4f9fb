/**
 * The prompt an admin activates is the one the model reads on the very next turn, and every turn records which version
 * it used: change a prompt through the API, see it in the model's system message and in agent_turns, roll it back,
 * and see the previous one again.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AnalystAgent } from '../../agents/agent-contract.js'
import { openConversationMemory } from '../../agents/conversation-memory.js'
import { createAnalystAgent } from '../../agents/create-analyst-agent.js'
import { loadConfig } from '../../src/config/config.js'
import { createSqlRunner } from '../../src/main.js'
import { createEntityResolver } from '../../src/planner/entity-resolver.js'
import { readdir } from 'node:fs/promises'
import { defaultPromptsDirectory } from '../../src/prompts/prompt-files.js'
import { createPromptLibrary } from '../../src/prompts/prompt-library.js'
import { loadSqlParser } from '../../src/sql-guard/index.js'
import { ScriptedChatModel } from '../support/scripted-chat-model.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

describeEachDatabase('prompt versions in answers', (kind) => {
  let t: TestApp
  let real: AnalystAgent
  const model = new ScriptedChatModel([{ text: 'Ask me about revenue, orders or the average ticket.' }], { repeatLast: true })

  beforeAll(async () => {
    // The app needs the agent and the agent needs the app's database: the app gets a forwarder.
    t = await createTestApp(kind, { agent: { respond: (request) => real.respond(request) } })
    await loadSqlParser()
    const prompts = createPromptLibrary({ db: t.database.db, directory: defaultPromptsDirectory })
    await prompts.syncPromptFiles()
    real = createAnalystAgent({
      db: t.database.db,
      runner: createSqlRunner(loadConfig({ LOG_LEVEL: 'silent' }), { ...t.database, kind }),
      resolver: createEntityResolver(t.database.db),
      clock: () => new Date('2026-06-30T12:00:00Z'),
      timeZone: 'America/Sao_Paulo',
      currency: 'BRL',
      checkpointer: await openConversationMemory(t.database.pool),
      model: { chat: model, name: 'fake:scripted', timeoutMs: 5_000 },
      prompts,
    })
  })
  afterAll(async () => t?.close())

  const chat = async () => {
    const response = await t.as(t.keys.analyst, { method: 'POST', url: '/api/chat', headers: { accept: 'application/json' }, payload: { threadId: 'prompts', message: 'what can you tell me about sales?' } })
    expect(response.statusCode, response.body).toBe(200)
    const reply = response.json<{ turnId: string; prompt?: { name: string; version: number } }>()
    const { rows } = await t.database.pool.query<{ prompt_name: string; prompt_version: number }>('select prompt_name, prompt_version from agent_turns where id = $1', [reply.turnId])
    const system = String(model.calls.at(-1)![0]!.content)
    return { reply, recorded: rows[0], system }
  }
  const admin = (url: string, payload?: object) => t.as(t.keys.admin, { method: 'POST', url, ...(payload ? { payload } : {}) })

  it('uses the newest shipped version first, the admin\'s new version once activated, and the old one again after a rollback', async () => {
    const shipped = Math.max(...(await readdir(defaultPromptsDirectory)).map((f) => /^analyst-system\.v(\d+)\.md$/.exec(f)?.[1]).filter(Boolean).map(Number))
    const first = await chat()
    expect(first.reply.prompt).toEqual({ name: 'analyst-system', version: shipped })
    expect(first.recorded).toEqual({ prompt_name: 'analyst-system', prompt_version: shipped })
    expect(first.system).toContain('search_documents')
    expect(first.system).toContain('Metrics:')
    expect(first.system).not.toContain('{{')

    const created = await admin('/api/prompts/analyst-system/versions', { text: 'MARKER-V2: answer tersely. Today is {{today}}.\n{{semantic_layer}}', note: 'terser' })
    expect(created.statusCode, created.body).toBe(201)
    const version = created.json<{ version: number }>().version
    expect((await chat()).recorded?.prompt_version).toBe(shipped)

    expect((await admin(`/api/prompts/analyst-system/versions/${version}/activate`)).statusCode).toBe(200)
    const second = await chat()
    expect(second.recorded).toEqual({ prompt_name: 'analyst-system', prompt_version: version })
    expect(second.system).toContain('MARKER-V2: answer tersely. Today is 2026-06-30.')

    expect((await admin('/api/prompts/analyst-system/rollback')).statusCode).toBe(200)
    const third = await chat()
    expect(third.recorded?.prompt_version).toBe(shipped)
    expect(third.system).not.toContain('MARKER-V2')
  })
})
