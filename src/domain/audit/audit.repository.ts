/** The audit trail: every write records who did what, when, and the row before and after. */
import type { Kysely, Transaction } from 'kysely'
import type { Database } from '../../db/schema.js'

/** Who is acting: an API key (HTTP), or a named local operator (CLI, seed). */
export interface Actor {
  keyId: number | null
  name: string
  requestId?: string | undefined
}

export interface AuditEntry {
  action: 'create' | 'update' | 'delete' | 'import'
  entity: string
  entityId?: string | number | null
  before?: unknown
  after?: unknown
}

/** Call inside the same transaction as the write it describes, so both land or neither does. */
export async function recordAudit(db: Kysely<Database> | Transaction<Database>, actor: Actor, entry: AuditEntry): Promise<void> {
  await db
    .insertInto('audit_log')
    .values({
      actor_key_id: actor.keyId,
      actor: actor.name,
      action: entry.action,
      entity: entry.entity,
      entity_id: entry.entityId === undefined || entry.entityId === null ? null : String(entry.entityId),
      before: entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === undefined ? null : JSON.stringify(entry.after),
      request_id: actor.requestId ?? null,
    })
    .execute()
}
