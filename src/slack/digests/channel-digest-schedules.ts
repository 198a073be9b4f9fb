/** The digest schedules that post to one Slack channel, oldest first. */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DigestSchedule } from '../../digests/digest-contract.js'
import { listDigestSchedules } from '../../digests/schedule/digest-schedule.repository.js'

export async function listChannelDigestSchedules(db: Kysely<Database>, channelId: string): Promise<DigestSchedule[]> {
  // Schedules are few (one or two per channel): filtering the list beats a query of its own in the repository.
  return (await listDigestSchedules(db)).filter((s) => s.destination.kind === 'slack' && s.destination.channelId === channelId)
}
