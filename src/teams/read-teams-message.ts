/**
 * What a Teams message activity asks for: a typed question (an @mention's `<at>…</at>` removed), or a card button
 * (Action.Submit arrives as a message whose `value` is the button's data). Only the shapes our cards send are read;
 * anything else in `value` is ignored and the text, if any, is taken as a question.
 */
import { TurnContext, type Activity } from 'botbuilder'
import { z } from 'zod'

export type TeamsMessage =
  | { readonly kind: 'question'; readonly text: string }
  | { readonly kind: 'feedback'; readonly turnId: string; readonly rating: 'up' | 'down' }
  | { readonly kind: 'confirmation'; readonly action: 'confirm' | 'cancel'; readonly actionId: string; readonly label: string }

/** The `data` of the cards' Action.Submit buttons (see answer-card.ts). */
export const cardSubmitValue = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('feedback'), turnId: z.string().min(1).max(64), rating: z.enum(['up', 'down']) }),
  z.object({ kind: z.literal('ask'), text: z.string().trim().min(1).max(2000) }),
  z.object({ kind: z.enum(['confirm', 'cancel']), actionId: z.string().min(1).max(200), label: z.string().max(100).optional() }),
])

export type CardSubmitValue = z.infer<typeof cardSubmitValue>

export function readTeamsMessage(activity: Partial<Activity>): TeamsMessage {
  const submitted = cardSubmitValue.safeParse(activity.value)
  if (submitted.success) {
    const value = submitted.data
    if (value.kind === 'feedback') return { kind: 'feedback', turnId: value.turnId, rating: value.rating }
    if (value.kind === 'ask') return { kind: 'question', text: value.text }
    return { kind: 'confirmation', action: value.kind, actionId: value.actionId, label: value.label ?? value.kind }
  }
  // removeRecipientMention drops only the bot's own mention, so "@SalesMatrix how is @Maria doing" keeps Maria.
  const text = activity.entities?.length ? TurnContext.removeRecipientMention({ ...activity }) : (activity.text ?? '')
  return { kind: 'question', text: (text ?? '').replace(/<\/?at>/g, '').replace(/\s+/g, ' ').trim() }
}
