/**
 * Slack over Socket Mode (SLACK_APP_TOKEN): Slack pushes events over a WebSocket the app opens, so installs without
 * a public URL work. Same listeners as HTTP; started and stopped by the composition root.
 */
import { App } from '@slack/bolt'
import { toBoltLogger } from './bolt-logger.js'
import { slackClientOptions, type SlackSettings } from './create-slack-mount.js'
import { registerSlackListeners, type SlackSurfaceDeps } from './register-slack-listeners.js'

export interface SlackSocketMode {
  start(): Promise<void>
  stop(): Promise<void>
}

export function createSlackSocketMode(options: SlackSurfaceDeps & { readonly config: { readonly slack: SlackSettings } }): SlackSocketMode {
  const { botToken, appToken } = options.config.slack
  if (!botToken || !appToken) throw new Error('Slack Socket Mode needs SLACK_APP_TOKEN (xapp-…, Basic Information → App-Level Tokens, scope connections:write) and SLACK_BOT_TOKEN.')
  const app = new App({
    token: botToken,
    appToken,
    socketMode: true,
    deferInitialization: true,
    logger: toBoltLogger(options.logger),
    clientOptions: slackClientOptions(options.config.slack),
  })
  registerSlackListeners(app, options)
  return {
    async start() {
      await app.init()
      await app.start()
    },
    async stop() {
      await app.stop()
    },
  }
}
