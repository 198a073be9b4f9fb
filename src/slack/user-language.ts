/**
 * The language a Slack user reads, from their Slack locale (users.info with include_locale), cached per process.
 * Anything but Portuguese is English; a failed lookup is English too, and is tried again later.
 */
import type { Language } from '../semantic/semantic-model.js'
import type { SlackWebApi } from './slack-web-api.js'

export type UserLanguageLookup = (client: SlackWebApi, userId: string) => Promise<Language>

export function createUserLanguageLookup(options: { maxEntries?: number } = {}): UserLanguageLookup {
  const cache = new Map<string, Language>()
  const max = options.maxEntries ?? 5000
  return async (client, userId) => {
    const known = cache.get(userId)
    if (known) return known
    let language: Language = 'en'
    try {
      const info = await client.users.info({ user: userId, include_locale: true })
      language = info.user?.locale?.toLowerCase().startsWith('pt') ? 'pt' : 'en'
    } catch {
      // users.info failing (missing users:read, rate limit) only costs the user their language; not worth a retry.
      return 'en'
    }
    if (cache.size >= max) cache.delete(cache.keys().next().value!)
    cache.set(userId, language)
    return language
  }
}
