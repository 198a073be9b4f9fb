/**
 * Sales documents in Slack, through real Bolt and the Web API stand-in: an admin's file shared with the bot is
 * downloaded with the bot token and added through the real ingestion (PostgreSQL store, local embedder); anyone
 * else's file is refused without a download; a file that cannot be read gets the ingestion's own message; and an
 * answer's citations appear as escaped sources under it.
 */
import { afterAll, beforeAll, beforeEach, expect, it } from 'vitest'
import type { AgentReply } from '../../agents/agent-contract.js'
import { createDocumentIngestion } from '../../src/documents/create-document-ingestion.js'
import type { DocumentIngestion, DocumentStore } from '../../src/documents/document-contract.js'
import { createLocalHashedEmbedder } from '../../src/documents/embeddings/local-hashed-embedder.js'
import { createDocumentStore } from '../../src/documents/postgres-document-store.js'
import { isAppError } from '../../src/errors/app-error.js'
import { escapeMrkdwn } from '../../src/slack/escape-mrkdwn.js'
import { describeEachDatabase } from '../support/test-database.js'
import { createSlackHarness, type SlackHarness } from './support/slack-harness.js'
import { createScriptedSlackAgent, type ScriptedSlackAgent } from './support/scripted-slack-agent.js'
import { botToken, botUserId, type SharedSlackFile } from './support/slack-api-stand-in.js'

const maxDocumentBytes = 1024 * 1024
const markdown = (text: string) => new TextEncoder().encode(text)
const priceList = markdown('# Price list 2026\n\n## Discounts\n\n### Enterprise\n\nEnterprise deals above $100k get up to 12% off, approved by the sales director.\n\n### SMB\n\nSmall businesses get 5% off on annual plans.\n')

describeEachDatabase('Slack documents', (kind) => {
  let h: SlackHarness
  let agent: ScriptedSlackAgent
  let store: DocumentStore
  let documents: DocumentIngestion
  let script: () => Partial<AgentReply> = () => ({})
  let ts = 0
  const nextTs = () => `1762000000.${String(++ts).padStart(6, '0')}`

  /** A direct message from `user` with one file attached, as Slack sends it (subtype file_share). */
  const directShare = (user: string, file: SharedSlackFile, text = '') => ({ type: 'message', subtype: 'file_share', channel_type: 'im', channel: `D${user}`, user, text, ts: nextTs(), files: [file], upload: true })
  const lastUpdate = () => h.api.callsTo('chat.update').at(-1)!.args
  const stored = async () => (await store.list()).map((d) => ({ title: d.title, fileName: d.fileName, uploadedBy: d.uploadedBy, version: d.version }))

  beforeAll(async () => {
    agent = createScriptedSlackAgent(() => script())
    h = await createSlackHarness(kind, { agent, maxDocumentBytes, documents: { ingestFile: (input) => documents.ingestFile(input) } })
    store = createDocumentStore({ db: h.database.db, embedder: createLocalHashedEmbedder() })
    documents = createDocumentIngestion({ store, maxBytes: maxDocumentBytes })
    const region = await h.database.db.insertInto('regions').values({ name: 'Sul' }).returning('id').executeTakeFirstOrThrow()
    await h.database.db.insertInto('sales_reps').values({ name: 'Maria Silva', email: 'maria@example.com', region_id: region.id, hired_on: '2021-03-01', slack_user_id: 'UMARIA' }).execute()
    await h.database.db.insertInto('chat_identities').values({ platform: 'slack', platform_user_id: 'UADMIN', role: 'admin', display_name: 'Ana Admin', created_by: 'test' }).execute()
  })
  afterAll(async () => h?.close())
  beforeEach(() => {
    script = () => ({})
    agent.requests.length = 0
    h.api.reset()
  })

  it('add an admin’s Markdown file shared in a direct message, downloaded with the bot token, and say so in its thread; the same file again is up to date, a new version replaces it', async () => {
    const event = directShare('UADMIN', h.api.shareFile({ name: 'price-list.md', bytes: priceList, mimetype: 'text/markdown' }))
    await h.sendEvent(event)
    expect(h.api.downloads).toEqual([{ fileId: event.files[0]!.id, authorization: `Bearer ${botToken}` }])
    expect(await stored()).toEqual([{ title: 'Price list 2026', fileName: 'price-list.md', uploadedBy: 'slack:UADMIN', version: 1 }])
    const [document] = await store.list()
    expect(h.api.callsTo('chat.postMessage')[0]!.args).toMatchObject({ channel: 'DUADMIN', thread_ts: event.ts, text: '_Reading price-list.md…_' })
    expect(lastUpdate().text).toBe(`Added *Price list 2026* (${document!.chunkCount} ${document!.chunkCount === 1 ? 'passage' : 'passages'}) — everyone can now ask about it.`)
    expect(agent.requests).toHaveLength(0)

    await h.sendEvent(directShare('UADMIN', h.api.shareFile({ name: 'price-list.md', bytes: priceList, mimetype: 'text/markdown' })))
    expect(lastUpdate().text).toBe('Already up to date: *Price list 2026* (version 1) has exactly this content.')

    const newer = markdown('# Price list 2026\n\n## Discounts\n\n### Enterprise\n\nEnterprise deals above $100k get up to 15% off from July.\n')
    await h.sendEvent(directShare('UADMIN', h.api.shareFile({ name: 'price-list.md', bytes: newer, mimetype: 'text/markdown' })))
    const [replaced] = await store.list()
    expect(await stored()).toEqual([{ title: 'Price list 2026', fileName: 'price-list.md', uploadedBy: 'slack:UADMIN', version: 2 }])
    expect(lastUpdate().text).toBe(`Replaced *Price list 2026* with the new version (version 2, ${replaced!.chunkCount} ${replaced!.chunkCount === 1 ? 'passage' : 'passages'}) — answers now use it.`)
  })

  it('refuse a rep’s file politely and privately, without downloading or adding it', async () => {
    const before = await stored()
    await h.sendEvent(directShare('UMARIA', h.api.shareFile({ name: 'my-notes.md', bytes: markdown('# My notes\n\nCall Acme.') })))
    expect(h.api.downloads).toEqual([])
    expect(await stored()).toEqual(before)
    expect(h.api.callsTo('chat.postMessage')).toHaveLength(0)
    expect(h.api.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ channel: 'DUMARIA', user: 'UMARIA', text: 'Only admins can add documents, so I did not add this file. Ask a SalesMatrix admin to share it with me.' })
  })

  it('tell an unknown user how to get access when they share a file, without downloading it', async () => {
    await h.sendEvent(directShare('USTRANGER', h.api.shareFile({ name: 'x.md', bytes: markdown('# X') })))
    expect(h.api.downloads).toEqual([])
    expect(h.api.callsTo('chat.postEphemeral')[0]!.args.text).toContain('POST /api/chat-identities')
  })

  it('answer an .exe and a corrupt PDF shared together with the ingestion’s own message for each, add nothing, and go on answering', async () => {
    const exe = new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00, 0x04, 0x00, 0xff, 0xff])
    const pdf = markdown('%PDF-1.7\n1 0 obj garbage that is not a PDF\n%%EOF')
    const failureOf = (fileName: string, bytes: Uint8Array) =>
      documents.ingestFile({ fileName, bytes, uploadedBy: 'test' }).then(
        () => undefined,
        (error: unknown) => error,
      )
    const expected = [await failureOf('setup.exe', exe), await failureOf('broken.pdf', pdf)]
    for (const error of expected) expect(isAppError(error) && error.code).toMatch(/^(unsupported_media_type|unprocessable)$/)
    const before = await stored()
    const event = directShare('UADMIN', h.api.shareFile({ name: 'setup.exe', bytes: exe, mimetype: 'application/x-msdownload' }))
    await h.sendEvent({ ...event, files: [...event.files, h.api.shareFile({ name: 'broken.pdf', bytes: pdf, mimetype: 'application/pdf' })] })
    expect(h.api.callsTo('chat.postMessage')[0]!.args.text).toBe('_Reading setup.exe, broken.pdf…_')
    expect(lastUpdate().text).toBe(expected.map((error) => `⚠️ ${escapeMrkdwn((error as Error).message)}`).join('\n'))
    expect(await stored()).toEqual(before)

    await h.sendEvent({ type: 'message', channel_type: 'im', channel: 'DUADMIN', user: 'UADMIN', text: 'revenue last month', ts: nextTs() })
    expect(agent.requests.map((r) => r.message)).toEqual(['revenue last month'])
  })

  it('refuse a file larger than the limit from Slack’s own size, before downloading it', async () => {
    await h.sendEvent(directShare('UADMIN', h.api.shareFile({ name: 'huge.pdf', bytes: markdown('%PDF-1.7'), mimetype: 'application/pdf', size: 10 * 1024 * 1024 })))
    expect(h.api.downloads).toEqual([])
    expect(lastUpdate().text).toBe('⚠️ huge.pdf is 10.0 MB; documents may be at most 1.0 MB.')
  })

  it('ask files.info for a file Slack describes only in part, and never send the bot token to a host that is not Slack’s', async () => {
    const { url_private_download: _url, ...partial } = h.api.shareFile({ name: 'faq.md', bytes: markdown('# FAQ\n\nShipping takes two days.'), mimetype: 'text/markdown' })
    await h.sendEvent(directShare('UADMIN', partial as SharedSlackFile))
    expect(h.api.callsTo('files.info')[0]!.args).toMatchObject({ file: partial.id })
    expect(lastUpdate().text).toMatch(/^Added \*FAQ\*/)

    h.api.reset()
    const foreign = { ...h.api.shareFile({ name: 'elsewhere.md', bytes: markdown('# Elsewhere') }), url_private_download: 'https://files.evil.example/elsewhere.md' }
    await h.sendEvent(directShare('UADMIN', foreign))
    expect(h.api.downloads).toEqual([])
    expect(lastUpdate().text).toMatch(/^Sorry — something went wrong while answering\. .*reference: `[0-9a-f-]{36}`\.$/)
  })

  it('add a file once when Slack delivers its event again, and when the message comes as app_mention and as message — then answer its question in the same thread', async () => {
    const file = h.api.shareFile({ name: 'commission-policy.md', bytes: markdown('# Commission policy\n\nReps earn 3% of completed orders.'), mimetype: 'text/markdown' })
    const at = nextTs()
    const message = { user: 'UADMIN', text: `<@${botUserId}> what commission do reps earn?`, ts: at, channel: 'CSALES', files: [file] }
    await h.sendEvent({ type: 'app_mention', ...message }, { eventId: 'EvMENTION1' })
    await h.sendEvent({ type: 'app_mention', ...message }, { eventId: 'EvMENTION1', retryNum: 1 })
    await h.sendEvent({ type: 'message', subtype: 'file_share', channel_type: 'channel', ...message }, { eventId: 'EvMESSAGE1' })
    expect(h.api.downloads).toHaveLength(1)
    expect((await store.list()).filter((d) => d.fileName === 'commission-policy.md')).toHaveLength(1)
    expect(agent.requests.map((r) => [r.threadId, r.message])).toEqual([[`slack:T1:CSALES:${at}`, 'what commission do reps earn?']])
    // The document is added (and said so) before the question is answered.
    expect(h.api.callsTo('chat.postMessage').map((c) => [c.args.thread_ts, c.args.text])).toEqual([
      [at, '_Reading commission-policy.md…_'],
      [at, '…'],
    ])
  })

  it('answer in Portuguese when the admin writes Portuguese with the file', async () => {
    const event = directShare('UADMIN', h.api.shareFile({ name: 'playbook.md', bytes: markdown('# Playbook de vendas\n\nLigue para o cliente em até dois dias.'), mimetype: 'text/markdown' }), 'qual é o prazo para ligar para o cliente?')
    await h.sendEvent(event)
    const document = (await store.list()).find((d) => d.fileName === 'playbook.md')!
    const added = h.api.callsTo('chat.update').find((u) => String(u.args.text).startsWith('Adicionei'))
    expect(added!.args.text).toBe(`Adicionei *Playbook de vendas* (${document.chunkCount} ${document.chunkCount === 1 ? 'trecho' : 'trechos'}) — agora todos podem perguntar sobre ele.`)
    expect(agent.requests.map((r) => r.message)).toEqual(['qual é o prazo para ligar para o cliente?'])
  })

  it('say adding documents is not enabled when the surface has no ingestion', async () => {
    const bare = await createSlackHarness(kind, { agent, database: h.database })
    try {
      await bare.sendEvent(directShare('UADMIN', bare.api.shareFile({ name: 'notes.md', bytes: markdown('# Notes') })))
      expect(bare.api.downloads).toEqual([])
      expect(bare.api.callsTo('chat.postEphemeral')[0]!.args).toMatchObject({ user: 'UADMIN', text: 'Adding documents is not enabled here.' })
    } finally {
      await bare.close()
    }
  })

  it('show an answer’s citations as sources under it, escaped so a passage cannot broadcast, mention or link', async () => {
    script = () => ({
      intent: 'document',
      headline: 'Enterprise deals get up to 12% off [1].',
      text: 'Enterprise deals get up to 12% off [1].',
      sql: undefined,
      citations: [{ n: 1, documentId: 1, title: 'Price list 2026', fileName: 'price-list.md', section: 'Discounts › Enterprise', page: 2, excerpt: `<!channel> <@U999> <https://evil.example|click> ${'twelve percent '.repeat(60)}` }],
    })
    await h.sendEvent({ type: 'message', channel_type: 'im', channel: 'DUADMIN', user: 'UADMIN', text: 'enterprise discount?', ts: nextTs() })
    const blocks = lastUpdate().blocks as { type: string; text?: { text: string } }[]
    const sources = blocks.find((b) => b.text?.text.startsWith('*Sources*'))!
    expect(sources.text!.text).toMatch(/^\*Sources\*\n\[1\] Price list 2026 — Discounts › Enterprise, p\. 2\n>&lt;!channel&gt; &lt;@U999&gt; &lt;https:\/\/evil\.example\|click&gt; twelve percent/)
    expect(sources.text!.text.endsWith('…')).toBe(true)
    expect(JSON.stringify(blocks)).not.toMatch(/<!channel>|<@U999>|<https:/)
  })
})
