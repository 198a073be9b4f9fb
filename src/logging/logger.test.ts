import { Writable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { createLogger } from './logger.js'

describe('logger', () => {
  it('writes JSON lines and redacts API keys and authorization headers', () => {
    const lines: string[] = []
    const destination = new Writable({
      write(chunk, _encoding, done) {
        lines.push(String(chunk))
        done()
      },
    })
    const logger = createLogger({ level: 'info', destination })
    logger.info({ req: { headers: { authorization: 'Bearer smx_secret', 'x-api-key': 'smx_other' } }, apiKey: 'smx_third' }, 'request')
    const entry = JSON.parse(lines[0]!)
    expect(entry.msg).toBe('request')
    expect(lines[0]).not.toMatch(/smx_(secret|other|third)/)
    expect(entry.req.headers.authorization).toBe('[redacted]')
  })
})
