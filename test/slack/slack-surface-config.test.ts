import type { Kysely } from 'kysely'
import { describe, expect, it } from 'vitest'
import type { Database } from '../../src/db/schema.js'
import { createLogger } from '../../src/logging/logger.js'
import { createSlackMount } from '../../src/slack/create-slack-mount.js'
import { createSlackSurface } from '../../src/slack/create-slack-surface.js'
import { createScriptedSlackAgent } from './support/scripted-slack-agent.js'

// Building the surface does no I/O, so nothing here needs a database or a network.
const deps = {
  agent: createScriptedSlackAgent(),
  identities: { resolve: async () => ({ ok: false as const, reason: 'unknown_user' as const }) },
  db: {} as Kysely<Database>,
  logger: createLogger({ level: 'silent' }),
  clock: () => new Date(),
}
const slack = (settings: Partial<{ signingSecret: string; botToken: string; appToken: string }>) => ({
  config: { slack: { signingSecret: undefined, botToken: undefined, appToken: undefined, apiUrl: undefined, ...settings } },
})

describe('Slack configuration', () => {
  it('mount nothing and connect nowhere when Slack is not configured', async () => {
    const surface = createSlackSurface({ ...deps, ...slack({}) })
    expect(surface.mounts).toHaveLength(0)
    await surface.start()
    await surface.stop()
  })

  it('mount /slack/events with a signing secret and a bot token', () => {
    expect(createSlackSurface({ ...deps, ...slack({ signingSecret: 'secret-0123456789', botToken: 'xoxb-1' }) }).mounts).toHaveLength(1)
  })

  it('build Socket Mode with an app token without connecting until started, and mount no HTTP route without a signing secret', () => {
    const surface = createSlackSurface({ ...deps, ...slack({ botToken: 'xoxb-1', appToken: 'xapp-1' }) })
    expect(surface.mounts).toHaveLength(0)
  })

  it('say which variables are missing when HTTP mode is half configured', () => {
    expect(() => createSlackMount({ ...deps, ...slack({ botToken: 'xoxb-1' }) })).toThrow(/SLACK_SIGNING_SECRET/)
  })
})
