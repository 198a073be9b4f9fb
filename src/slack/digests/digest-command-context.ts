/** What every `/salesmatrix digest …` handler works with: the channel it was typed in, the admin, and a private reply. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DigestService } from '../../digests/delivery/create-digest-service.js'
import type { Actor } from '../../domain/audit/audit.repository.js'
import type { Logger } from '../../logging/logger.js'
import type { Language } from '../../semantic/semantic-model.js'
import type { SlackBlock } from '../render-reply-blocks.js'

export interface DigestCommandContext {
  readonly db: Kysely<Database>
  readonly service: DigestService
  readonly log: Logger
  /** The channel the command was typed in: "here", the only destination a chat command schedules for. */
  readonly channelId: string
  /** Its name without '#', when Slack sent one (not for direct messages). */
  readonly channelName: string | undefined
  /** The language of the replies (the digest's own language is the command's business). */
  readonly language: Language
  /** The admin, for the audit log: their verified chat principal. */
  readonly actor: Actor
  /** Answers the admin privately (an ephemeral message in the channel). */
  reply(text: string, blocks?: readonly SlackBlock[]): Promise<void>
}
