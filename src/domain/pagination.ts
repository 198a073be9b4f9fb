/** Keyset (cursor) pagination on the primary key: stable under inserts, O(limit) at any depth. */
import { AppError } from '../errors/app-error.js'

export interface Page<T> { data: T[]; next_cursor: string | null }

export const encodeCursor = (lastId: number): string => Buffer.from(JSON.stringify({ id: lastId })).toString('base64url')

export function decodeCursor(cursor: string | undefined): number | undefined {
  if (cursor === undefined || cursor === '') return undefined
  try {
    const value: unknown = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'))
    const id = (value as { id?: unknown }).id
    if (typeof id === 'number' && Number.isInteger(id) && id > 0) return id
  } catch (error) {
    throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', { fields: [{ path: 'cursor', message: 'malformed' }] }, { cause: error })
  }
  throw new AppError('validation_failed', 'The cursor is not valid; use the next_cursor of a previous page.', { fields: [{ path: 'cursor', message: 'malformed' }] })
}

/** Rows were fetched with limit + 1; the extra row only says whether another page exists. */
export function toPage<T extends { id: number }>(rows: T[], limit: number): Page<T> {
  const data = rows.slice(0, limit)
  return { data, next_cursor: rows.length > limit && data.length > 0 ? encodeCursor(data[data.length - 1]!.id) : null }
}
