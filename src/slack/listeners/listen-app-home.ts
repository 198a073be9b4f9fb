/** The App Home tab: a short help and example questions, in the user's language. */
import type { App } from '@slack/bolt'
import { escapeMrkdwn } from '../escape-mrkdwn.js'
import { exampleQuestions, slackPhrases } from '../slack-phrases.js'
import type { UserLanguageLookup } from '../user-language.js'

export function listenToAppHome(app: App, deps: { languageOf: UserLanguageLookup }): void {
  app.event('app_home_opened', async ({ event, client }) => {
    if (event.tab !== 'home') return
    const language = await deps.languageOf(client, event.user)
    const phrases = slackPhrases[language]
    await client.views.publish({
      user_id: event.user,
      view: {
        type: 'home',
        blocks: [
          { type: 'section', text: { type: 'mrkdwn', text: phrases.help } },
          { type: 'divider' },
          { type: 'section', text: { type: 'mrkdwn', text: [`*${phrases.examples}*`, ...exampleQuestions[language].map((q) => `• ${escapeMrkdwn(q)}`)].join('\n') } },
        ],
      },
    })
  })
}
