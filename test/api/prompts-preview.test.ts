import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPromptLibrary } from '../../src/prompts/prompt-library.js'
import { createScriptedAgent, type ScriptedAgent } from '../evals/support/scripted-agent.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

const regionsGold = 'SELECT count(*) AS regions FROM regions'
const productsGold = 'SELECT name, unit_price FROM products ORDER BY unit_price DESC'

describeEachDatabase('prompt previews and eval runs', (kind) => {
  let t: TestApp
  let agent: ScriptedAgent
  let dir: string
  beforeAll(async () => {
    // Version 2 of the prompt "knows" the answers; version 1 miscounts the regions.
    agent = createScriptedAgent((request) => {
      if (request.message.includes('weather')) return { refuse: 'out_of_scope' }
      if (request.message.includes('regions')) return { rows: [{ n: request.promptVersion?.version === 2 ? 2 : 3 }], sql: 'select 2' }
      return { rows: [{ product: 'Gadget', price: 250.5 }, { product: 'Widget', price: 100 }] }
    })
    t = await createTestApp(kind, { agent })
    dir = await mkdtemp(path.join(os.tmpdir(), 'smx-preview-'))
    await writeFile(path.join(dir, 'analyst-system.v1.md'), 'Version one.\n')
    const prompts = createPromptLibrary({ db: t.database.db, directory: dir })
    await prompts.syncPromptFiles()
    const admin = (url: string, payload: object) => t.as(t.keys.admin, { method: 'POST', url, payload })
    expect((await admin('/api/prompts/analyst-system/versions', { text: 'Version two.' })).statusCode).toBe(201)
    for (const payload of [
      { id: 'regions-en', question: 'How many regions do we have?', lang: 'en', today: '2026-06-30', expect: 'answer', goldSql: regionsGold, tags: ['dim:region'] },
      { id: 'products-en', question: 'Products by price', lang: 'en', today: '2026-05-31', expect: 'answer', goldSql: productsGold, ordered: true, tags: ['dim:product'] },
      { id: 'weather-en', question: 'What is the weather tomorrow?', lang: 'en', today: '2026-06-30', expect: 'refuse', tags: ['out_of_scope'] },
      { id: 'retired-en', question: 'How many regions, old wording?', lang: 'en', today: '2026-06-30', expect: 'answer', goldSql: regionsGold, tags: ['dim:region'] },
    ]) {
      expect((await admin('/api/eval-cases', payload)).statusCode).toBe(201)
    }
    expect((await admin('/api/eval-cases/retired-en/retire', {})).statusCode).toBe(200)
  })
  afterAll(async () => {
    await t?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const preview = (version: number, payload: object = {}) => t.as(t.keys.admin, { method: 'POST', url: `/api/prompts/analyst-system/versions/${version}/preview`, payload })

  it('run the active curated cases through the agent with the previewed version and score them against gold SQL', async () => {
    agent.requests.length = 0
    const response = await preview(2)
    expect(response.statusCode, response.body).toBe(200)
    const body = response.json()
    expect(body).toMatchObject({ prompt: { name: 'analyst-system', version: 2 }, model: 'test:scripted', promptUsed: true, note: null, total: 3, passed: 3, accuracy: 1 })
    expect(body.cases.map((c: { id: string; passed: boolean }) => [c.id, c.passed])).toEqual([['products-en', true], ['regions-en', true], ['weather-en', true]])
    expect(agent.requests).toHaveLength(3)
    for (const request of agent.requests) {
      expect(request).toMatchObject({ promptVersion: { name: 'analyst-system', version: 2 }, surface: 'eval', principal: { role: 'admin' } })
      expect(request.threadId).toMatch(/^eval:preview:[0-9a-f-]{36}:(products|regions|weather)-en$/)
    }
    expect(agent.requests.find((r) => r.message === 'Products by price')?.today).toBe('2026-05-31')
    // Previewing activates nothing.
    expect((await t.as(t.keys.admin, { method: 'GET', url: '/api/prompts/analyst-system' })).json().activeVersion).toBe(1)
  })

  it('show where another version does worse, on the cases chosen by id or tag', async () => {
    const byId = (await preview(1, { caseIds: ['regions-en'] })).json()
    expect(byId).toMatchObject({ total: 1, passed: 0, accuracy: 0 })
    expect(byId.cases[0].reason).toContain('no match')
    const byTag = (await preview(1, { tags: ['out_of_scope'] })).json()
    expect(byTag).toMatchObject({ total: 1, passed: 1 })
    expect((await preview(1, { caseIds: ['retired-en'] })).statusCode).toBe(404)
    expect((await preview(1, { tags: ['no-such-tag'] })).statusCode).toBe(422)
    expect((await preview(99)).statusCode).toBe(404)
    expect((await t.as(t.keys.analyst, { method: 'POST', url: '/api/prompts/analyst-system/versions/2/preview', payload: {} })).statusCode).toBe(403)
  })

  it('say so when answers come from the offline planner, which uses no prompt', async () => {
    agent.model = 'offline'
    try {
      const body = (await preview(2, { caseIds: ['weather-en'] })).json()
      expect(body.note).toMatch(/offline planner, which uses no prompt/)
      expect(body.model).toBe('offline')
    } finally {
      agent.model = 'test:scripted'
    }
  })

  it('store every preview as an eval run, listed newest first with prompt version and model so they can be compared', async () => {
    const response = await t.as(t.keys.admin, { method: 'GET', url: '/api/eval-runs?suite=prompt-preview' })
    expect(response.statusCode, response.body).toBe(200)
    const runs = response.json().data
    expect(runs.length).toBe(4)
    expect(runs[0]).toMatchObject({ suite: 'prompt-preview', model: 'offline', promptVersion: null, cases: 1, dataset: { requestedPrompt: 'analyst-system@2' } })
    expect(runs[runs.length - 1]).toMatchObject({ suite: 'prompt-preview', model: 'test:scripted', promptVersion: 'analyst-system@2', cases: 3, passed: 3, accuracy: 1 })
    const v1 = (await t.as(t.keys.admin, { method: 'GET', url: '/api/eval-runs?promptVersion=analyst-system@1' })).json().data
    expect(v1.map((r: { accuracy: number }) => r.accuracy)).toEqual([1, 0])
    const one = await t.as(t.keys.admin, { method: 'GET', url: `/api/eval-runs/${runs[runs.length - 1].id}` })
    expect(one.json().results.map((r: { caseId: string }) => r.caseId)).toEqual(['products-en', 'regions-en', 'weather-en'])
    expect((await t.as(t.keys.admin, { method: 'GET', url: '/api/eval-runs/987654' })).statusCode).toBe(404)
    expect((await t.as(t.keys.analyst, { method: 'GET', url: '/api/eval-runs' })).statusCode).toBe(403)
  })
})
