/**
 * The two-command promise, end to end: `salesmatrix serve` on an empty embedded database migrates,
 * prints a one-time admin key, loads demo data, serves the API, and keeps everything across a restart.
 */
import { spawn, type ChildProcess } from 'node:child_process'
import { mkdtemp, rm } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, describe, expect, it } from 'vitest'

const bin = path.resolve('bin/salesmatrix.js')

interface Started { child: ChildProcess; url: string; key: string | undefined; output: () => string }

function serve(dataDir: string): Promise<Started> {
  const child = spawn(process.execPath, [bin, 'serve'], {
    // eslint-disable-next-line no-restricted-properties -- the child inherits PATH etc.; these variables are its configuration
    env: { ...process.env, PORT: '0', HOST: '127.0.0.1', EMBEDDED_DATA_DIR: dataDir, SEED_ORDERS: '1500', LOG_LEVEL: 'warn', DATABASE_URL: '' },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout!.on('data', (d) => (out += String(d)))
  child.stderr!.on('data', (d) => (out += String(d)))
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`serve did not start:\n${out}`)), 90_000)
    child.on('exit', (code) => reject(new Error(`serve exited with ${code}:\n${out}`)))
    const poll = setInterval(() => {
      const url = /listening on (http:\/\/\S+)/.exec(out)?.[1]
      if (!url) return
      clearInterval(poll)
      clearTimeout(timer)
      resolve({ child, url, key: /shown only this once:\s+(smx_\S+)/.exec(out)?.[1], output: () => out })
    }, 50)
  })
}

async function stop(started: Started): Promise<number | null> {
  const exited = new Promise<number | null>((resolve) => started.child.once('exit', (code) => resolve(code)))
  started.child.kill('SIGTERM')
  return exited
}

async function waitReady(url: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    const response = await fetch(`${url}/readyz`)
    if (response.status === 200) return
    await new Promise((r) => setTimeout(r, 100))
  }
  throw new Error('never became ready')
}

describe('salesmatrix serve on a fresh embedded database', () => {
  const dirs: string[] = []
  afterAll(async () => {
    for (const dir of dirs) await rm(dir, { recursive: true, force: true })
  })

  it('serves health at once, demo orders with the printed key, and keeps data and key across a restart', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'smx-serve-'))
    dirs.push(base)
    const dataDir = path.join(base, 'pglite')

    const first = await serve(dataDir)
    expect((await fetch(`${first.url}/healthz`)).status).toBe(200)
    expect(first.key).toMatch(/^smx_/)
    await waitReady(first.url)
    const orders = await fetch(`${first.url}/api/orders?limit=5`, { headers: { authorization: `Bearer ${first.key}` } })
    expect(orders.status).toBe(200)
    const page = (await orders.json()) as { data: { items: unknown[] }[] }
    expect(page.data).toHaveLength(5)
    expect(page.data[0]!.items.length).toBeGreaterThan(0)
    expect(first.output()).not.toMatch(/"level":(50|60)/)
    expect(await stop(first)).toBe(0)

    const second = await serve(dataDir)
    expect(second.key).toBeUndefined()
    await waitReady(second.url)
    const again = await fetch(`${second.url}/api/orders?limit=1`, { headers: { authorization: `Bearer ${first.key}` } })
    expect(again.status).toBe(200)
    expect(await stop(second)).toBe(0)
  })

  it('refuses to open a data directory another process holds', async () => {
    const base = await mkdtemp(path.join(os.tmpdir(), 'smx-lock-'))
    dirs.push(base)
    const dataDir = path.join(base, 'pglite')
    const first = await serve(dataDir)
    const second = serve(dataDir)
    await expect(second).rejects.toThrow(/in use by process/)
    expect(await stop(first)).toBe(0)
  })
})
