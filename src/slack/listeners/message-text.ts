/** The question in a message: the bot's mention removed, whitespace tidied. Nothing here decides who is asking. */
export function questionFromText(text: string | undefined, botUserId: string | undefined): string {
  const withoutBot = botUserId ? (text ?? '').split(`<@${botUserId}>`).join(' ') : (text ?? '')
  return withoutBot.replace(/\s+/g, ' ').trim()
}

/** Messages we never answer: any subtype (edits, joins, bot posts, file shares), anything from a bot, no user. */
export function isPlainUserMessage(event: { subtype?: string; bot_id?: string; user?: string }): event is { user: string } {
  return event.subtype === undefined && !event.bot_id && typeof event.user === 'string' && event.user !== ''
}
