/**
 * `salesmatrix chat` against the real service on an embedded database: a newcomer's three-turn conversation keeps its
 * context, the conversation survives a restart of the service (the memory is in the database), and the command runs
 * as a real process reading questions from stdin.
 */
import { spawn } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { PassThrough } from 'node:stream'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createChatClient } from '../../src/cli/chat-client.js'
import { runChatRepl } from '../../src/cli/chat-repl.js'
import { loadConfig } from '../../src/config/config.js'
import { createLogger } from '../../src/logging/logger.js'
import { startService, type RunningService } from '../../src/main.js'

const bin = path.resolve('bin/salesmatrix.js')

/** Feeds lines to the REPL one by one, each after the previous answer arrived, and returns what it printed. */
async function converse(options: { url: string; key: string; threadId?: string }, lines: readonly string[]): Promise<string> {
  const input = new PassThrough()
  const output = new PassThrough()
  let printed = ''
  output.on('data', (d) => (printed += String(d)))
  const done = runChatRepl({ client: createChatClient({ url: options.url, apiKey: options.key }), input, output, ...(options.threadId ? { threadId: options.threadId } : {}) })
  for (const line of lines) {
    const prompts = printed.split('› ').length
    input.write(`${line}\n`)
    if (line === '/quit') break
    // Wait for the next prompt: the answer to this line is complete.
    for (let i = 0; i < 600 && printed.split('› ').length === prompts; i++) await new Promise((r) => setTimeout(r, 50))
  }
  input.end()
  expect(await done).toBe(0)
  return printed
}

/** The answers between prompts, without progress lines. */
const answers = (printed: string) => printed.split('› ').slice(1).map((chunk) => chunk.split('\n').filter((l) => !l.startsWith('… ')).join('\n').trim())

describe('salesmatrix chat', () => {
  let base: string
  let service: RunningService
  let key = ''
  const start = async () => {
    const config = loadConfig({ PORT: '0', HOST: '127.0.0.1', EMBEDDED_DATA_DIR: path.join(base, 'pglite'), SEED_ORDERS: '2000', LOG_LEVEL: 'silent', DATABASE_URL: '' })
    service = await startService({ config, logger: createLogger({ level: 'silent' }), announce: (text) => (key = /shown only this once:\s+(smx_\S+)/.exec(text)?.[1] ?? key) })
    await service.ready
  }

  beforeAll(async () => {
    base = await mkdtemp(path.join(os.tmpdir(), 'smx-chat-'))
    await start()
  })
  afterAll(async () => {
    await service?.stop()
    await rm(base, { recursive: true, force: true })
  })

  it('keeps the context of a conversation: by region last month, the month before, only the South', async () => {
    const printed = await converse({ url: service.url, key, threadId: 'newcomer' }, ['revenue by region last month', 'and the month before?', 'só para a região Sul', '/quit'])
    const [first, second, third] = answers(printed)
    expect(first).toMatch(/^Revenue by region — /)
    expect(first).toMatch(/Sudeste\s+R\$[\d,]+\.\d{2}/)
    expect(second).toMatch(/^Revenue by region — /)
    expect(second).not.toEqual(first)
    expect(third).toMatch(/^Faturamento/)
    expect(third).toContain('região = Sul')
    expect(third).not.toContain('Sudeste')
  })

  it('remembers the conversation after the service restarts', async () => {
    await service.stop()
    await start()
    const printed = await converse({ url: service.url, key, threadId: 'newcomer' }, ['e por categoria?', '/quit'])
    const [answer] = answers(printed)
    expect(answer).toContain('região = Sul')
    expect(answer).toMatch(/categoria/i)
  })

  it('runs as a real process: questions on stdin, answers on stdout, a wrong key refused with a clear message', async () => {
    const run = (args: string[], stdin: string) =>
      new Promise<{ code: number | null; out: string }>((resolve) => {
        // eslint-disable-next-line no-restricted-properties -- the child inherits PATH etc.
        const child = spawn(process.execPath, [bin, 'chat', '--url', service.url, ...args], { env: { ...process.env, LOG_LEVEL: 'silent' }, stdio: ['pipe', 'pipe', 'pipe'] })
        let out = ''
        child.stdout.on('data', (d) => (out += String(d)))
        child.stderr.on('data', (d) => (out += String(d)))
        child.on('exit', (code) => resolve({ code, out }))
        child.stdin.end(stdin)
      })
    const ok = await run(['--key', key], 'quantos pedidos em 2026?\n/quit\n')
    expect(ok.code, ok.out).toBe(0)
    expect(ok.out).toMatch(/Pedidos/)
    const refused = await run(['--key', 'smx_wrong_key'], 'revenue last month\n')
    expect(refused.code).toBe(1)
    expect(refused.out).toMatch(/not valid|revoked/)
  })
})
