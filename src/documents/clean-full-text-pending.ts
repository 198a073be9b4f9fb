/**
 * Moves the full-text GIN indexes' pending entries into the indexes proper, after a write. GIN buffers new entries in a
 * pending list (fastupdate) until VACUUM or autoanalyze merges them, and every search scans that whole list once per
 * term it looks up: right after a bulk upload it measured 1-2 ms per term at 10,000 chunks, more than the lookup itself.
 * Merging after each upload costs about 1 ms per 25 chunks, and PGlite, which has no autovacuum, needs it as well.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'

/** The GIN indexes of migration 013. */
export const fullTextIndexes = ['document_chunks_search_en_idx', 'document_chunks_search_pt_idx'] as const

/** SQLSTATE insufficient_privilege: only the indexes' owner may merge; autovacuum still does it for others. */
const insufficientPrivilege = '42501'

export async function cleanFullTextPending(db: Kysely<Database>): Promise<void> {
  try {
    await sql`select ${sql.join(fullTextIndexes.map((name) => sql`gin_clean_pending_list(${name}::regclass)`))}`.execute(db)
  } catch (error) {
    // A role that does not own the indexes (migrations run by another one): searches stay correct, only slower until
    // autovacuum merges the list. Anything else is a real failure.
    if ((error as { code?: unknown }).code !== insufficientPrivilege) throw error
  }
}
