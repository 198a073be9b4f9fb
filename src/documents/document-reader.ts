/**
 * A principal as a reader of documents. Roles come from the verified principal; a rep's region from their sales_reps
 * row — a rep whose row is missing gets regionId null, which only sees documents without a region restriction.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import type { DocumentReader } from './document-contract.js'

export function createDocumentReaderResolver(db: Kysely<Database>): (principal: SqlPrincipal) => Promise<DocumentReader> {
  return async (principal) => {
    if (principal.role !== 'rep') return { role: principal.role }
    if (!principal.repId) return { role: 'rep', regionId: null }
    const rep = await db.selectFrom('sales_reps').select('region_id').where('id', '=', principal.repId).executeTakeFirst()
    return { role: 'rep', regionId: rep?.region_id ?? null }
  }
}
