/**
 * The Bot Framework adapter for Teams. botbuilder treats an empty app id as "authentication disabled" and then accepts
 * every request unsigned, so this factory refuses to build one without an app id and password unless local development
 * (the Bot Framework Emulator) was asked for explicitly — and then says so loudly in the log.
 */
import { CloudAdapter, ConfigurationBotFrameworkAuthentication, type ConfigurationBotFrameworkAuthenticationOptions } from 'botbuilder'
import type { Config } from '../config/config.js'
import type { Logger } from '../logging/logger.js'

export type TeamsConfig = Config['teams']

/** The Teams adapter was asked to start without credentials and without the local-development flag. */
export class TeamsAuthenticationRequiredError extends Error {
  readonly code = 'teams_authentication_required'
  constructor() {
    super(
      'Teams needs TEAMS_APP_ID and TEAMS_APP_PASSWORD (the Azure Bot registration\'s app id and client secret): without an app id ' +
        'botbuilder accepts every request unauthenticated. For local development with the Bot Framework Emulator only, set ' +
        'TEAMS_ALLOW_UNAUTHENTICATED=true.',
    )
    this.name = 'TeamsAuthenticationRequiredError'
  }
}

/** The botbuilder settings for a configuration: single-tenant when a tenant is named, multi-tenant otherwise. */
export function teamsAuthenticationOptions(teams: TeamsConfig): ConfigurationBotFrameworkAuthenticationOptions {
  if (!teams.appId) return {}
  return {
    MicrosoftAppId: teams.appId,
    MicrosoftAppPassword: teams.appPassword,
    MicrosoftAppType: teams.tenantId ? 'SingleTenant' : 'MultiTenant',
    ...(teams.tenantId ? { MicrosoftAppTenantId: teams.tenantId } : {}),
  }
}

export function createTeamsAdapter(input: { teams: TeamsConfig; logger: Logger }): CloudAdapter {
  const { teams, logger } = input
  const authenticated = Boolean(teams.appId && teams.appPassword)
  if (!authenticated && !teams.allowUnauthenticated) throw new TeamsAuthenticationRequiredError()
  if (!authenticated) {
    logger.warn(
      { surface: 'teams' },
      'TEAMS_ALLOW_UNAUTHENTICATED is set and there is no TEAMS_APP_ID: /api/messages accepts UNSIGNED requests from anyone. ' +
        'Use this only with the Bot Framework Emulator on your own machine, never on a reachable server.',
    )
  }
  return new CloudAdapter(new ConfigurationBotFrameworkAuthentication(authenticated ? teamsAuthenticationOptions(teams) : {}))
}
