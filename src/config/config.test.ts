import { describe, expect, it } from 'vitest'
import { ConfigError, loadConfig } from './config.js'

describe('configuration', () => {
  it('starts from sensible defaults: port 3000, embedded database, demo data on', () => {
    const config = loadConfig({})
    expect(config).toMatchObject({ port: 3000, databaseUrl: undefined, embeddedDataDir: './.data/pglite', seedOnEmpty: true, logLevel: 'info' })
    expect(Object.isFrozen(config)).toBe(true)
  })

  it('treats an empty DATABASE_URL as unset', () => {
    expect(loadConfig({ DATABASE_URL: '  ' }).databaseUrl).toBeUndefined()
  })

  it('names every bad variable in one message and never echoes a password', () => {
    let caught: unknown
    try {
      loadConfig({ PORT: 'eighty', LOG_LEVEL: 'loud', DATABASE_URL: 'mysql://root:hunter2@db/x' })
    } catch (error) {
      caught = error
    }
    expect(caught).toBeInstanceOf(ConfigError)
    const message = (caught as ConfigError).message
    expect(message).toMatch(/PORT/)
    expect(message).toMatch(/LOG_LEVEL/)
    expect(message).toMatch(/DATABASE_URL: must be a postgres/)
    expect(message).not.toContain('hunter2')
  })
})
