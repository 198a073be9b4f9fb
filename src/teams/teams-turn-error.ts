/**
 * The Teams surface's one error boundary: whatever a turn throws is logged with a reference id and answered with a
 * short apology quoting it. A typed error whose message is safe to show (not 'internal') is shown as it is.
 */
import { randomUUID } from 'node:crypto'
import type { TurnContext } from 'botbuilder'
import { isAppError } from '../errors/app-error.js'
import type { Logger } from '../logging/logger.js'
import { teamsWords } from './teams-words.js'

export function createTeamsTurnErrorHandler(logger: Logger): (context: TurnContext, error: Error) => Promise<void> {
  return async (context, error) => {
    const reference = randomUUID()
    const safe = isAppError(error) && error.code !== 'internal'
    logger[safe ? 'warn' : 'error']({ err: error, reference, surface: 'teams', conversation: context.activity.conversation?.id }, 'a Teams turn failed')
    const words = teamsWords(context.activity.locale)
    try {
      await context.sendActivity(safe ? `${error.message} (${words.reference}: ${reference})` : words.failure(reference))
    } catch (sendError) {
      // Nothing more can reach the user (the connector itself failed); the log keeps both errors.
      logger.error({ err: sendError, reference }, 'could not tell the Teams user that the turn failed')
    }
  }
}
