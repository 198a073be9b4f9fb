/**
 * Admin management of chat access: which Slack/Teams users are directors, analysts or admins (reps map through
 * sales_reps.slack_user_id / teams_user_id), and which channels answer only about one region.
 */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { createChatIdentity, deleteChatIdentity, listChatIdentities, mappedChatRoles, type MappedChatIdentity } from '../../identity/chat-identity.repository.js'
import { deleteChannelScope, listChannelScopes, setChannelScope, type ChannelScope } from '../../identity/chat-channel-scope.repository.js'
import { actorOf, requireRole } from '../authenticate.js'
import { idParams, security } from './route-schemas.js'

const platform = z.enum(['slack', 'teams'])
const platformId = z.string().trim().min(1).max(200)
const createIdentityBody = z
  .object({
    platform,
    platform_user_id: platformId.describe('Slack user id (U…) or Teams user id'),
    role: z.enum(mappedChatRoles),
    display_name: z.string().trim().min(1).max(200),
  })
  .strict()
const scopeParams = z.object({ platform, channel_id: platformId })
const scopeBody = z.object({ region_id: z.number().int().positive() }).strict()

const presentIdentity = (i: MappedChatIdentity) => ({ id: i.id, platform: i.platform, platform_user_id: i.platformUserId, role: i.role, display_name: i.displayName, created_by: i.createdBy, created_at: i.createdAt })
const presentScope = (s: ChannelScope) => ({ platform: s.platform, channel_id: s.channelId, region: s.region, created_by: s.createdBy, created_at: s.createdAt })

export function registerChatIdentityRoutes(api: FastifyInstance, deps: { db: Kysely<Database> }): void {
  const r = api.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])
  const tags = ['chat access']
  r.get('/api/chat-identities', { schema: { tags, security, summary: 'Chat users mapped to a role (directors, analysts, admins)', querystring: z.object({ platform: platform.optional() }) }, preHandler: admins }, async (request) => ({
    data: (await listChatIdentities(deps.db, request.query.platform ? { platform: request.query.platform } : {})).map(presentIdentity),
  }))
  r.post('/api/chat-identities', { schema: { tags, security, summary: 'Map a Slack or Teams user to a role', body: createIdentityBody }, preHandler: admins }, async (request, reply) => {
    const b = request.body
    const created = await createChatIdentity(deps.db, { platform: b.platform, platformUserId: b.platform_user_id, role: b.role, displayName: b.display_name }, actorOf(request))
    return reply.code(201).send(presentIdentity(created))
  })
  r.delete('/api/chat-identities/:id', { schema: { tags, security, summary: 'Remove a chat user’s mapping (they lose access at their next message)', params: idParams }, preHandler: admins }, async (request, reply) => {
    await deleteChatIdentity(deps.db, request.params.id, actorOf(request))
    return reply.code(204).send()
  })

  r.get('/api/chat-channel-scopes', { schema: { tags, security, summary: 'Channels that answer only about one region' }, preHandler: admins }, async () => ({ data: (await listChannelScopes(deps.db)).map(presentScope) }))
  r.put('/api/chat-channel-scopes/:platform/:channel_id', { schema: { tags, security, summary: 'Make a channel answer only about one region', params: scopeParams, body: scopeBody }, preHandler: admins }, async (request) => {
    const scope = await setChannelScope(deps.db, { platform: request.params.platform, channelId: request.params.channel_id, regionId: request.body.region_id }, actorOf(request))
    return presentScope(scope)
  })
  r.delete('/api/chat-channel-scopes/:platform/:channel_id', { schema: { tags, security, summary: 'Let a channel answer about every region again', params: scopeParams }, preHandler: admins }, async (request, reply) => {
    await deleteChannelScope(deps.db, request.params.platform, request.params.channel_id, actorOf(request))
    return reply.code(204).send()
  })
}
