/** `salesmatrix forecast --csv` as a user runs it: a real process, no database. */
import { spawn } from 'node:child_process'
import path from 'node:path'
import { describe, expect, it } from 'vitest'

const bin = path.resolve('bin/salesmatrix.js')
const fixture = path.resolve('test/forecast/fixtures/monthly-sales.csv')

function salesmatrix(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  // eslint-disable-next-line no-restricted-properties -- the child inherits PATH etc.; these variables are its configuration
  const child = spawn(process.execPath, [bin, ...args], { env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn' }, stdio: ['ignore', 'pipe', 'pipe'] })
  let out = ''
  let err = ''
  child.stdout.on('data', (d) => (out += String(d)))
  child.stderr.on('data', (d) => (err += String(d)))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out, err })))
}

describe('salesmatrix forecast --csv', () => {
  it('forecasts an external monthly series as JSON, with a model that beats seasonal naive', async () => {
    const { code, out, err } = await salesmatrix(['forecast', '--csv', fixture, '--horizon', '3', '--json'])
    expect(code, err).toBe(0)
    const result = JSON.parse(out) as { forecast: { period: string; point: number; lo80: number; hi80: number }[]; model: { mase: number }; baseline: { mase: number }; historyLength: number }
    expect(result.historyLength).toBe(48)
    expect(result.forecast.map((p) => p.period)).toEqual(['2004-01-01', '2004-02-01', '2004-03-01'])
    expect(result.model.mase).toBeLessThan(result.baseline.mase)
  }, 60_000)

  it('prints the expected values with their 80% band and the chosen model against seasonal naive', async () => {
    const { code, out } = await salesmatrix(['forecast', '--csv', fixture, '--horizon', '2'])
    expect(code).toBe(0)
    expect(out).toMatch(/2004-01 +[\d,]+ +\(80%: [\d,]+–[\d,]+, ± \d+%\)/)
    expect(out).toMatch(/Model: \w+ — backtest MASE [\d.]+, sMAPE [\d.]+% \(seasonal naive: MASE [\d.]+/)
  }, 60_000)

  it('says what is wrong with a missing horizon or an unreadable file, and exits non-zero', async () => {
    expect(await salesmatrix(['forecast', '--csv', fixture])).toMatchObject({ code: 1, err: expect.stringMatching(/horizon/) })
    expect(await salesmatrix(['forecast', '--csv', '/no/such/file.csv', '--horizon', '2'])).toMatchObject({ code: 1, err: expect.stringMatching(/Cannot read/) })
  }, 60_000)
})
