/**
 * Text from users and from the data goes into mrkdwn escaped: Slack reads `<…>` as links and mentions
 * (`<!channel>`, `<@U…>`, `<https://…|label>`), so `&`, `<` and `>` become entities — and a literal "@channel",
 * "@here" or "@everyone" gets a zero-width joiner so no client turns it into a broadcast.
 */
const broadcast = /@(channel|here|everyone)\b/gi

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(broadcast, '@\u2060$1')
}

/** For plain_text fields (button labels, titles): Slack does not parse them, but broadcasts are still defused. */
export function defuseBroadcasts(text: string): string {
  return text.replace(broadcast, '@\u2060$1')
}
