/**
 * Turns constraint violations the database enforces into typed, user-safe errors.
 * The database is the last line of defence; this keeps its refusals from surfacing as 500s.
 */
import { AppError } from '../errors/app-error.js'

interface PgErrorSlice { code?: string; constraint?: string; column?: string; detail?: string; table?: string }

const isPgError = (e: unknown): e is PgErrorSlice & Error => e instanceof Error && typeof (e as PgErrorSlice).code === 'string' && /^[0-9A-Z]{5}$/.test((e as PgErrorSlice).code!)

/** Returns an AppError for known constraint/data errors, or undefined when the error is something else. */
export function translateDatabaseError(error: unknown): AppError | undefined {
  if (!isPgError(error)) return undefined
  const field = fieldOf(error)
  const fields = field ? [{ path: field, message: shortReason(error) }] : []
  switch (error.code) {
    case '23505':
      return new AppError('conflict', `A record with the same ${field ?? 'unique value'} already exists.`, { fields, constraint: error.constraint })
    case '23503':
      // Insert/update naming a missing parent, or delete of a row others still reference.
      return /still referenced/.test(error.detail ?? '') || /is still referenced/.test(error.message)
        ? new AppError('conflict', 'This record is still referenced by other records and cannot be deleted.', { constraint: error.constraint })
        : new AppError('validation_failed', `A referenced record does not exist${field ? ` (${field})` : ''}.`, { fields, constraint: error.constraint })
    case '23514':
    case '23502':
    case '22P02':
    case '22003':
    case '22007':
    case '22008':
    case '22001':
      return new AppError('validation_failed', `A value is not allowed${field ? ` for ${field}` : ''}.`, { fields, constraint: error.constraint })
    default:
      return undefined
  }
}

function fieldOf(error: PgErrorSlice): string | undefined {
  if (error.column) return error.column
  const keyMatch = /Key \(([^)]+)\)/.exec(error.detail ?? '')
  if (keyMatch) return keyMatch[1]
  // Check constraints are named <table>_<column>_check by PostgreSQL.
  const checkMatch = error.constraint && error.table ? new RegExp(`^${error.table}_(.+)_(check|fkey|key)$`).exec(error.constraint) : null
  return checkMatch?.[1]
}

function shortReason(error: PgErrorSlice): string {
  switch (error.code) {
    case '23505': return 'already exists'
    case '23503': return 'does not exist'
    case '23502': return 'is required'
    default: return 'is not allowed'
  }
}
