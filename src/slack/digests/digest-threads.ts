/**
 * Which threads hang under a digest the bot posted: a reply there is a conversation that starts from the digest's
 * period and scope ("by category" under the Sul weekly digest is Sul's categories that week).
 */
import type { Kysely } from 'kysely'
import type { AgentTurnRequest } from '../../../agents/agent-contract.js'
import type { Database } from '../../db/schema.js'
import { findDigestThread } from '../../digests/delivery/digest-delivery.repository.js'

export type DigestStartingContext = NonNullable<AgentTurnRequest['startingContext']>

/** The starting context of the digest posted as message `threadTs` in `channelId`; undefined when it was no digest. */
export type DigestThreadLookup = (channelId: string, threadTs: string) => Promise<DigestStartingContext | undefined>

/** Looks digests up in the delivery log (digest_deliveries holds each sent digest's channel, ts and context). */
export function createDigestThreadLookup(db: Kysely<Database>): DigestThreadLookup {
  return async (channelId, threadTs) => {
    const thread = await findDigestThread(db, { channelId, messageId: threadTs })
    if (!thread) return undefined
    const { startingContext, language } = thread.context
    return { plan: startingContext.plan, understood: startingContext.understood, language }
  }
}
