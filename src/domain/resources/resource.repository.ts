/**
 * Generic list/get/create/update/delete for the dimension resources, every write audited in its own
 * transaction. Table and column names come only from resource-definitions.ts, never from requests.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { translateDatabaseError } from '../../db/translate-database-error.js'
import { AppError } from '../../errors/app-error.js'
import { recordAudit, type Actor } from '../audit/audit.repository.js'
import { decodeCursor, toPage, type Page } from '../pagination.js'
import type { ResourceDefinition } from './resource-definitions.js'

type Row = Record<string, unknown> & { id: number }
// The definitions carry the table names, so the typed builder is widened here, in one place.
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type AnyDb = Kysely<any>

export interface ListOptions { limit: number; cursor?: string | undefined; filters: Record<string, string | undefined> }

export function createResourceRepository(definition: ResourceDefinition) {
  const table = definition.table

  async function findById(db: AnyDb, id: number): Promise<Row | undefined> {
    return (await db.selectFrom(table).selectAll().where('id', '=', id).executeTakeFirst()) as Row | undefined
  }

  async function getOrThrow(db: AnyDb, id: number): Promise<Row> {
    const row = await findById(db, id)
    if (!row) throw new AppError('not_found', `${definition.noun} ${id} does not exist.`)
    return row
  }

  /** Runs a write in a transaction, translating constraint violations into typed errors. */
  async function write<T>(db: Kysely<Database>, work: (trx: AnyDb) => Promise<T>): Promise<T> {
    try {
      return await db.transaction().execute((trx) => work(trx as AnyDb))
    } catch (error) {
      throw translateDatabaseError(error) ?? error
    }
  }

  return {
    definition,

    async list(db: Kysely<Database>, options: ListOptions): Promise<Page<Row>> {
      let query = (db as AnyDb).selectFrom(table).selectAll()
      const after = decodeCursor(options.cursor)
      if (after !== undefined) query = query.where('id', '>', after)
      for (const [key, value] of Object.entries(options.filters)) {
        const filter = definition.filters[key]
        if (!filter || value === undefined || value === '') continue
        const column = sql.ref(filter.column)
        switch (filter.kind) {
          case 'search':
            query = query.where(sql<boolean>`unaccent(${column}) ilike '%' || unaccent(${value}) || '%'`)
            break
          case 'eq-int':
            query = query.where(filter.column, '=', parseIntegerFilter(key, value))
            break
          case 'eq-bool':
            query = query.where(filter.column, '=', parseBooleanFilter(key, value))
            break
          case 'eq-text':
            query = query.where(filter.column, '=', value)
            break
          case 'gte-date':
            query = query.where(filter.column, '>=', parseDateFilter(key, value))
            break
          case 'lte-date':
            query = query.where(filter.column, '<=', parseDateFilter(key, value))
            break
        }
      }
      const rows = (await query.orderBy('id').limit(options.limit + 1).execute()) as Row[]
      return toPage(rows, options.limit)
    },

    get: (db: Kysely<Database>, id: number) => getOrThrow(db as AnyDb, id),

    create(db: Kysely<Database>, input: Record<string, unknown>, actor: Actor): Promise<Row> {
      return write(db, async (trx) => {
        const row = (await trx.insertInto(table).values(input).returningAll().executeTakeFirstOrThrow()) as Row
        await recordAudit(trx, actor, { action: 'create', entity: table, entityId: row.id, after: row })
        return row
      })
    },

    update(db: Kysely<Database>, id: number, changes: Record<string, unknown>, actor: Actor): Promise<Row> {
      return write(db, async (trx) => {
        const before = await getOrThrow(trx, id)
        const values = definition.hasUpdatedAt ? { ...changes, updated_at: sql`now()` } : changes
        const after = (await trx.updateTable(table).set(values).where('id', '=', id).returningAll().executeTakeFirstOrThrow()) as Row
        await recordAudit(trx, actor, { action: 'update', entity: table, entityId: id, before, after })
        return after
      })
    },

    delete(db: Kysely<Database>, id: number, actor: Actor): Promise<void> {
      return write(db, async (trx) => {
        const before = await getOrThrow(trx, id)
        await trx.deleteFrom(table).where('id', '=', id).execute()
        await recordAudit(trx, actor, { action: 'delete', entity: table, entityId: id, before })
      })
    },
  }
}

export type ResourceRepository = ReturnType<typeof createResourceRepository>

const filterError = (key: string, expected: string) =>
  new AppError('validation_failed', `Filter ${key} must be ${expected}.`, { fields: [{ path: key, message: `must be ${expected}` }] })

export function parseIntegerFilter(key: string, value: string): number {
  if (!/^\d{1,9}$/.test(value)) throw filterError(key, 'a positive integer')
  return Number(value)
}

function parseBooleanFilter(key: string, value: string): boolean {
  if (value === 'true') return true
  if (value === 'false') return false
  throw filterError(key, 'true or false')
}

export function parseDateFilter(key: string, value: string): string {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value) || Number.isNaN(Date.parse(`${value}T00:00:00Z`))) throw filterError(key, 'a date (YYYY-MM-DD)')
  return value
}
