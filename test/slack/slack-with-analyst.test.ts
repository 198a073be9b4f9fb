/**
 * Slack end to end with the real analyst agent on seeded demo data: a mention gets a placeholder, then the answer
 * with the figures the database holds, a chart uploaded into the thread and the buttons; a thread reply without a
 * mention continues the same conversation; 👍 lands in the feedback queue for the turn the agent recorded.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import type { AgentReply, AnalystAgent } from '../../agents/agent-contract.js'
import { loadConfig } from '../../src/config/config.js'
import { createAnalyst } from '../../src/main.js'
import { seedDemoData } from '../../src/seed/seed-demo-data.js'
import { seedDemoDocuments } from '../../src/seed/seed-demo-documents.js'
import { slackActionIds } from '../../src/slack/slack-action-ids.js'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../support/test-database.js'
import { createSlackHarness, type SlackHarness } from './support/slack-harness.js'
import { botUserId } from './support/slack-api-stand-in.js'

const today = '2026-06-30'

describeEachDatabase('Slack with the analyst agent', (kind) => {
  let t: TestDatabase
  let h: SlackHarness
  const replies: AgentReply[] = []

  beforeAll(async () => {
    t = await createTestDatabase(kind)
    await seedDemoData({ ...t, kind }, { orders: 3000, seed: 42, endDate: today })
    const clock = () => new Date(`${today}T15:00:00Z`)
    const analyst = await createAnalyst(loadConfig({ LOG_LEVEL: 'silent' }), { ...t, kind }, clock)
    await seedDemoDocuments(analyst.documents.ingestion)
    // The real agent, watched: the test compares what Slack shows with what the agent answered.
    const agent: AnalystAgent = {
      async respond(request) {
        const reply = await analyst.agent.respond(request)
        replies.push(reply)
        return reply
      },
    }
    h = await createSlackHarness(kind, { agent, database: t, clock })
    await t.db.insertInto('chat_identities').values({ platform: 'slack', platform_user_id: 'UDIRECTOR', role: 'director', display_name: 'Diana', created_by: 'test' }).execute()
  })
  afterAll(async () => {
    await h?.close()
    await t?.close()
  })

  it('answer "revenue by region last month" with the figures, a chart in the thread and the buttons; a thread reply continues it', async () => {
    const root = '1782830000.000100'
    await h.sendEvent({ type: 'app_mention', user: 'UDIRECTOR', text: `<@${botUserId}> revenue by region last month`, ts: root, channel: 'CSALES' })
    expect(h.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'CSALES', thread_ts: root, text: '…' })

    const [first] = replies
    expect(first!.ok, first!.text).toBe(true)
    expect(first!.plan?.timeRange).toMatchObject({ start: '2026-05-01', end: '2026-05-31' })
    const expected = (
      await t.pool.query<{ region: string }>(`select distinct r.name as region from orders o join customers c on c.id = o.customer_id join regions r on r.id = c.region_id
        where o.status = 'completed' and o.order_date between '2026-05-01' and '2026-05-31'`)
    ).rows
    const answer = h.api.callsTo('chat.update').at(-1)!.args
    const blocks = JSON.stringify(answer.blocks)
    for (const { region } of expected) expect(blocks).toContain(region)
    for (const row of first!.table!.display) expect(blocks).toContain(row[1]!)
    expect(blocks).toContain('How computed')
    for (const actionId of [slackActionIds.showSql, slackActionIds.feedbackUp, slackActionIds.feedbackDown]) expect(blocks).toContain(actionId)

    const [complete] = h.api.callsTo('files.completeUploadExternal')
    expect(complete!.args).toMatchObject({ channel_id: 'CSALES', thread_ts: root })
    const png = [...h.api.uploads.values()][0]!
    expect(png.subarray(1, 4).toString()).toBe('PNG')

    await h.sendEvent({ type: 'message', channel_type: 'channel', user: 'UDIRECTOR', text: 'and the month before?', ts: '1782830100.000200', thread_ts: root, channel: 'CSALES' })
    const second = replies[1]!
    expect(second.threadId).toBe(first!.threadId)
    expect(second.ok, second.text).toBe(true)
    expect(second.plan?.timeRange).toMatchObject({ start: '2026-04-01', end: '2026-04-30' })
    expect(JSON.stringify(h.api.callsTo('chat.update').at(-1)!.args.blocks)).toContain(second.headline.replace(/&/g, '&amp;'))

    await h.pressButton({ actionId: slackActionIds.feedbackUp, value: second.turnId }, { userId: 'UDIRECTOR', channelId: 'CSALES', messageTs: String(h.api.callsTo('chat.update').at(-1)!.args.ts), threadTs: root })
    expect(await t.db.selectFrom('feedback').select(['turn_id', 'user_id', 'rating']).execute()).toEqual([{ turn_id: second.turnId, user_id: 'slack:UDIRECTOR', rating: 'up' }])
  })

  it('upload a ranked bar chart with a breakdown and a heatmap with a region × month question', async () => {
    const uploadsBefore = h.api.callsTo('files.completeUploadExternal').length
    const root = '1782830500.000100'
    await h.sendEvent({ type: 'app_mention', user: 'UDIRECTOR', text: `<@${botUserId}> revenue by category last month`, ts: root, channel: 'CSALES' })
    const bar = replies.at(-1)!
    expect(bar.chart?.alt).toMatch(/^Bar chart: Revenue by category/)
    const root2 = '1782830600.000100'
    await h.sendEvent({ type: 'app_mention', user: 'UDIRECTOR', text: `<@${botUserId}> revenue by region by month this year`, ts: root2, channel: 'CSALES' })
    const heatmap = replies.at(-1)!
    expect(heatmap.chart?.alt).toMatch(/^Heatmap: Revenue by region and month/)
    const uploads = h.api.callsTo('files.completeUploadExternal').slice(uploadsBefore)
    const inThread = (ts: string) => JSON.stringify(uploads.filter((call) => call.args.thread_ts === ts).map((call) => call.args))
    expect(inThread(root)).toContain('Bar chart')
    // The 55 rows of region × month also go as a CSV file beside the heatmap.
    expect(inThread(root2)).toContain('Heatmap')
  })

  it('log a rep\'s sale from a DM: Confirm records one order (a second press changes nothing), "desfazer" takes it back, and nobody else can confirm it', async () => {
    const [rep] = (await t.pool.query<{ id: number }>(`select id from sales_reps where active order by id limit 1`)).rows
    await t.pool.query(`update sales_reps set slack_user_id = 'UREP' where id = $1`, [rep!.id])
    const [product] = (await t.pool.query<{ sku: string; unit_price: number }>(`select sku, unit_price from products where active order by id limit 1`)).rows
    const [customer] = (await t.pool.query<{ name: string }>(`select name from customers order by id limit 1`)).rows
    const count = async () => Number((await t.pool.query<{ n: number }>(`select count(*)::int as n from orders where rep_id = $1`, [rep!.id])).rows[0]!.n)
    const before = await count()
    const price = Number(product!.unit_price).toFixed(2).replace('.', ',')
    const dm = { channel: 'DREP', channel_type: 'im', user: 'UREP' }

    await h.sendEvent({ type: 'message', ...dm, text: `vendi 5 ${product!.sku} para ${customer!.name} por R$ ${price} cada`, ts: '1782831000.000100' })
    const first = replies.at(-1)!
    expect(first.confirmation, first.text).toBeDefined()
    // Edit: the corrected sale, written in the thread, replaces the draft; the first card's Confirm then records nothing.
    await h.sendEvent({ type: 'message', ...dm, text: `vendi 2 ${product!.sku} para ${customer!.name} por R$ ${price} cada`, ts: '1782831050.000100', thread_ts: '1782831000.000100' })
    const proposal = replies.at(-1)!
    expect(proposal.confirmation!.actionId).not.toBe(first.confirmation!.actionId)
    const card = h.api.callsTo('chat.update').at(-1)!.args
    expect(JSON.stringify(card.blocks)).toContain(slackActionIds.confirm)
    await h.pressButton({ actionId: slackActionIds.confirm, value: first.confirmation!.actionId }, { channelId: 'DREP', messageTs: '1782831000.000100', threadTs: '1782831000.000100', userId: 'UREP' })
    expect(await count()).toBe(before)

    const where = { channelId: 'DREP', messageTs: String(card.ts), threadTs: '1782831000.000100' }
    // Someone else pressing the rep's Confirm writes nothing.
    await h.pressButton({ actionId: slackActionIds.confirm, value: proposal.confirmation!.actionId }, { ...where, userId: 'UDIRECTOR' })
    expect(await count()).toBe(before)
    await h.pressButton({ actionId: slackActionIds.confirm, value: proposal.confirmation!.actionId }, { ...where, userId: 'UREP' })
    expect(replies.at(-1)!.text).toMatch(/Venda registrada: pedido #\d+/)
    await h.pressButton({ actionId: slackActionIds.confirm, value: proposal.confirmation!.actionId }, { ...where, userId: 'UREP' })
    expect(await count()).toBe(before + 1)
    const [order] = (await t.pool.query<{ source: string }>(`select source from orders where rep_id = $1 order by id desc limit 1`, [rep!.id])).rows
    expect(order!.source).toBe('slack')

    await h.sendEvent({ type: 'message', ...dm, text: 'desfazer', ts: '1782831100.000200', thread_ts: '1782831000.000100' })
    expect(replies.at(-1)!.ok, replies.at(-1)!.text).toBe(true)
    expect(await count()).toBe(before)
  })

  it('answer the two document questions of the demo from the documents, with the passage quoted and its source listed', async () => {
    const asks = [
      { ts: '1782830000.000900', text: 'what is the maximum discount for enterprise customers?', passage: 'The maximum discount for enterprise customers is 15% off list price', source: 'Sales Playbook 2026', heading: 'Sources' },
      { ts: '1782830000.001000', text: 'qual é a comissão sobre vendas acima da meta?', passage: '6% sobre o excedente', source: 'Política de Comissões', heading: 'Fontes' },
    ]
    for (const question of asks) {
      const before = replies.length
      await h.sendEvent({ type: 'app_mention', user: 'UDIRECTOR', text: `<@${botUserId}> ${question.text}`, ts: question.ts, channel: 'CSALES' })
      await expect.poll(() => replies.length).toBeGreaterThan(before)
      const reply = replies.at(-1)!
      expect(reply).toMatchObject({ ok: true, intent: 'document' })
      const answer = h.api.callsTo('chat.update').findLast((call) => JSON.stringify(call.args.blocks ?? '').includes(question.passage))
      expect(answer, `no Slack message quotes "${question.passage}"`).toBeDefined()
      const blocks = JSON.stringify(answer!.args.blocks)
      expect(blocks).toContain(`*${question.heading}*`)
      expect(blocks).toContain(`[1] ${question.source}`)
    }
  })
})
