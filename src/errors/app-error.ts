/**
 * Typed errors with a stable code and a message that is safe to show to users.
 * Each surface has exactly one boundary handler that renders them (problem+json for HTTP, a line for the CLI).
 */
export type ErrorCode =
  | 'bad_request'
  | 'validation_failed'
  | 'unauthorized'
  | 'forbidden'
  | 'not_found'
  | 'conflict'
  | 'payload_too_large'
  | 'unsupported_media_type'
  | 'unprocessable'
  | 'not_ready'
  | 'internal'

const statusByCode: Record<ErrorCode, number> = {
  bad_request: 400,
  validation_failed: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  payload_too_large: 413,
  unsupported_media_type: 415,
  unprocessable: 422,
  not_ready: 503,
  internal: 500,
}

/** One field-level problem, e.g. `{ path: 'items.0.quantity', message: 'must be greater than 0' }`. */
export type FieldProblem = { path: string; message: string }

export class AppError extends Error {
  readonly status: number
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details: { fields?: FieldProblem[]; [key: string]: unknown } = {},
    options?: { cause?: unknown },
  ) {
    super(message, options)
    this.name = 'AppError'
    this.status = statusByCode[code]
  }
}

export const notFound = (entity: string, id: unknown) => new AppError('not_found', `${entity} ${String(id)} does not exist.`, { entity, id })

export const isAppError = (e: unknown): e is AppError => e instanceof AppError
