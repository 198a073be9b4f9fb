/**
 * An agent reply as an Adaptive Card (schema 1.5, as Teams renders it): headline, the text lines, a Table for a
 * breakdown, the chart as a data: PNG, the document sources it cites, the SQL behind "Show SQL", suggestions and 👍/👎
 * as Action.Submit buttons, and Confirm / Cancel when the reply proposes a write. Everything from data goes through
 * escapeCardMarkdown.
 */
import type { AgentReply, ReplyTable } from '../../agents/agent-contract.js'
import { escapeCardMarkdown } from './card-markdown.js'
import { sourcesContainer } from './card-sources.js'
import { replyLines } from './reply-lines.js'
import type { CardSubmitValue } from './read-teams-message.js'
import { teamsWords, type TeamsWords } from './teams-words.js'

/** A card element or action: plain JSON as the Adaptive Cards schema describes it. */
export type CardElement = Record<string, unknown>

export interface AdaptiveCard {
  readonly type: 'AdaptiveCard'
  readonly $schema: string
  readonly version: '1.5'
  readonly body: CardElement[]
  readonly actions: CardElement[]
  readonly msteams: { readonly width: 'Full' }
}

export interface AnswerCardOptions {
  /** Rows shown in the Table element; the rest are counted in a note. */
  readonly maxTableRows?: number
  /**
   * Largest chart PNG sent inline. Teams shows pictures up to 1 MB; base64 images do not count against the ~100 KB
   * message limit, but a larger picture is not shown, so the card says so instead.
   */
  readonly maxChartBytes?: number
  readonly maxSuggestions?: number
}

export const defaultMaxTableRows = 20
export const defaultMaxChartBytes = 1024 * 1024

const base64Text = /^[A-Za-z0-9+/]+={0,2}$/
const numericRoles = new Set(['metric', 'previous', 'change', 'change_pct', 'value'])

const textBlock = (text: string, extra: CardElement = {}): CardElement => ({ type: 'TextBlock', text: escapeCardMarkdown(text), wrap: true, ...extra })

const submit = (title: string, data: CardSubmitValue): CardElement => ({ type: 'Action.Submit', title, data })

export function buildAnswerCard(reply: AgentReply, options: AnswerCardOptions = {}): AdaptiveCard {
  const words = teamsWords(reply.language)
  const body: CardElement[] = []
  const { lines, code } = replyLines(reply)
  const [first, ...rest] = lines
  if (first !== undefined) body.push(textBlock(first, { weight: 'Bolder', size: 'Medium', ...(reply.ok ? {} : { color: 'Attention' }) }))
  if (reply.table && reply.table.columns.length) body.push(...tableElements(reply.table, words, options.maxTableRows ?? defaultMaxTableRows))
  for (const line of rest) body.push(textBlock(line, /^(How computed|Como foi calculado):/.test(line) ? { isSubtle: true, size: 'Small' } : {}))
  for (const block of code) body.push(textBlock(block, { fontType: 'Monospace' }))
  body.push(...chartElements(reply, words, options.maxChartBytes ?? defaultMaxChartBytes))
  body.push(...sourcesContainer(reply.citations, words))
  if (reply.confirmation && !reply.text.includes(reply.confirmation.summary)) body.push(textBlock(reply.confirmation.summary))
  if (reply.sql && reply.showSql) body.push(textBlock(words.sql, { weight: 'Bolder', spacing: 'Medium' }), sqlBlock(reply.sql))
  if (!reply.ok && !reply.text.includes(reply.turnId)) body.push(textBlock(`${words.reference}: ${reply.turnId}`, { isSubtle: true, size: 'Small' }))

  const suggestions = reply.suggestions.slice(0, options.maxSuggestions ?? 3)
  if (suggestions.length) {
    body.push(
      textBlock(words.tryNext, { isSubtle: true, size: 'Small', spacing: 'Medium' }),
      { type: 'ActionSet', actions: suggestions.map((text) => submit(text.slice(0, 200), { kind: 'ask', text })) },
    )
  }

  const actions: CardElement[] = []
  if (reply.confirmation) {
    const { actionId, confirmLabel, cancelLabel } = reply.confirmation
    actions.push(
      { ...submit(confirmLabel, { kind: 'confirm', actionId, label: confirmLabel }), style: 'positive' },
      submit(cancelLabel, { kind: 'cancel', actionId, label: cancelLabel }),
    )
  }
  if (reply.sql && !reply.showSql) {
    actions.push({ type: 'Action.ShowCard', title: words.showSql, card: { type: 'AdaptiveCard', version: '1.5', body: [sqlBlock(reply.sql)] } })
  }
  actions.push(submit(words.helpful, { kind: 'feedback', turnId: reply.turnId, rating: 'up' }), submit(words.notHelpful, { kind: 'feedback', turnId: reply.turnId, rating: 'down' }))

  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: '1.5', body, actions, msteams: { width: 'Full' } }
}

const sqlBlock = (sql: string): CardElement => textBlock(sql, { fontType: 'Monospace', size: 'Small' })

function tableElements(table: ReplyTable, words: TeamsWords, maxRows: number): CardElement[] {
  const shown = table.display.slice(0, maxRows)
  const cell = (text: string, extra: CardElement = {}): CardElement => ({ type: 'TableCell', items: [textBlock(text, extra)] })
  const element: CardElement = {
    type: 'Table',
    firstRowAsHeader: true,
    gridStyle: 'accent',
    columns: table.columns.map((c) => ({ width: 1, horizontalCellContentAlignment: numericRoles.has(c.role) ? 'Right' : 'Left' })),
    rows: [
      { type: 'TableRow', style: 'accent', cells: table.columns.map((c) => cell(c.label, { weight: 'Bolder' })) },
      ...shown.map((row) => ({ type: 'TableRow', cells: table.columns.map((_, i) => cell(row[i] ?? '')) })),
    ],
  }
  const notes: CardElement[] = []
  if (table.display.length > shown.length) notes.push(textBlock(words.rowsShown(shown.length, table.display.length), { isSubtle: true, size: 'Small' }))
  if (table.truncated) notes.push(textBlock(words.truncated, { isSubtle: true, size: 'Small' }))
  return [element, ...notes]
}

function chartElements(reply: AgentReply, words: TeamsWords, maxBytes: number): CardElement[] {
  const chart = reply.chart
  // Only base64 text becomes a data: URL, so a reply can never point Teams at another address.
  if (!chart || !base64Text.test(chart.pngBase64)) return []
  const bytes = Math.floor((chart.pngBase64.length * 3) / 4)
  if (bytes > maxBytes) return [textBlock(words.chartTooLarge, { isSubtle: true, size: 'Small' })]
  return [{ type: 'Image', url: `data:image/png;base64,${chart.pngBase64}`, altText: chart.alt || words.chartLabel, size: 'Stretch' }]
}
