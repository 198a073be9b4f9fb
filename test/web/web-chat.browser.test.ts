/**
 * The web chat in a real browser (Debian's headless Chromium through playwright-core), at phone width:
 * first against a scripted agent, for the page's own behaviour (live progress, tables, SQL toggle, escaping,
 * errors with reference ids, the key), then end to end against the real service started as `salesmatrix serve`
 * starts it. Without /usr/bin/chromium the suite is skipped with a warning — except in CI (CI=true), where it fails.
 */
import { existsSync } from 'node:fs'
import { mkdtemp, rm } from 'node:fs/promises'
import type { AddressInfo } from 'node:net'
import os from 'node:os'
import path from 'node:path'
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import type { AgentReply, AgentTurnRequest, AnalystAgent, ReplyChart } from '../../agents/agent-contract.js'
import { chooseChart } from '../../src/charts/choose-chart.js'
import { renderChart } from '../../src/charts/render-chart.js'
import { loadConfig } from '../../src/config/config.js'
import { createLogger } from '../../src/logging/logger.js'
import { startService, type RunningService } from '../../src/main.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { regionBreakdown } from '../charts/chart-examples.js'

/** The slice of the browser's globals that page.evaluate callbacks use (tests compile without the DOM lib). */
declare const document: { documentElement: { scrollWidth: number; clientWidth: number } }
declare const localStorage: { getItem(name: string): string | null }

const chromiumPath = '/usr/bin/chromium'
const haveChromium = existsSync(chromiumPath)
const inCi = loadConfig().ci
const phone = { width: 390, height: 844 }

if (!haveChromium && !inCi) {
  console.warn(`[salesmatrix tests] ${chromiumPath} is missing: the web chat browser tests are SKIPPED (apt-get install -y --no-install-recommends chromium fonts-liberation). In CI they fail instead.`)
}

async function launchBrowser(): Promise<Browser> {
  if (!haveChromium) throw new Error(`CI=true but ${chromiumPath} is missing: install it with apt-get install -y --no-install-recommends chromium fonts-liberation`)
  return chromium.launch({ executablePath: chromiumPath, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking'] })
}

/** Every request the page makes must go to the page's own server. */
async function openPhonePage(browser: Browser, url: string): Promise<{ context: BrowserContext; page: Page; foreign: string[]; errors: string[] }> {
  const context = await browser.newContext({ viewport: phone, deviceScaleFactor: 1 })
  const page = await context.newPage()
  const foreign: string[] = []
  const errors: string[] = []
  page.on('request', (request) => {
    if (!request.url().startsWith(url)) foreign.push(request.url())
  })
  page.on('pageerror', (error) => errors.push(error.message))
  await page.goto(url)
  return { context, page, foreign, errors }
}

async function signIn(page: Page, key: string): Promise<void> {
  await page.locator('#key-input').fill(key)
  await page.locator('#key-form button[type=submit]').click()
  await expect.poll(() => page.locator('#chat').isVisible()).toBe(true)
}

async function ask(page: Page, question: string): Promise<void> {
  await page.locator('#message').fill(question)
  await page.locator('#message').press('Enter')
}

/** The n-th assistant reply (0 = the first answer; the introduction does not count), once it has settled. */
async function settledReply(page: Page, n: number, timeoutMs = 30_000) {
  const reply = page.locator('li.message.assistant:not(.intro)').nth(n)
  await reply.and(page.locator(':not(.waiting)')).waitFor({ timeout: timeoutMs })
  return reply
}

async function horizontalOverflow(page: Page): Promise<number> {
  return page.evaluate(() => document.documentElement.scrollWidth - document.documentElement.clientWidth)
}

describe.skipIf(!haveChromium && !inCi)('web chat page (scripted agent, headless Chromium)', () => {
  let t: TestApp
  let browser: Browser
  let url: string
  const turns: AgentTurnRequest[] = []
  let chart: ReplyChart

  const wide: AgentReply['table'] = {
    columns: ['Region', 'Revenue', 'Revenue (previous)', 'Revenue (change)', 'Revenue (change %)', 'Orders', 'Average ticket', 'Margin'].map((label, i) => ({
      name: `c${i}`,
      label,
      role: i === 0 ? ('dimension' as const) : ('metric' as const),
    })),
    rows: [],
    display: ['Centro-Oeste', 'Nordeste', 'Norte', 'Sudeste', 'Sul'].map((region) => [region, 'R$ 1.234.567,89', 'R$ 1.111.111,11', 'R$ 123.456,78', '+11,1%', '1.234', 'R$ 1.000,00', '38,2%']),
    truncated: false,
  }

  const agent: AnalystAgent = {
    async respond(request) {
      turns.push(request)
      const base = {
        turnId: `turn-${turns.length}`,
        threadId: request.threadId,
        intent: 'analytics' as const,
        language: 'pt' as const,
        model: 'offline',
        usage: { inputTokens: 0, outputTokens: 0 },
        totalMs: 1,
        wantsChart: false,
        showSql: request.showSql ?? false,
      }
      if (request.message === 'explode') throw new Error('secret stack trace')
      if (request.message === 'gráfico por região') {
        return { ...base, ok: true, wantsChart: true, text: 'Faturamento por região — mai/2026: Sudeste lidera.', headline: 'Faturamento por região — mai/2026: Sudeste lidera.', chart, suggestions: [] }
      }
      if (request.message === 'nonsense') {
        return { ...base, ok: false, code: 'no_metric', text: 'Não entendi qual métrica.', headline: 'Não entendi qual métrica.', suggestions: ['receita do mês passado'] }
      }
      request.onProgress?.({ step: 'understanding', message: 'Entendendo a pergunta…' })
      await new Promise((resolve) => setTimeout(resolve, 300))
      request.onProgress?.({ step: 'querying', message: 'Consultando os dados de vendas…' })
      await new Promise((resolve) => setTimeout(resolve, 900))
      return {
        ...base,
        ok: true,
        text: 'Receita por região <b>bold</b> — março de 2025:\n```\nRegião  Receita\n──────  ───────\nSul     R$ 1\n```\n\nComo foi calculado: Receita = soma dos itens.\n1 linha.\n\nSQL:\n```sql\nselect 1\n```',
        headline: 'Receita por região — março de 2025:',
        sql: 'select region, sum(line_total) as revenue from sales group by region',
        showSql: true,
        table: wide,
        suggestions: ['<img src=x onerror=alert(1)>', 'e no mês anterior?'],
      }
    },
  }

  beforeAll(async () => {
    const choice = chooseChart(regionBreakdown('pt'))!
    const rendered = await renderChart(choice.spec)
    chart = { spec: choice.spec, pngBase64: rendered.png.toString('base64'), width: rendered.width, height: rendered.height, alt: choice.alt }
    t = await createTestApp('embedded', { agent })
    await t.app.listen({ host: '127.0.0.1', port: 0 })
    url = `http://127.0.0.1:${(t.app.server.address() as AddressInfo).port}`
    browser = await launchBrowser()
  })
  afterAll(async () => {
    await browser?.close()
    await t?.close()
  })

  it('shows live progress, then the table, the definition and the SQL (open, as asked), all text escaped, in Portuguese', async () => {
    const { context, page, foreign, errors } = await openPhonePage(browser, url)
    expect(await page.locator('#key-gate').isVisible()).toBe(true)
    await signIn(page, t.keys.analyst)
    await ask(page, 'receita por região em março')
    await expect.poll(() => page.locator('.progress-text').textContent(), { timeout: 5_000 }).toBe('Consultando os dados de vendas…')
    expect(await page.locator('#send').isDisabled()).toBe(true)

    const reply = await settledReply(page, 0)
    expect(await page.locator('#send').isDisabled()).toBe(false)
    expect(await page.getAttribute('html', 'lang')).toBe('pt-BR')
    expect(await reply.locator('table tbody tr').count()).toBe(5)
    expect(await reply.locator('thead th').allTextContents()).toContain('Revenue (change %)')
    expect(await reply.locator('pre.code').count()).toBe(0) // the monospace table and the fenced SQL are not repeated
    expect(await reply.locator('.how').textContent()).toContain('Como foi calculado')
    expect(await reply.locator('details.sql').getAttribute('open')).not.toBeNull()
    expect(await reply.locator('details.sql summary').textContent()).toBe('Mostrar SQL')
    expect(await reply.locator('details.sql code').textContent()).toContain('select region')
    expect(await reply.locator('.headline').textContent()).toContain('<b>bold</b>')
    expect(await reply.locator('b, img').count()).toBe(0)
    expect(await reply.locator('.chip').first().textContent()).toBe('<img src=x onerror=alert(1)>')

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0)
    const wrap = reply.locator('.table-wrap')
    expect(await wrap.evaluate((node) => node.scrollWidth > node.clientWidth)).toBe(true) // the wide table scrolls in its own box
    await page.screenshot({ path: path.join(os.tmpdir(), 'web-chat-phone-scripted.png'), fullPage: true })
    expect(turns.at(-1)).toMatchObject({ surface: 'web', principal: { role: 'analyst' } })
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('shows a reply\'s chart as an image that fits the phone-width bubble, with the chart\'s description as alt text', async () => {
    const { context, page, foreign, errors } = await openPhonePage(browser, url)
    await signIn(page, t.keys.analyst)
    await ask(page, 'gráfico por região')
    const reply = await settledReply(page, 0)
    const image = reply.locator('figure.chart img')
    await expect.poll(() => image.isVisible()).toBe(true)
    expect(await image.getAttribute('alt')).toBe(chart.alt)
    expect(await image.getAttribute('alt')).toContain('Faturamento por região — mai/2026')
    await expect.poll(() => image.evaluate((node) => (node as unknown as { naturalWidth: number }).naturalWidth)).toBe(chart.width)
    const box = await image.boundingBox()
    const bubble = await reply.boundingBox()
    expect(box!.width).toBeGreaterThan(250)
    expect(box!.width).toBeLessThanOrEqual(bubble!.width)
    expect(box!.height / box!.width).toBeCloseTo(chart.height / chart.width, 1)
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0)
    await page.screenshot({ path: path.join(os.tmpdir(), 'web-chat-phone-chart.png'), fullPage: true })
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('continues the same thread from a suggestion chip, and starts a new one on "New conversation"', async () => {
    const { context, page } = await openPhonePage(browser, url)
    await signIn(page, t.keys.admin)
    turns.length = 0
    await ask(page, 'receita por região')
    await settledReply(page, 0)
    await page.locator('li.message.assistant:not(.intro) .chip', { hasText: 'e no mês anterior?' }).click()
    await settledReply(page, 1)
    expect(turns.map((turn) => turn.message)).toEqual(['receita por região', 'e no mês anterior?'])
    expect(turns[1]!.threadId).toBe(turns[0]!.threadId)

    await page.locator('#new-thread').click()
    expect(await page.locator('li.message:not(.intro)').count()).toBe(0)
    await ask(page, 'receita por região')
    await settledReply(page, 0)
    expect(turns[2]!.threadId).not.toBe(turns[0]!.threadId)
    await context.close()
  })

  it('shows the reference id under a failed reply and under an agent error, without the error itself', async () => {
    const { context, page } = await openPhonePage(browser, url)
    await signIn(page, t.keys.admin)
    await ask(page, 'nonsense')
    const failed = await settledReply(page, 0)
    expect(await failed.getAttribute('class')).toContain('failed')
    expect(await failed.locator('.reference').textContent()).toMatch(/^Referência: turn-\d+$/)

    await ask(page, 'explode')
    const broken = await settledReply(page, 1)
    expect(await broken.locator('.reference').textContent()).toMatch(/: [0-9a-f-]{36}$/)
    expect(await broken.textContent()).not.toContain('secret')
    await context.close()
  })

  it('keeps the key across a reload, forgets it on request, and asks again when the key is refused', async () => {
    const { context, page } = await openPhonePage(browser, url)
    await signIn(page, t.keys.admin)
    await page.reload()
    expect(await page.locator('#chat').isVisible()).toBe(true)
    await page.locator('#forget-key').click()
    expect(await page.locator('#key-gate').isVisible()).toBe(true)
    expect(await page.evaluate(() => localStorage.getItem('salesmatrix.apiKey'))).toBeNull()

    await signIn(page, 'smx_0000000000_AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA')
    await ask(page, 'receita')
    await expect.poll(() => page.locator('#key-gate').isVisible()).toBe(true)
    expect(await page.locator('#key-error').textContent()).toContain('not accepted')
    await context.close()
  })
})

describe.skipIf(!haveChromium && !inCi)('web chat end to end (real service, headless Chromium)', () => {
  let service: RunningService
  let browser: Browser
  let base: string
  let adminKey: string | undefined

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'smx-web-chat-'))
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', EMBEDDED_DATA_DIR: path.join(base, 'pglite'), SEED_ORDERS: '1500', LOG_LEVEL: 'silent' })
    service = await startService({
      config,
      logger: createLogger({ level: 'silent' }),
      announce: (text) => (adminKey = /shown only this once:\s+(smx_\S+)/.exec(text)?.[1]),
    })
    await service.ready
    browser = await launchBrowser()
  }, 180_000)
  afterAll(async () => {
    await browser?.close()
    await service?.stop()
    if (base) await rm(base, { recursive: true, force: true })
  })

  it('asks a question, shows a table of regions, expands the SQL, answers two follow-ups in the same thread (the month before, only the South), takes a 👍, fits a phone', async () => {
    expect(adminKey).toMatch(/^smx_/)
    const { context, page, foreign, errors } = await openPhonePage(browser, service.url)
    const threadIds: string[] = []
    page.on('request', (request) => {
      if (request.url().endsWith('/api/chat')) threadIds.push((JSON.parse(request.postData() ?? '{}') as { threadId: string }).threadId)
    })
    await signIn(page, adminKey!)

    await ask(page, 'revenue by region last month')
    const first = await settledReply(page, 0, 60_000)
    expect(await first.getAttribute('class'), (await first.textContent()) ?? '').not.toContain('failed')
    const regions = await first.locator('table tbody tr td:first-child').allTextContents()
    expect(regions).toEqual(expect.arrayContaining(['Sudeste', 'Sul']))
    // A breakdown comes with a ranked bar chart drawn from the same rows.
    expect(await first.locator('figure.chart img').getAttribute('alt')).toMatch(/^Bar chart: Revenue by region/)
    await first.locator('details.sql summary').click()
    expect(await first.locator('details.sql code').isVisible()).toBe(true)
    expect(await first.locator('details.sql code').textContent()).toMatch(/\bselect\b/i)

    await ask(page, 'and the month before?')
    const second = await settledReply(page, 1, 60_000)
    expect(await second.getAttribute('class'), (await second.textContent()) ?? '').not.toContain('failed')
    expect(await second.locator('table tbody tr td:first-child').allTextContents()).toEqual(expect.arrayContaining(['Sudeste', 'Sul']))
    // The follow-up is the month before the first answer's month, not before today.
    const periodOf = async (reply: typeof first) => /— (.+?):/.exec((await reply.textContent()) ?? '')?.[1]
    expect(await periodOf(second)).not.toEqual(await periodOf(first))

    await ask(page, 'só para a região Sul')
    const third = await settledReply(page, 2, 60_000)
    expect(await third.getAttribute('class'), (await third.textContent()) ?? '').not.toContain('failed')
    expect(await third.getAttribute('lang')).toBe('pt-BR')
    expect(await third.textContent()).toContain('região = Sul')
    expect(await third.textContent()).not.toContain('Sudeste')
    expect(threadIds).toHaveLength(3)
    expect(new Set(threadIds).size).toBe(1)

    // Two breakdowns with time (region × month) come with a heatmap.
    await ask(page, 'revenue by region by month this year')
    const fourth = await settledReply(page, 3, 60_000)
    expect(await fourth.locator('figure.chart img').getAttribute('alt')).toMatch(/^Heatmap: Revenue by region and month/)
    expect(await fourth.locator('figure.chart img').isVisible()).toBe(true)

    // The feedback route belongs to the curation work: 'thanks' once it exists, the quiet error until then.
    await first.locator('button.vote[data-rating=up]').click()
    await expect.poll(() => first.locator('.feedback-status').textContent()).toMatch(/Thanks for the feedback|Feedback could not be saved/)

    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0)
    await page.screenshot({ path: path.join(os.tmpdir(), 'web-chat-phone.png'), fullPage: true })
    expect(foreign).toEqual([])
    expect(errors).toEqual([])
    await context.close()
  })

  it('answers from the demo documents the first start loaded, quoting the passage and listing its source, in English and Portuguese', async () => {
    const { context, page, errors } = await openPhonePage(browser, service.url)
    await signIn(page, adminKey!)

    await ask(page, 'what is the maximum discount for enterprise customers?')
    const discount = await settledReply(page, 0, 60_000)
    expect(await discount.textContent()).toContain('The maximum discount for enterprise customers is 15% off list price')
    expect(await discount.locator('section.sources h3').textContent()).toBe('Sources')
    expect((await discount.locator('section.sources li').first().textContent()) ?? '').toMatch(/^\[1\] Sales Playbook/i)

    await ask(page, 'qual é a comissão sobre vendas acima da meta?')
    const commission = await settledReply(page, 1, 60_000)
    expect(await commission.textContent()).toContain('6% sobre o excedente')
    expect(await commission.locator('section.sources h3').textContent()).toBe('Fontes')
    expect(await horizontalOverflow(page)).toBeLessThanOrEqual(0)
    expect(errors).toEqual([])
    await context.close()
  })
})
