import { describe, expect, it } from 'vitest'
import { escapeMrkdwn } from './escape-mrkdwn.js'

describe('escapeMrkdwn', () => {
  it('turn the characters Slack parses into entities, so no mention, broadcast or link survives', () => {
    expect(escapeMrkdwn('<!channel> & <@U123> <https://x.example|y>')).toBe('&lt;!channel&gt; &amp; &lt;@U123&gt; &lt;https://x.example|y&gt;')
  })

  it('defuse literal @channel, @here and @everyone, and leave ordinary @ and text alone', () => {
    expect(escapeMrkdwn('@here @Channel @everyone')).not.toMatch(/@(here|channel|everyone)/i)
    expect(escapeMrkdwn('ana@acme.com paid R$ 1.200,00 — 5% off')).toBe('ana@acme.com paid R$ 1.200,00 — 5% off')
  })
})
