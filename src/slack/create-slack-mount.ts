/**
 * Slack over HTTP on the shared server: a Bolt App whose receiver is a Fastify plugin at POST /slack/events.
 * Construction does no I/O; mounting checks the bot token (auth.test) so a wrong token stops the start with a
 * message that says which variable to fix.
 */
import { App } from '@slack/bolt'
import type { ChatPlatformMount } from '../http/routes/chat-platforms.js'
import { toBoltLogger } from './bolt-logger.js'
import { createFastifySlackReceiver } from './fastify-slack-receiver.js'
import { registerSlackListeners, type SlackSurfaceDeps } from './register-slack-listeners.js'

export interface SlackSettings {
  readonly signingSecret: string | undefined
  readonly botToken: string | undefined
  readonly appToken?: string | undefined
  /** Where the Web API lives (tests point it at a local stand-in); Slack's own by default. */
  readonly apiUrl: string | undefined
}

export interface SlackMount extends ChatPlatformMount {
  /** Resolves when every Slack request received so far has been fully answered. */
  idle(): Promise<void>
}

export interface SlackMountOptions extends SlackSurfaceDeps {
  readonly config: { readonly slack: SlackSettings }
  /** Web API retries on failures and rate limits (default: the client's own policy). */
  readonly apiRetries?: number
}

export function slackClientOptions(settings: SlackSettings, apiRetries?: number) {
  return {
    ...(settings.apiUrl ? { slackApiUrl: settings.apiUrl.endsWith('/') ? settings.apiUrl : `${settings.apiUrl}/` } : {}),
    ...(apiRetries !== undefined ? { retryConfig: { retries: apiRetries } } : {}),
  }
}

export function createSlackMount(options: SlackMountOptions): SlackMount {
  const { signingSecret, botToken } = options.config.slack
  if (!signingSecret || !botToken) throw new Error('Slack over HTTP needs SLACK_SIGNING_SECRET and SLACK_BOT_TOKEN (Basic Information → Signing Secret, OAuth & Permissions → Bot User OAuth Token).')
  const receiver = createFastifySlackReceiver({
    signingSecret,
    logger: options.logger,
    clock: options.clock,
    beforeStart: async (app) => {
      try {
        await app.init()
      } catch (error) {
        throw new Error(`Slack refused SLACK_BOT_TOKEN (auth.test: ${(error as { data?: { error?: string } }).data?.error ?? (error as Error).message}); copy the Bot User OAuth Token (xoxb-…) from the app's OAuth & Permissions page.`, { cause: error })
      }
    },
  })
  const bolt = new App({
    token: botToken,
    receiver,
    deferInitialization: true,
    logger: toBoltLogger(options.logger),
    clientOptions: slackClientOptions(options.config.slack, options.apiRetries),
  })
  registerSlackListeners(bolt, options)
  return Object.assign(receiver.mount, { idle: () => receiver.idle() })
}
