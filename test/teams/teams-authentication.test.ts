/**
 * botbuilder accepts every request unauthenticated when the app id is empty. With an app id configured, an unsigned
 * request is refused before the bot runs; without one, the Teams mount refuses to exist unless local development was
 * asked for explicitly — and then it says so in the log.
 */
import { Writable } from 'node:stream'
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AgentTurnRequest, AnalystAgent } from '../../agents/agent-contract.js'
import { createHttpServer } from '../../src/http/create-http-server.js'
import type { ChatIdentityResolver } from '../../src/identity/chat-identity.js'
import { createLogger } from '../../src/logging/logger.js'
import { TeamsAuthenticationRequiredError } from '../../src/teams/create-teams-adapter.js'
import { createTeamsMount, type TeamsMountDeps } from '../../src/teams/create-teams-mount.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { startBotConnectorStandIn, type BotConnectorStandIn } from './support/bot-connector-stand-in.js'
import { scriptedReply } from './support/scripted-replies.js'
import { personalMessage } from './support/teams-activities.js'

const director = { aadObjectId: 'aad-director', name: 'Dana' }
const identities: ChatIdentityResolver = {
  async resolve(user) {
    return { ok: true, principal: { userId: `teams:${user.userId}`, role: 'director' }, displayName: 'Dana' }
  },
}

describeEachDatabase('Teams authentication', (kind) => {
  let database: TestDatabase
  let connector: BotConnectorStandIn
  const received: AgentTurnRequest[] = []
  const agent: AnalystAgent = {
    async respond(request) {
      received.push(request)
      return scriptedReply(request)
    },
  }
  const deps = (teams: TeamsMountDeps['config']['teams'], logger = createLogger({ level: 'silent' })): TeamsMountDeps => ({ config: { teams }, agent, identities, db: database.db, logger })

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    connector = await startBotConnectorStandIn()
  })
  afterAll(async () => {
    await connector?.close()
    await database?.close()
  })

  it('rejects an unsigned request with 401 when an app id is configured, and never runs the bot', async () => {
    const app = await createHttpServer({
      db: database.db,
      databaseKind: kind,
      logger: createLogger({ level: 'silent' }),
      readiness: { pending: () => undefined },
      limits: { bodyLimitBytes: 64 * 1024, importLimitBytes: 1024 * 1024 },
      chatPlatforms: [createTeamsMount(deps({ appId: '00000000-0000-0000-0000-00000000b07a', appPassword: 'a-client-secret', tenantId: undefined, allowUnauthenticated: false }))],
    })
    try {
      const response = await app.inject({ method: 'POST', url: '/api/messages', payload: personalMessage({ serviceUrl: connector.url, from: director, text: 'revenue by region last month' }) })
      expect(response.statusCode).toBe(401)
      expect(received).toHaveLength(0)
      expect(connector.sent).toHaveLength(0)
    } finally {
      await app.close()
    }
  })

  it('refuses to start without an app id and password, naming TEAMS_APP_ID and TEAMS_APP_PASSWORD', () => {
    const start = () => createTeamsMount(deps({ appId: undefined, appPassword: undefined, tenantId: undefined, allowUnauthenticated: false }))
    expect(start).toThrow(TeamsAuthenticationRequiredError)
    expect(start).toThrow(/TEAMS_APP_ID and TEAMS_APP_PASSWORD.*TEAMS_ALLOW_UNAUTHENTICATED=true/s)
  })

  it('starts without credentials only with the local-development flag, and warns loudly that requests are unsigned', () => {
    const lines: string[] = []
    const destination = new Writable({
      write(chunk: Buffer, _encoding, done) {
        lines.push(chunk.toString())
        done()
      },
    })
    createTeamsMount(deps({ appId: undefined, appPassword: undefined, tenantId: undefined, allowUnauthenticated: true }, createLogger({ level: 'info', destination })))
    const warning = lines.map((l) => JSON.parse(l) as { level: number; msg: string }).find((l) => l.level === 40)
    expect(warning?.msg).toMatch(/TEAMS_ALLOW_UNAUTHENTICATED.*UNSIGNED requests from anyone/)
  })
})
