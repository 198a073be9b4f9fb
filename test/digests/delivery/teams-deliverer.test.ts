/**
 * The Teams deliverer against a stand-in for the Bot Framework connector: a proactive post to the stored conversation,
 * the digest as an Adaptive Card, the connector's activity id as the message id.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createTeamsAdapter } from '../../../src/teams/create-teams-adapter.js'
import { createTeamsDigestDeliverer } from '../../../src/digests/delivery/teams-digest-deliverer.js'
import { startBotConnectorStandIn, type BotConnectorStandIn } from '../../teams/support/bot-connector-stand-in.js'
import { fixedDigestContent } from './support/fixed-digest-composer.js'
import { silentLogger } from './support/digest-harness.js'

describe('digest delivery to Teams', () => {
  let connector: BotConnectorStandIn
  beforeAll(async () => {
    connector = await startBotConnectorStandIn()
  })
  afterAll(async () => {
    await connector?.close()
  })

  it('posts the digest as an Adaptive Card into the conversation and returns the activity id', async () => {
    const adapter = createTeamsAdapter({ teams: { appId: undefined, appPassword: undefined, tenantId: undefined, allowUnauthenticated: true }, logger: silentLogger })
    const deliverer = createTeamsDigestDeliverer({ adapter, appId: undefined })
    const content = fixedDigestContent({ scope: {}, period: 'previous_day', language: 'pt', sections: ['kpis', 'chart'], today: '2026-03-02' }, { chart: true })

    const posted = await deliverer.deliver({ kind: 'teams', conversationId: '19:sales@thread.tacv2', serviceUrl: connector.url }, content, { deliveryId: 1, scheduleName: 'Teams daily' })

    const [sent] = connector.take()
    expect(posted).toEqual({ messageId: 'sent-1', channelId: '19:sales@thread.tacv2' })
    expect(sent).toMatchObject({ method: 'POST', conversationId: '19:sales@thread.tacv2', activity: { type: 'message' } })
    const card = sent!.activity.attachments?.[0]
    expect(card?.contentType).toBe('application/vnd.microsoft.card.adaptive')
    const body = card!.content.body as { type: string; text?: string; facts?: { title: string; value: string }[]; url?: string }[]
    expect(body[0]).toMatchObject({ type: 'TextBlock', text: 'Daily sales digest' })
    expect(body.find((e) => e.type === 'FactSet')?.facts?.[0]).toEqual({ title: 'Revenue', value: 'R$1,234.50 · +23.5% vs período anterior · +37.2% vs ano anterior' })
    expect(body.find((e) => e.type === 'Image')?.url).toMatch(/^data:image\/png;base64,/)
  })
})
