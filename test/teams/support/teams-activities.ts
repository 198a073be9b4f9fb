/**
 * Bot Framework activities as Teams sends them to /api/messages: a personal chat message, a channel message with the
 * bot @mentioned, and an Action.Submit press (a message whose `value` is the button's data).
 */
export const botAccount = { id: '28:salesmatrix-bot', name: 'SalesMatrix' }

export interface TeamsSender {
  readonly aadObjectId: string
  readonly name: string
}

let sequence = 0

interface ActivityInput {
  readonly serviceUrl: string
  readonly from: TeamsSender
  readonly conversationId?: string
  readonly locale?: string
}

function baseActivity(input: ActivityInput, conversation: Record<string, unknown>) {
  return {
    type: 'message',
    id: `incoming-${++sequence}`,
    timestamp: new Date(0).toISOString(),
    channelId: 'msteams',
    serviceUrl: input.serviceUrl,
    from: { id: `29:${input.from.aadObjectId}`, name: input.from.name, aadObjectId: input.from.aadObjectId },
    recipient: botAccount,
    conversation: { tenantId: 'tenant-1', ...conversation },
    channelData: { tenant: { id: 'tenant-1' } },
    locale: input.locale ?? 'en-US',
  }
}

export function personalMessage(input: ActivityInput & { text: string }) {
  return { ...baseActivity(input, { id: input.conversationId ?? `a:personal-${input.from.aadObjectId}`, conversationType: 'personal' }), text: input.text }
}

/** A message in a channel thread that @mentions the bot: Teams puts `<at>SalesMatrix</at>` in the text and a mention entity. */
export function channelMention(input: ActivityInput & { text: string; threadRootId: string }) {
  const mention = `<at>${botAccount.name}</at>`
  return {
    ...baseActivity(input, { id: `19:sales-channel@thread.tacv2;messageid=${input.threadRootId}`, conversationType: 'channel', isGroup: true }),
    text: `${mention} ${input.text}`,
    entities: [{ type: 'mention', text: mention, mentioned: botAccount }],
    channelData: { tenant: { id: 'tenant-1' }, teamsChannelId: '19:sales-channel@thread.tacv2', team: { id: '19:team@thread.tacv2' } },
  }
}

/** A personal-chat message with a file attached, as Teams sends it when the bot supports files. */
export function personalFileShare(input: ActivityInput & { text?: string; file: { name: string; downloadUrl: string } }) {
  return {
    ...personalMessage({ ...input, text: input.text ?? '' }),
    attachments: [
      { contentType: 'application/vnd.microsoft.teams.file.download.info', contentUrl: 'https://contoso.sharepoint.com/personal/ana/Documents/Files', name: input.file.name, content: { downloadUrl: input.file.downloadUrl, uniqueId: 'file-1', fileType: input.file.name.split('.').pop() } },
      { contentType: 'text/html', content: `<p>${input.text ?? ''}</p>` },
    ],
  }
}

export function cardSubmit(input: ActivityInput & { value: Record<string, unknown>; replyToId?: string }) {
  return {
    ...baseActivity(input, { id: input.conversationId ?? `a:personal-${input.from.aadObjectId}`, conversationType: 'personal' }),
    value: input.value,
    ...(input.replyToId ? { replyToId: input.replyToId } : {}),
  }
}
