/**
 * The HTTP boundary handler: every error leaves as application/problem+json (RFC 9457) with a stable
 * code, a user-safe message, field details where the input was wrong, and the request id to quote.
 * Unexpected errors are logged in full and answered with a generic 500.
 */
import type { FastifyError, FastifyInstance, FastifyReply, FastifyRequest } from 'fastify'
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod'
import { translateDatabaseError } from '../db/translate-database-error.js'
import { AppError, isAppError, type ErrorCode, type FieldProblem } from '../errors/app-error.js'

const titles: Record<ErrorCode, string> = {
  bad_request: 'Bad request',
  validation_failed: 'Invalid input',
  unauthorized: 'Authentication required',
  forbidden: 'Not allowed',
  not_found: 'Not found',
  conflict: 'Conflict',
  payload_too_large: 'Payload too large',
  unsupported_media_type: 'Unsupported media type',
  unprocessable: 'Unprocessable request',
  not_ready: 'Not ready',
  internal: 'Internal error',
}

export function sendProblem(request: FastifyRequest, reply: FastifyReply, error: AppError): FastifyReply {
  const { fields, ...extra } = error.details
  if (error.code === 'unauthorized') void reply.header('www-authenticate', 'Bearer realm="salesmatrix"')
  return reply
    .code(error.status)
    .type('application/problem+json')
    .send({
      type: `urn:salesmatrix:problem:${error.code}`,
      title: titles[error.code],
      status: error.status,
      detail: error.message,
      instance: request.url,
      code: error.code,
      request_id: request.id,
      ...(fields && fields.length ? { errors: fields } : {}),
      ...extra,
    })
}

/** Maps whatever was thrown to an AppError; undefined means "a bug": log it and answer 500. */
export function toAppError(error: unknown): AppError | undefined {
  if (isAppError(error)) return error
  if (hasZodFastifySchemaValidationErrors(error)) {
    const fields: FieldProblem[] = error.validation.map((issue) => {
      const where = issue.instancePath.replace(/^\//, '').replace(/\//g, '.')
      const context = (error as { validationContext?: string }).validationContext
      return { path: [context === 'body' ? '' : context, where].filter(Boolean).join('.') || '(root)', message: issue.message ?? 'is invalid' }
    })
    return new AppError('validation_failed', 'The request does not match the expected shape.', { fields })
  }
  const database = translateDatabaseError(error)
  if (database) return database
  const fastifyError = error as Partial<FastifyError>
  switch (fastifyError.code) {
    case 'FST_ERR_CTP_INVALID_JSON_BODY':
    case 'FST_ERR_CTP_EMPTY_JSON_BODY':
      return new AppError('bad_request', 'The body is not valid JSON.')
    case 'FST_ERR_CTP_BODY_TOO_LARGE':
      return new AppError('payload_too_large', 'The body is larger than this endpoint accepts.')
    case 'FST_ERR_CTP_INVALID_MEDIA_TYPE':
    case 'FST_ERR_CTP_INVALID_CONTENT_LENGTH':
      return new AppError('unsupported_media_type', 'This content type is not accepted here.')
  }
  if (error instanceof SyntaxError && fastifyError.statusCode === 400) return new AppError('bad_request', 'The body is not valid JSON.')
  if (typeof fastifyError.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return new AppError(fastifyError.statusCode === 413 ? 'payload_too_large' : fastifyError.statusCode === 415 ? 'unsupported_media_type' : 'bad_request', fastifyError.message ?? 'Bad request')
  }
  return undefined
}

export function registerProblemHandler(app: FastifyInstance): void {
  app.setErrorHandler((error, request, reply) => {
    const known = toAppError(error)
    if (known) {
      request.log.info({ code: known.code, status: known.status }, known.message)
      return sendProblem(request, reply, known)
    }
    request.log.error({ err: error }, 'unhandled error')
    return sendProblem(request, reply, new AppError('internal', `Something went wrong on our side. Quote reference ${request.id} when reporting it.`))
  })
  app.setNotFoundHandler((request, reply) => sendProblem(request, reply, new AppError('not_found', `No route ${request.method} ${request.url.split('?')[0]}.`)))
}
