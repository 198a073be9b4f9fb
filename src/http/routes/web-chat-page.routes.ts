/**
 * The web chat page at `/`: static HTML/CSS/JS from `src/web/chat/`, no authentication of its own (the page asks
 * for an API key and sends it to `/api/chat`). The files are read once, when the routes are registered.
 */
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

const assetsDirectory = new URL('../../web/chat/', import.meta.url)

/** Same-origin only: no inline script, no third-party anything, not framable. */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const assets = [
  { url: '/', file: 'index.html', type: 'text/html; charset=utf-8' },
  { url: '/chat/chat.css', file: 'chat.css', type: 'text/css; charset=utf-8' },
  { url: '/chat/chat.js', file: 'chat.js', type: 'text/javascript; charset=utf-8' },
] as const

export function registerWebChatPage(app: FastifyInstance): void {
  for (const asset of assets) {
    const body = readFileSync(new URL(asset.file, assetsDirectory), 'utf8')
    app.get(asset.url, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(asset.type)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', contentSecurityPolicy)
        .send(body),
    )
  }
}
