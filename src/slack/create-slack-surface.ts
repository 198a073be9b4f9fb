/**
 * Slack as the composition root sees it: the HTTP mount when the signing secret is set, Socket Mode when the app
 * token is set (both need the bot token), nothing when Slack is not configured.
 */
import type { ChatPlatformMount } from '../http/routes/chat-platforms.js'
import { createSlackMount, type SlackSettings } from './create-slack-mount.js'
import { createSlackSocketMode, type SlackSocketMode } from './create-slack-socket-mode.js'
import type { SlackSurfaceDeps } from './register-slack-listeners.js'

export interface SlackSurface {
  /** For createHttpServer's chatPlatforms: POST /slack/events, when HTTP mode is configured. */
  readonly mounts: readonly ChatPlatformMount[]
  /** Opens the Socket Mode connection, when configured. */
  start(): Promise<void>
  stop(): Promise<void>
}

export function createSlackSurface(deps: SlackSurfaceDeps & { readonly config: { readonly slack: SlackSettings } }): SlackSurface {
  const { botToken, signingSecret, appToken } = deps.config.slack
  const mounts = botToken && signingSecret ? [createSlackMount(deps)] : []
  const socketMode: SlackSocketMode | undefined = botToken && appToken ? createSlackSocketMode(deps) : undefined
  return {
    mounts,
    async start() {
      if (!socketMode) return
      await socketMode.start()
      deps.logger.info('Slack Socket Mode connected')
    },
    async stop() {
      await socketMode?.stop()
    },
  }
}
