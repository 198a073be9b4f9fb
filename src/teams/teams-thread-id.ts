/**
 * One agent conversation per Teams conversation: a personal chat is one conversation, and a channel thread's
 * conversation id already ends in `;messageid=<root>`, so each thread is its own conversation.
 */
import type { Activity } from 'botbuilder'

export function teamsThreadId(activity: Pick<Activity, 'conversation' | 'channelData'>): string {
  const channelData = activity.channelData as { tenant?: { id?: unknown } } | undefined
  const tenant = activity.conversation.tenantId ?? (typeof channelData?.tenant?.id === 'string' ? channelData.tenant.id : undefined) ?? 'no-tenant'
  return `teams:${tenant}:${activity.conversation.id}`
}
