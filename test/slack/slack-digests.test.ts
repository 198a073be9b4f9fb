/**
 * Digests from Slack: `/salesmatrix digest …` as admins manage a channel's digests (and everyone else is politely
 * refused), and a reply in a digest's thread continuing from the digest's period and scope. The digest service is the
 * real one over the test database, with the fixed composer (the content suite checks the figures).
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import { buildStartingContext } from '../../src/digests/content/build-starting-context.js'
import { createDigestService, type DigestService } from '../../src/digests/delivery/create-digest-service.js'
import { claimDigestDelivery, insertDigestDelivery, markDigestDeliverySent } from '../../src/digests/delivery/digest-delivery.repository.js'
import type { DigestDeliverer } from '../../src/digests/digest-contract.js'
import { createDigestSchedule, listDigestSchedules } from '../../src/digests/schedule/digest-schedule.repository.js'
import { validateSchedule } from '../../src/digests/schedule/validate-schedule.js'
import { createLogger } from '../../src/logging/logger.js'
import { createDigestThreadLookup } from '../../src/slack/digests/digest-threads.js'
import { createFixedDigestComposer, type FixedDigestComposer } from '../digests/delivery/support/fixed-digest-composer.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { botUserId } from './support/slack-api-stand-in.js'
import { createSlackHarness, type SlackHarness } from './support/slack-harness.js'
import { createScriptedSlackAgent, type ScriptedSlackAgent } from './support/scripted-slack-agent.js'

/** A Wednesday, 12:00 in São Paulo. */
const now = new Date('2026-03-04T15:00:00Z')
const clock = () => now

/** The commands never post a digest; a deliverer that did would be a bug. */
const refusingSlackDeliverer: DigestDeliverer = {
  kind: 'slack',
  deliver: () => Promise.reject(new Error('a digest command must not post a digest')),
}

describeEachDatabase('Slack digest commands and digest threads', (kind) => {
  let database: TestDatabase
  let h: SlackHarness
  let agent: ScriptedSlackAgent
  let composer: FixedDigestComposer
  let service: DigestService
  let sul: { id: number; name: string }

  beforeAll(async () => {
    database = await createTestDatabase(kind)
    const db = database.db
    const [sulRow] = await db.insertInto('regions').values([{ name: 'Sul' }, { name: 'Sudeste' }]).returning(['id', 'name']).execute()
    sul = sulRow!
    await db.insertInto('categories').values([{ name: 'Notebooks' }, { name: 'Áudio e Vídeo' }]).execute()
    await db.insertInto('sales_reps').values({ name: 'Maria Silva', email: 'maria@example.com', region_id: sul.id, hired_on: '2021-03-01', slack_user_id: 'UMARIA' }).execute()
    await db
      .insertInto('chat_identities')
      .values([
        { platform: 'slack', platform_user_id: 'UADMIN', role: 'admin', display_name: 'Ana Admin', created_by: 'test' },
        { platform: 'slack', platform_user_id: 'UDIANA', role: 'director', display_name: 'Diana', created_by: 'test' },
      ])
      .execute()
    agent = createScriptedSlackAgent()
    composer = createFixedDigestComposer({ chart: true })
    service = createDigestService({ db, pool: database.pool, composer, deliverers: [refusingSlackDeliverer], clock, logger: createLogger({ level: 'silent' }), timeZone: 'America/Sao_Paulo', tickIntervalSeconds: 0 })
    h = await createSlackHarness(kind, { agent, database, clock, digests: service, digestThreads: createDigestThreadLookup(db) })
  })
  afterAll(async () => {
    await h?.close()
    await database?.close()
  })
  beforeEach(() => {
    h.api.reset()
    agent.requests.length = 0
    composer.requests.length = 0
  })

  const ephemerals = () => h.api.callsTo('chat.postEphemeral').map((c) => c.args)
  const lastReply = () => String(ephemerals().at(-1)!.text)
  const asAdmin = (text: string, channelId: string, channelName = 'general') => h.sendCommand(text, { userId: 'UADMIN', channelId, channelName })
  const schedulesIn = async (channelId: string) => (await listDigestSchedules(database.db)).filter((s) => s.destination.kind === 'slack' && s.destination.channelId === channelId)

  it('schedule a weekly digest for the channel an admin types it in, and say privately when it fires next', async () => {
    expect((await asAdmin('digest weekly monday 8:00 here', 'CLEADERS', 'sales-leadership')).statusCode).toBe(200)
    const [schedule] = await schedulesIn('CLEADERS')
    const [reply] = ephemerals()
    expect(reply).toMatchObject({ channel: 'CLEADERS', user: 'UADMIN' })
    expect(reply!.text).toBe(
      [
        `Scheduled *Weekly digest · #sales-leadership* (number ${schedule!.id}) for this channel: every Monday at 08:00 (America/Sao_Paulo), the whole company, in English; each one covers the previous week.`,
        'Next one: Mon, Mar 9, 2026, 08:00.',
        `\`/salesmatrix digest preview ${schedule!.id}\` shows it now; \`/salesmatrix digest off ${schedule!.id}\` stops it.`,
      ].join('\n'),
    )
    expect(schedule).toMatchObject({ name: 'Weekly digest · #sales-leadership', cron: '0 8 * * 1', timeZone: 'America/Sao_Paulo', language: 'en', period: 'previous_week', scope: {}, enabled: true, createdBy: 'slack:UADMIN' })
    const audit = await database.db.selectFrom('audit_log').select(['action', 'actor']).where('entity', '=', 'digest_schedules').where('entity_id', '=', String(schedule!.id)).execute()
    expect(audit).toEqual([{ action: 'create', actor: 'slack:UADMIN' }])
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0)
  })

  it('schedule a Portuguese daily digest for a region, from a command written in Portuguese, and answer in Portuguese', async () => {
    await asAdmin('resumo diário 7h30 aqui para a região Sul', 'CSUL', 'vendas-sul')
    expect(lastReply()).toContain('Agendei *Resumo diário · Sul · #vendas-sul*')
    expect(lastReply()).toContain('todo dia às 07:30 (America/Sao_Paulo), região Sul, em português; cada um cobre o dia anterior.')
    expect(lastReply()).toContain('Próximo: qui., 5 de mar. de 2026, 07:30.')
    expect(await schedulesIn('CSUL')).toMatchObject([{ cron: '30 7 * * *', language: 'pt', period: 'previous_day', scope: { region: sul } }])
  })

  it('read a region by its English name and a region with a category, and list the names there are when one is unknown', async () => {
    await asAdmin('digest monthly 1 9:00 here for the South region', 'CSCOPE1')
    expect(await schedulesIn('CSCOPE1')).toMatchObject([{ cron: '0 9 1 * *', period: 'previous_month', scope: { region: sul } }])
    await asAdmin('digest daily 8:00 here for Sul and Notebooks in portuguese', 'CSCOPE2')
    expect(await schedulesIn('CSCOPE2')).toMatchObject([{ language: 'pt', scope: { region: sul, category: { name: 'Notebooks' } } }])

    await asAdmin('digest daily 8:00 here for Atlantis', 'CSCOPE3')
    expect(lastReply()).toBe('I don’t know a region or category called “Atlantis”. Regions: Sudeste, Sul. Categories: Notebooks, Áudio e Vídeo.')
    await asAdmin('digest daily 8:00 here for Sul, Sudeste', 'CSCOPE3')
    expect(lastReply()).toContain('at most one region and one category')
    expect(await schedulesIn('CSCOPE3')).toEqual([])
  })

  it('refuse a rep, a director and a stranger politely, and schedule nothing', async () => {
    await h.sendCommand('digest weekly monday 8:00 here', { userId: 'UMARIA', channelId: 'CREFUSED' })
    await h.sendCommand('digest list', { userId: 'UDIANA', channelId: 'CREFUSED' })
    await h.sendCommand('digest weekly monday 8:00 here', { userId: 'USTRANGER', channelId: 'CREFUSED' })
    const [rep, director, stranger] = ephemerals()
    expect(rep).toMatchObject({ user: 'UMARIA', text: 'Only SalesMatrix admins can schedule, preview or turn off digests. Ask an admin to set one up for this channel.' })
    expect(director).toMatchObject({ user: 'UDIANA', text: rep!.text })
    expect(stranger!.text).toContain('POST /api/chat-identities')
    expect(await schedulesIn('CREFUSED')).toEqual([])
    expect(agent.requests).toHaveLength(0)
  })

  it('answer a malformed time with what is wrong and an example, in the admin’s language', async () => {
    await asAdmin('digest weekly monday 25:00 here', 'CBAD')
    expect(lastReply()).toBe('“25:00” is not a time of day: use 8:00, 07:30 or 8h30 (hours 0–23, minutes 0–59).\nFor example: `/salesmatrix digest weekly monday 8:00 here`')
    await asAdmin('resumo semanal segunda 8:5 aqui', 'CBAD')
    expect(lastReply()).toBe('“8:5” não é um horário: use 8h, 7h30 ou 08:00 (horas de 0 a 23, minutos de 0 a 59).\nPor exemplo: `/salesmatrix resumo semanal segunda 8h aqui`')
    expect(await schedulesIn('CBAD')).toEqual([])
  })

  it('keep "resumo …" questions for the agent, and show anyone the digest help for a bare "digest"', async () => {
    await h.sendCommand('resumo das vendas de ontem', { userId: 'UDIANA', channelId: 'CQUESTION' })
    expect(agent.requests.map((r) => r.message)).toEqual(['resumo das vendas de ontem'])
    // The help is for everyone; doing anything with it is for admins.
    await h.sendCommand('digest', { userId: 'UMARIA', channelId: 'CQUESTION' })
    expect(lastReply()).toContain('`/salesmatrix digest weekly monday 8:00 here`')
    expect(lastReply()).toContain('Times are in America/Sao_Paulo.')
  })

  it('preview the channel’s digest now, privately, without posting it or recording a delivery', async () => {
    await asAdmin('resumo diário 7h30 aqui para a região Sul', 'CPREVIEW')
    h.api.reset()
    await asAdmin('digest preview', 'CPREVIEW')
    const [composing, preview] = ephemerals()
    expect(composing!.text).toBe('_Composing the digest…_')
    expect(preview).toMatchObject({ channel: 'CPREVIEW', user: 'UADMIN', text: 'Preview: Daily sales digest\nRevenue was R$1,234.50, up 23.5% on the day before.' })
    const blocks = JSON.stringify(preview!.blocks)
    expect(blocks).toContain('*Preview* — only you can see this; nothing was posted or recorded. The chart goes into the digest’s thread when it is posted.')
    expect(blocks).toContain('Daily sales digest')
    expect(blocks).toContain('R$1,234.50')
    expect(composer.requests).toEqual([expect.objectContaining({ scope: { region: sul }, language: 'pt', period: 'previous_day', today: '2026-03-04' })])
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0)
    const [schedule] = await schedulesIn('CPREVIEW')
    expect(await database.db.selectFrom('digest_deliveries').select('id').where('schedule_id', '=', schedule!.id).execute()).toEqual([])
  })

  it('preview the weekly whole-company digest in a channel that has none', async () => {
    await asAdmin('digest preview', 'CNODIGEST')
    expect(composer.requests).toEqual([expect.objectContaining({ scope: {}, period: 'previous_week', language: 'en', today: '2026-03-04' })])
    expect(JSON.stringify(ephemerals().at(-1)!.blocks)).toContain('This channel has no digest yet, so this is the weekly one for the whole company.')
  })

  it('list the channel’s digests with their next fire time, and turn them off one by one', async () => {
    await asAdmin('digest weekly monday 8:00 here', 'CLIST', 'list')
    await asAdmin('digest daily 7:30 here for Sul', 'CLIST', 'list')
    const [weekly, daily] = await schedulesIn('CLIST')
    h.api.reset()

    await asAdmin('digest list', 'CLIST')
    expect(lastReply()).toBe(
      [
        'Digests in this channel:',
        `• ${weekly!.id} · *Weekly digest · #list* — every Monday at 08:00 (America/Sao_Paulo) — next: Mon, Mar 9, 2026, 08:00`,
        `• ${daily!.id} · *Daily digest · Sul · #list* — every day at 07:30 (America/Sao_Paulo) — next: Thu, Mar 5, 2026, 07:30`,
      ].join('\n'),
    )

    // Two are on: "off" without a number asks which one rather than guessing.
    await asAdmin('digest off', 'CLIST')
    expect(lastReply()).toContain('more than one digest on')
    expect((await schedulesIn('CLIST')).map((s) => s.enabled)).toEqual([true, true])

    await asAdmin(`digest off ${weekly!.id}`, 'CLIST')
    expect(lastReply()).toBe(`Turned off *Weekly digest · #list* (number ${weekly!.id}): no more digests from it here. Replies under the digests it already posted still work.`)
    await asAdmin('digest off', 'CLIST')
    expect(lastReply()).toContain(`Turned off *Daily digest · Sul · #list* (number ${daily!.id})`)
    expect((await schedulesIn('CLIST')).map((s) => s.enabled)).toEqual([false, false])
    await asAdmin('digest off', 'CLIST')
    expect(lastReply()).toBe('No digest is on in this channel.')
    await asAdmin('digest list', 'CLIST')
    expect(lastReply()).toContain(`• ${weekly!.id} · *Weekly digest · #list* — every Monday at 08:00 (America/Sao_Paulo) — off`)
    // Another channel's digest cannot be turned off from here.
    await asAdmin(`digest off ${weekly!.id}`, 'COTHER')
    expect(lastReply()).toBe(`There is no digest number ${weekly!.id} in this channel; \`/salesmatrix digest list\` shows them.`)
  })

  it('say "Digests are not enabled here." where the surface has no digest service', async () => {
    const bare = await createSlackHarness(kind, { agent, database, clock })
    try {
      await bare.sendCommand('digest weekly monday 8:00 here', { userId: 'UADMIN', channelId: 'COFF' })
      expect(bare.api.callsTo('chat.postEphemeral').map((c) => c.args.text)).toEqual(['Digests are not enabled here.'])
    } finally {
      await bare.close()
    }
  })

  const digestTs = '1772622000.000100'
  const startingContext = () => buildStartingContext('previous_week', { start: '2026-02-23', end: '2026-03-01', label: '23/02/2026 a 01/03/2026' }, { region: sul }, 'pt')

  /** A Sul weekly digest the bot posted as message `digestTs` in #CDIGEST, as the delivery worker records it. */
  async function postedDigest(): Promise<void> {
    const valid = validateSchedule({ name: 'Resumo semanal · Sul', destination: { kind: 'slack', channelId: 'CDIGEST' }, cron: '0 8 * * 1', language: 'pt', regionId: sul.id }, { defaultTimeZone: 'America/Sao_Paulo' })
    const schedule = await createDigestSchedule(database.db, valid, { keyId: null, name: 'test' }, now)
    const deliveryId = (await database.db.transaction().execute((trx) => insertDigestDelivery(trx, { scheduleId: schedule.id, fireAt: new Date('2026-03-02T11:00:00Z'), status: 'pending', late: false, trigger: 'schedule', now })))!
    const claim = await claimDigestDelivery(database.db, deliveryId, { now, staleBefore: new Date(0) })
    if (!claim.ok) throw new Error('the test delivery could not be claimed')
    const context = { schedule: { id: schedule.id, name: schedule.name }, scope: { region: sul }, period: { start: '2026-02-23', end: '2026-03-01', label: '23/02/2026 a 01/03/2026' }, language: 'pt' as const, startingContext: startingContext() }
    await markDigestDeliverySent(database.db, deliveryId, claim.attempt, { messageId: digestTs, channelId: 'CDIGEST', context, now })
  }

  it('answer a reply in a digest’s thread without a mention, starting from the digest’s period and scope', async () => {
    await postedDigest()
    await h.sendEvent({ type: 'message', channel_type: 'channel', user: 'UDIANA', text: 'por categoria', ts: '1772622100.000200', thread_ts: digestTs, channel: 'CDIGEST' })
    expect(agent.requests).toHaveLength(1)
    expect(agent.requests[0]).toMatchObject({ threadId: `slack:T1:CDIGEST:${digestTs}`, message: 'por categoria', principal: { role: 'director' }, startingContext: { ...startingContext(), language: 'pt' } })
    expect(agent.requests[0]!.startingContext!.plan.filters).toEqual([expect.objectContaining({ values: [sul.id] })])
    expect(h.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'CDIGEST', thread_ts: digestTs })

    // The thread is the bot's now: the next reply continues it (the agent keeps its own context from here on).
    await h.sendEvent({ type: 'message', channel_type: 'channel', user: 'UDIANA', text: 'e o mês anterior?', ts: '1772622200.000300', thread_ts: digestTs, channel: 'CDIGEST' })
    expect(agent.requests.map((r) => r.threadId)).toEqual([`slack:T1:CDIGEST:${digestTs}`, `slack:T1:CDIGEST:${digestTs}`])
  })

  it('give a mention in a digest’s thread the digest’s context too, and stay quiet in threads that are no digest', async () => {
    await h.sendEvent({ type: 'app_mention', user: 'UDIANA', text: `<@${botUserId}> why did the South drop?`, ts: '1772622300.000400', thread_ts: digestTs, channel: 'CDIGEST' })
    expect(agent.requests[0]).toMatchObject({ message: 'why did the South drop?', startingContext: { understood: startingContext().understood, language: 'pt' } })

    await h.sendEvent({ type: 'message', channel_type: 'channel', user: 'UDIANA', text: 'por categoria', ts: '1772622400.000500', thread_ts: '1772620000.000001', channel: 'CDIGEST' })
    // The same ts in another channel is another message.
    await h.sendEvent({ type: 'message', channel_type: 'channel', user: 'UDIANA', text: 'por categoria', ts: '1772622500.000600', thread_ts: digestTs, channel: 'COTHER' })
    expect(agent.requests).toHaveLength(1)
  })
})
