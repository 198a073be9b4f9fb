/** The question in a message: the bot's mention removed, whitespace tidied. Nothing here decides who is asking. */
export function questionFromText(text: string | undefined, botUserId: string | undefined): string {
  const withoutBot = botUserId ? (text ?? '').split(`<@${botUserId}>`).join(' ') : (text ?? '')
  return withoutBot.replace(/\s+/g, ' ').trim()
}

/**
 * A person's message: no subtype, or file_share (a message with files attached). Never answered: other subtypes
 * (edits, joins, bot posts), anything from a bot, a message without a user.
 */
export function isUserMessage(event: { subtype?: string; bot_id?: string; user?: string }): event is { user: string } {
  return (event.subtype === undefined || event.subtype === 'file_share') && !event.bot_id && typeof event.user === 'string' && event.user !== ''
}
