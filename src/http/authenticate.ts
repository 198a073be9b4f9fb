/** API-key authentication (Authorization: Bearer … or X-API-Key) and role checks for /api routes. */
import type { FastifyReply, FastifyRequest } from 'fastify'
import type { Kysely } from 'kysely'
import type { Database, Role } from '../db/schema.js'
import type { Actor } from '../domain/audit/audit.repository.js'
import { findPrincipalByKey, type Principal } from '../domain/api-keys/api-key.service.js'
import { AppError } from '../errors/app-error.js'

declare module 'fastify' {
  interface FastifyRequest {
    principal?: Principal
  }
}

function presentedKey(request: FastifyRequest): string | undefined {
  const header = request.headers.authorization
  if (header) {
    const match = /^Bearer\s+(\S+)$/i.exec(header)
    return match?.[1] ?? ''
  }
  const apiKey = request.headers['x-api-key']
  return typeof apiKey === 'string' ? apiKey : undefined
}

export function createAuthenticator(db: Kysely<Database>) {
  return async function authenticate(request: FastifyRequest, _reply: FastifyReply): Promise<void> {
    const key = presentedKey(request)
    if (key === undefined) throw new AppError('unauthorized', 'Send an API key as "Authorization: Bearer <key>". Create one with `salesmatrix apikey create --role admin`.')
    const principal = await findPrincipalByKey(db, key)
    if (!principal) throw new AppError('unauthorized', 'The API key is not valid or has been revoked.')
    request.principal = principal
  }
}

/** A preHandler that lets only the given roles through. */
export function requireRole(roles: readonly Role[]) {
  return async function checkRole(request: FastifyRequest): Promise<void> {
    const principal = principalOf(request)
    if (!roles.includes(principal.role)) throw new AppError('forbidden', `This needs one of these roles: ${roles.join(', ')}; your key has role ${principal.role}.`)
  }
}

export function principalOf(request: FastifyRequest): Principal {
  if (!request.principal) throw new AppError('unauthorized', 'Authentication required.')
  return request.principal
}

export function actorOf(request: FastifyRequest): Actor {
  const principal = principalOf(request)
  return { keyId: principal.keyId, name: `${principal.role}:${principal.name}`, requestId: request.id }
}
