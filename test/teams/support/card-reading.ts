/** Reads what the bot sent the connector: the Adaptive Card of an activity, its elements and actions, by type. */
import type { SentActivity } from './bot-connector-stand-in.js'

export type Json = Record<string, unknown>

export function adaptiveCardOf(sent: SentActivity | undefined): Json {
  const attachment = sent?.activity.attachments?.find((a) => a.contentType === 'application/vnd.microsoft.card.adaptive')
  if (!attachment) throw new Error(`no Adaptive Card in ${JSON.stringify(sent?.activity)}`)
  return attachment.content
}

/** Every element and action in the card, nested ones included (table cells, ShowCard cards, action sets). */
export function allNodes(node: unknown): Json[] {
  if (Array.isArray(node)) return node.flatMap(allNodes)
  if (!node || typeof node !== 'object') return []
  const json = node as Json
  return [json, ...Object.values(json).flatMap(allNodes)]
}

export const nodesOfType = (card: Json, type: string) => allNodes(card).filter((n) => n.type === type)

export const textsOf = (card: Json) => nodesOfType(card, 'TextBlock').map((t) => String(t.text))
