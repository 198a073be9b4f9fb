/**
 * A digest as Block Kit: the title as header, the summary, the KPIs as fields (value, change vs the previous period
 * and vs last year), the target, movers, anomalies and customers, and a context line with the period and the
 * definitions. Figures arrive formatted by the composer; everything from the data is escaped, so no name becomes a
 * mention or a link.
 */
import type { types } from '@slack/bolt'
import type { Language } from '../../semantic/semantic-model.js'
import { defuseBroadcasts, escapeMrkdwn } from '../../slack/escape-mrkdwn.js'
import type { DigestContent } from '../digest-contract.js'

export type SlackBlock = types.KnownBlock

const words = {
  en: { vsPrevious: 'vs previous', vsLastYear: 'vs last year', target: 'Target', top: 'Rising', bottom: 'Falling', anomalies: 'Unusual', customers: (n: number, c: number) => `*Customers:* ${n} new · ${c} churned`, period: 'Period', reply: 'Reply in this thread to dig into these numbers.' },
  pt: { vsPrevious: 'vs período anterior', vsLastYear: 'vs ano anterior', target: 'Meta', top: 'Em alta', bottom: 'Em queda', anomalies: 'Fora do comum', customers: (n: number, c: number) => `*Clientes:* ${n} novos · ${c} perdidos`, period: 'Período', reply: 'Responda nesta conversa para detalhar estes números.' },
} satisfies Record<Language, unknown>

/** Slack's limits: header text 150, section text 3,000, field text 2,000, 10 fields, 10 context elements. */
const cut = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text)
const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text: cut(text, 2900) } })
const bullets = (heading: string, lines: readonly string[]) => `*${heading}*\n${lines.map((l) => `• ${escapeMrkdwn(l)}`).join('\n')}`

export function renderDigestBlocks(content: DigestContent): { text: string; blocks: SlackBlock[] } {
  const w = words[content.language]
  const blocks: SlackBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: cut(defuseBroadcasts(content.title), 150), emoji: true } },
    section(escapeMrkdwn(content.summary)),
  ]
  if (content.kpis.length) {
    blocks.push({
      type: 'section',
      fields: content.kpis.slice(0, 10).map((k) => ({
        type: 'mrkdwn' as const,
        text: cut(`*${escapeMrkdwn(k.label)}*\n${escapeMrkdwn(k.display.value)}\n${escapeMrkdwn(k.display.changeVsPrevious)} ${w.vsPrevious} · ${escapeMrkdwn(k.display.changeVsLastYear)} ${w.vsLastYear}`, 1900),
      })),
    })
  }
  if (content.target) blocks.push(section(`*${w.target}:* ${escapeMrkdwn(content.target.display)}`))
  const movers = [
    ...(content.movers.top.length ? [bullets(w.top, content.movers.top.map((m) => m.display))] : []),
    ...(content.movers.bottom.length ? [bullets(w.bottom, content.movers.bottom.map((m) => m.display))] : []),
  ]
  if (movers.length) blocks.push(section(movers.join('\n\n')))
  if (content.anomalies.length) blocks.push(section(bullets(w.anomalies, content.anomalies.map((a) => a.display))))
  if (content.customers) blocks.push(section(w.customers(content.customers.new, content.customers.churned)))
  const notes = [`${w.period}: ${content.period.label} (${content.period.start} – ${content.period.end})`, ...(content.customers ? [content.customers.definition] : []), w.reply]
  blocks.push({ type: 'context', elements: notes.slice(0, 10).map((n) => ({ type: 'mrkdwn' as const, text: cut(escapeMrkdwn(n), 2900) })) })
  // The notification text (and what screen readers announce): title and summary, not the whole digest.
  return { text: cut(`${content.title}\n${content.summary}`, 3000), blocks }
}
