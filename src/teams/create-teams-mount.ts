/**
 * Microsoft Teams on the shared server: `POST /api/messages`, the Bot Framework messaging endpoint. Creating the mount
 * fails (TeamsAuthenticationRequiredError) without an app id and password unless local development was asked for.
 */
import type { FastifyInstance } from 'fastify'
import { z } from 'zod'
import type { Config } from '../config/config.js'
import { AppError } from '../errors/app-error.js'
import type { ChatPlatformMount } from '../http/routes/chat-platforms.js'
import { botRequestOf, recordBotResponse } from './bot-http-exchange.js'
import { createTeamsAdapter } from './create-teams-adapter.js'
import { createTeamsBot, type TeamsBotDeps } from './teams-bot.js'
import { createTeamsTurnErrorHandler } from './teams-turn-error.js'

/** The bot's dependencies, plus the Teams settings the adapter authenticates with. */
export interface TeamsMountDeps extends TeamsBotDeps {
  readonly config: Pick<Config, 'teams'>
}

export const teamsMessagesPath = '/api/messages'

/** botbuilder throws (a 500) on a body without a type; the shared problem handler answers 400 instead. */
const activityShape = z.looseObject({ type: z.string().min(1) })

export function createTeamsMount(deps: TeamsMountDeps): ChatPlatformMount {
  const adapter = createTeamsAdapter({ teams: deps.config.teams, logger: deps.logger })
  adapter.onTurnError = createTeamsTurnErrorHandler(deps.logger)
  const bot = createTeamsBot({
    agent: deps.agent,
    identities: deps.identities,
    db: deps.db,
    logger: deps.logger,
    ...(deps.typingEveryMs !== undefined ? { typingEveryMs: deps.typingEveryMs } : {}),
    ...(deps.card ? { card: deps.card } : {}),
    ...(deps.documents ? { documents: deps.documents } : {}),
    ...(deps.maxDocumentBytes !== undefined ? { maxDocumentBytes: deps.maxDocumentBytes } : {}),
  })
  return async (app: FastifyInstance) => {
    app.post(teamsMessagesPath, { schema: { hide: true } }, async (request, reply) => {
      if (!activityShape.safeParse(request.body).success) throw new AppError('bad_request', 'The body is not a Bot Framework activity: it needs a "type".')
      const response = recordBotResponse(request)
      // The turn runs inside the request (typing, then the answer); the connector gets its 200 when it is done.
      await adapter.process(botRequestOf(request), response, (context) => bot.run(context))
      return response.sendWith(reply)
    })
  }
}
