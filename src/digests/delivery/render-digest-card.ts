/**
 * A digest as an Adaptive Card for Teams: title, summary, the KPIs as a fact set, target, movers, anomalies,
 * customers, the chart inline (base64 images do not count against Teams' message size) and the period in small print.
 * Adaptive Card text is not HTML, and TextBlocks read a little markdown: names from the data are shown as they are.
 */
import type { Language } from '../../semantic/semantic-model.js'
import type { DigestContent } from '../digest-contract.js'

type CardElement = Record<string, unknown>

const words = {
  en: { vsPrevious: 'vs previous', vsLastYear: 'vs last year', target: 'Target', top: 'Rising', bottom: 'Falling', anomalies: 'Unusual', customers: (n: number, c: number) => `Customers: ${n} new · ${c} churned`, period: 'Period' },
  pt: { vsPrevious: 'vs período anterior', vsLastYear: 'vs ano anterior', target: 'Meta', top: 'Em alta', bottom: 'Em queda', anomalies: 'Fora do comum', customers: (n: number, c: number) => `Clientes: ${n} novos · ${c} perdidos`, period: 'Período' },
} satisfies Record<Language, unknown>

/** Teams shows inline pictures up to about 1 MB; a larger chart is left out rather than failing the post. */
const maxChartBase64Chars = 1_300_000

const textBlock = (text: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text, wrap: true, ...extra })
const list = (heading: string, lines: readonly string[]): CardElement[] => [textBlock(heading, { weight: 'Bolder', spacing: 'Medium' }), ...lines.map((l) => textBlock(`• ${l}`, { spacing: 'None' }))]

export function renderDigestCard(content: DigestContent): CardElement {
  const w = words[content.language]
  const body: CardElement[] = [textBlock(content.title, { size: 'Large', weight: 'Bolder' }), textBlock(content.summary)]
  if (content.kpis.length) {
    body.push({ type: 'FactSet', facts: content.kpis.map((k) => ({ title: k.label, value: `${k.display.value} · ${k.display.changeVsPrevious} ${w.vsPrevious} · ${k.display.changeVsLastYear} ${w.vsLastYear}` })) })
  }
  if (content.target) body.push(textBlock(`${w.target}: ${content.target.display}`))
  if (content.movers.top.length) body.push(...list(w.top, content.movers.top.map((m) => m.display)))
  if (content.movers.bottom.length) body.push(...list(w.bottom, content.movers.bottom.map((m) => m.display)))
  if (content.anomalies.length) body.push(...list(w.anomalies, content.anomalies.map((a) => a.display)))
  if (content.customers) body.push(textBlock(w.customers(content.customers.new, content.customers.churned)), textBlock(content.customers.definition, { isSubtle: true, size: 'Small', spacing: 'None' }))
  if (content.chart && content.chart.pngBase64.length <= maxChartBase64Chars) {
    body.push({ type: 'Image', url: `data:image/png;base64,${content.chart.pngBase64}`, altText: content.chart.alt, size: 'Stretch' })
  }
  body.push(textBlock(`${w.period}: ${content.period.label} (${content.period.start} – ${content.period.end})`, { isSubtle: true, size: 'Small' }))
  return { $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', type: 'AdaptiveCard', version: '1.5', body }
}
