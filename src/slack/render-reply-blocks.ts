/**
 * An agent reply as Block Kit: the headline, the figures with the period and "how computed" lines (the reply's text,
 * tables already in code blocks), the document sources it cites, then buttons — Show SQL, 👍 / 👎, follow-up
 * suggestions, and Confirm / Cancel when the reply proposes a write. Every piece of text is escaped: nothing from the
 * data becomes a mention or link.
 */
import type { types } from '@slack/bolt'
import type { AgentReply } from '../../agents/agent-contract.js'
import type { Language } from '../semantic/semantic-model.js'
import { defuseBroadcasts, escapeMrkdwn } from './escape-mrkdwn.js'
import { renderCitationBlocks } from './render-citation-blocks.js'
import { slackActionIds } from './slack-action-ids.js'
import { maxRowsInMessage, tableToAlignedText } from './table-files.js'

export type SlackBlock = types.KnownBlock

/** Section text is limited to 3,000 characters; stay below it after escaping. */
const maxSectionChars = 2900
/** A message holds at most 50 blocks. */
const maxBlocks = 50
/** Button values are limited to 2,000 characters, labels to 75. */
const maxButtonValue = 2000
const maxButtonLabel = 75
const maxSuggestions = 5

const words = {
  en: { showSql: 'Show SQL', helpful: 'Helpful', notHelpful: 'Not helpful', reference: 'Reference', csv: (n: number) => `${n} rows: the full table is attached as a CSV file.`, cut: 'The answer is longer than a Slack message holds; the web chat shows all of it.', scope: (r: string) => `This channel answers about the region ${r}.`, outside: (r: string) => `⚠️ This channel is about the region ${r}, but this answer is not limited to it.` },
  pt: { showSql: 'Mostrar SQL', helpful: 'Útil', notHelpful: 'Não ajudou', reference: 'Referência', csv: (n: number) => `${n} linhas: a tabela completa vai anexada como arquivo CSV.`, cut: 'A resposta é mais longa do que cabe numa mensagem do Slack; o chat web mostra ela inteira.', scope: (r: string) => `Este canal responde sobre a região ${r}.`, outside: (r: string) => `⚠️ Este canal é sobre a região ${r}, mas esta resposta não se limita a ela.` },
} satisfies Record<Language, unknown>

/** Labels are plain_text (Slack does not parse them), but they are data too: no angle brackets, no broadcasts. */
const label = (text: string) => defuseBroadcasts((text.length > maxButtonLabel ? `${text.slice(0, maxButtonLabel - 1)}…` : text).replace(/</g, '‹').replace(/>/g, '›'))

/** Splits long text on line boundaries into section-sized chunks, keeping code fences balanced. */
function chunks(text: string): string[] {
  const out: string[] = []
  let current = ''
  let inFence = false
  for (const line of text.split('\n')) {
    const escaped = escapeMrkdwn(line)
    if (current && current.length + escaped.length + 1 > maxSectionChars) {
      out.push(inFence ? `${current}\n\`\`\`` : current)
      current = inFence ? '```' : ''
    }
    current = current ? `${current}\n${escaped}` : escaped.slice(0, maxSectionChars)
    if (line.trim().startsWith('```')) inFence = !inFence
  }
  if (current.trim()) out.push(current)
  return out
}

const section = (text: string): SlackBlock => ({ type: 'section', text: { type: 'mrkdwn', text } })

export interface RenderOptions {
  /** The reply's table is longer than a message holds and goes to the thread as CSV. */
  readonly tableAsFile: boolean
  /** The channel's region, when the channel is scoped to one, and whether the answer goes beyond it. */
  readonly scope?: { readonly region: string; readonly outside: boolean }
}

/** Whether the table needs a CSV file: more rows than a message shows, or the agent cut it. */
export const tableNeedsFile = (reply: AgentReply): boolean => !!reply.table && (reply.table.rows.length > maxRowsInMessage || reply.table.truncated)

export function renderReplyBlocks(reply: AgentReply, options: RenderOptions): SlackBlock[] {
  const w = words[reply.language]
  const headline = section(`*${escapeMrkdwn(reply.headline)}*`)
  const [first, ...rest] = reply.text.split('\n')
  const body = chunks((first?.trim() === reply.headline.trim() ? rest : [first ?? '', ...rest]).join('\n').trim()).map(section)
  const after = blocksAfterText(reply, options, w)
  // Everything after the text is small and bounded; a very long text gives way, with a note, to stay within 50 blocks.
  const room = maxBlocks - 1 - after.length
  const shown = body.length <= room ? body : [...body.slice(0, room - 1), { type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(w.cut) }] } satisfies SlackBlock]
  return [headline, ...shown, ...after]
}

function blocksAfterText(reply: AgentReply, options: RenderOptions, w: (typeof words)[keyof typeof words]): SlackBlock[] {
  const blocks: SlackBlock[] = []
  // A reply whose text carries no table of its own (a model's words) still shows the figures.
  if (reply.table && reply.table.rows.length > 1 && !reply.text.includes('```') && !options.tableAsFile) {
    blocks.push(section(`\`\`\`\n${escapeMrkdwn(tableToAlignedText(reply.table))}\n\`\`\``))
  }
  if (options.tableAsFile && reply.table) blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(w.csv(reply.table.rows.length)) }] })
  if (options.scope) {
    const note = options.scope.outside ? w.outside(options.scope.region) : w.scope(options.scope.region)
    blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: escapeMrkdwn(note) }] })
  }
  blocks.push(...renderCitationBlocks(reply.citations, reply.language))

  if (reply.confirmation) {
    const c = reply.confirmation
    blocks.push(section(escapeMrkdwn(c.summary).slice(0, maxSectionChars)), {
      type: 'actions',
      block_id: 'smx_confirmation',
      elements: [
        { type: 'button', action_id: slackActionIds.confirm, style: 'primary', text: { type: 'plain_text', text: label(c.confirmLabel) }, value: c.actionId.slice(0, maxButtonValue) },
        { type: 'button', action_id: slackActionIds.cancel, style: 'danger', text: { type: 'plain_text', text: label(c.cancelLabel) }, value: c.actionId.slice(0, maxButtonValue) },
      ],
    })
  }

  const turnButtons: types.Button[] = []
  if (reply.sql && !reply.showSql) turnButtons.push({ type: 'button', action_id: slackActionIds.showSql, text: { type: 'plain_text', text: w.showSql }, value: reply.turnId })
  turnButtons.push(
    { type: 'button', action_id: slackActionIds.feedbackUp, text: { type: 'plain_text', text: `👍 ${w.helpful}`, emoji: true }, value: reply.turnId },
    { type: 'button', action_id: slackActionIds.feedbackDown, text: { type: 'plain_text', text: `👎 ${w.notHelpful}`, emoji: true }, value: reply.turnId },
  )
  blocks.push({ type: 'actions', block_id: 'smx_turn', elements: turnButtons })

  const suggestions = reply.suggestions.filter((s) => s.trim() && s.length <= maxButtonValue).slice(0, maxSuggestions)
  if (suggestions.length) {
    blocks.push({
      type: 'actions',
      block_id: 'smx_suggestions',
      elements: suggestions.map((s, i) => ({ type: 'button', action_id: `${slackActionIds.suggestionPrefix}${i}`, text: { type: 'plain_text', text: label(s) }, value: s })),
    })
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: `${w.reference}: \`${escapeMrkdwn(reply.turnId)}\`` }] })
  return blocks
}

/** The notification text (and the fallback for clients without blocks). */
export const replyFallbackText = (reply: AgentReply): string => escapeMrkdwn(reply.headline)
