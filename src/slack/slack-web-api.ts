/** The slice of Slack's Web API client the listeners use (Bolt hands each listener a client with the bot token). */
import type { webApi } from '@slack/bolt'

export type SlackWebApi = Pick<webApi.WebClient, 'chat' | 'files' | 'views' | 'users'>
