/** Runs `salesmatrix …` as a user would: a real process, the embedded database by default, output and exit code back. */
import { spawn } from 'node:child_process'
import path from 'node:path'

const bin = path.resolve('bin/salesmatrix.js')

export function salesmatrix(args: string[], env: Record<string, string>): Promise<{ code: number | null; out: string }> {
  const child = spawn(process.execPath, [bin, ...args], {
    // eslint-disable-next-line no-restricted-properties -- the child inherits PATH etc.; these variables are its configuration
    env: { ...process.env, DATABASE_URL: '', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  })
  let out = ''
  child.stdout.on('data', (d) => (out += String(d)))
  child.stderr.on('data', (d) => (out += String(d)))
  return new Promise((resolve) => child.on('exit', (code) => resolve({ code, out })))
}
