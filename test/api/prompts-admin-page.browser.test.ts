/**
 * The admin page (/admin) in headless Chromium against the real API on PGlite: sign in with an admin key, write and
 * activate a prompt version and roll it back, create and retire an eval case, and promote feedback whose question
 * is hostile HTML (shown as text). Skipped with a warning without /usr/bin/chromium, except in CI.
 */
import { randomUUID } from 'node:crypto'
import { existsSync } from 'node:fs'
import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { loadConfig } from '../../src/config/config.js'
import { createPromptLibrary, type PromptLibrary } from '../../src/prompts/prompt-library.js'
import { createScriptedAgent } from '../evals/support/scripted-agent.js'
import { createTestApp, type TestApp } from '../support/test-app.js'

const chromiumPath = '/usr/bin/chromium'
const haveChromium = existsSync(chromiumPath)
const inCi = loadConfig().ci
const hostile = 'Revenue <img src=x onerror="window.__owned=1"> by region?'

if (!haveChromium && !inCi) console.warn(`[salesmatrix tests] ${chromiumPath} is missing: the admin page browser test is SKIPPED.`)

describe.skipIf(!haveChromium && !inCi)('admin page (headless Chromium)', () => {
  let t: TestApp
  let browser: Browser
  let page: Page
  let url: string
  let dir: string
  let prompts: PromptLibrary
  const foreign: string[] = []
  const errors: string[] = []

  beforeAll(async () => {
    t = await createTestApp('embedded', { agent: createScriptedAgent(() => ({ refuse: 'out_of_scope' })) })
    dir = await mkdtemp(path.join(os.tmpdir(), 'smx-admin-page-'))
    await writeFile(path.join(dir, 'analyst-system.v1.md'), 'Version one of the analyst prompt.\n')
    prompts = createPromptLibrary({ db: t.database.db, directory: dir })
    await prompts.syncPromptFiles()
    const maria = await t.database.db.selectFrom('api_keys').select('id').where('name', '=', 'maria').executeTakeFirstOrThrow()
    const turnId = randomUUID()
    await t.database.db
      .insertInto('agent_turns')
      .values({ id: turnId, thread_id: 'web:test', user_id: `key:${maria.id}`, principal_role: 'rep', rep_id: null, surface: 'web', message: hostile, intent: 'analytics', ok: true, code: null, language: 'en', answer: '<b>R$ 10</b>', plan: null, sql: 'SELECT count(*) AS n FROM regions', row_count: 1, prompt_name: 'analyst-system', prompt_version: 1, model: 'offline', total_ms: 5 })
      .execute()
    expect((await t.as(t.keys.maria, { method: 'POST', url: `/api/turns/${turnId}/feedback`, payload: { rating: 'up', comment: '<script>alert(1)</script>' } })).statusCode).toBe(201)
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    browser = await chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
    page = await (await browser.newContext({ viewport: { width: 1280, height: 900 } })).newPage()
    page.on('request', (request) => {
      if (!request.url().startsWith(url)) foreign.push(request.url())
    })
    page.on('pageerror', (error) => errors.push(error.message))
    await page.goto(`${url}/admin`)
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const flash = () => page.locator('#flash').textContent()

  it('refuse a non-admin key and sign in with an admin key', async () => {
    await page.locator('#key-input').fill(t.keys.analyst)
    await page.locator('#key-form button[type=submit]').click()
    await expect.poll(() => page.locator('#key-error').textContent()).toContain('not an admin key')
    await page.locator('#key-input').fill(t.keys.admin)
    await page.locator('#key-form button[type=submit]').click()
    await expect.poll(() => page.locator('#prompt-list').textContent()).toContain('analyst-system')
  })

  it('save a new prompt version, activate it, and roll it back', async () => {
    await page.locator('#prompt-list tr', { hasText: 'analyst-system' }).click()
    await expect.poll(() => page.locator('#prompt-title').textContent()).toContain('active version 1')
    expect(await page.locator('#prompt-rollback').isDisabled()).toBe(true)
    await page.locator('#prompt-new-text').fill('Version two of the analyst prompt.')
    await page.locator('#prompt-new-note').fill('clearer')
    await page.locator('#prompt-new button[type=submit]').click()
    await expect.poll(flash).toContain('Saved version 2')
    await page.locator('#prompt-versions tr', { hasText: 'v2' }).getByRole('button', { name: 'Activate' }).click()
    await expect.poll(flash).toContain('version 2 is active')
    await expect.poll(async () => (await prompts.active('analyst-system')).version).toBe(2)
    await expect.poll(() => page.locator('#prompt-rollback').isDisabled()).toBe(false)
    await page.locator('#prompt-rollback').click()
    await expect.poll(flash).toContain('rolled back to version 1')
    expect((await prompts.active('analyst-system')).version).toBe(1)
    await expect.poll(() => page.locator('#prompt-history').textContent()).toContain('rollback')
  })

  it('create an eval case and retire it', async () => {
    await page.locator('#tabs [data-tab=cases]').click()
    await page.locator('#case-new').click()
    await page.locator('#case-id').fill('regions-count-en')
    await page.locator('#case-question').fill('How many regions?')
    await page.locator('#case-today').fill('2026-06-30')
    await page.locator('#case-gold').fill('SELECT count(*) FROM regions')
    await page.locator('#case-tags').fill('dim:region, admin-page')
    await page.locator('#case-form button[type=submit]').click()
    await expect.poll(flash).toContain('Saved regions-count-en')
    await expect.poll(() => page.locator('#case-list').textContent()).toContain('How many regions?')
    await page.locator('#case-list tr', { hasText: 'regions-count-en' }).getByRole('button', { name: 'Retire' }).click()
    await expect.poll(flash).toContain('Retired regions-count-en')
    const stored = await t.database.db.selectFrom('eval_cases').select(['status', 'tags']).where('id', '=', 'regions-count-en').executeTakeFirstOrThrow()
    expect(stored).toEqual({ status: 'retired', tags: ['admin-page', 'dim:region'] })
  })

  it('show feedback with hostile text as text, and promote it to an eval case', async () => {
    await page.locator('#tabs [data-tab=feedback]').click()
    await expect.poll(() => page.locator('#feedback-list').textContent()).toContain(hostile)
    expect(await page.locator('#feedback-list img, #feedback-list script, #feedback-list b').count()).toBe(0)
    await page.locator('#feedback-list').getByRole('button', { name: 'Promote to eval case' }).click()
    await expect.poll(flash).toContain('Created eval case fb-')
    const promoted = await t.database.db.selectFrom('eval_cases').select(['question', 'source']).where('source', '=', 'feedback').executeTakeFirstOrThrow()
    expect(promoted).toEqual({ question: hostile, source: 'feedback' })
    expect(await page.evaluate(() => (globalThis as { __owned?: number }).__owned)).toBeUndefined()
  })

  it('load nothing from other origins and throw no page errors', () => {
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
  })
})
