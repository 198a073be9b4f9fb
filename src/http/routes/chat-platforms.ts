/**
 * Chat platform adapters (Slack, Teams) mount themselves on the shared server: each is a Fastify plugin that owns its
 * routes (and, inside its own encapsulated scope, whatever body parsing its signature checks need).
 */
import type { FastifyInstance } from 'fastify'

export type ChatPlatformMount = (app: FastifyInstance) => Promise<void>
