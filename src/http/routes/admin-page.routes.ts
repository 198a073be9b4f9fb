/**
 * The admin page at `/admin`: static HTML/CSS/JS from `src/web/admin/` for prompt and eval curation. It has no
 * authentication of its own: the page asks for an admin API key and every call it makes goes through the /api
 * routes, which check the role. The files are read once, when the routes are registered.
 */
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

const assetsDirectory = new URL('../../web/admin/', import.meta.url)

/** Same-origin only: no inline script or style, no third-party anything, not framable. */
const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const assets = [
  { url: '/admin', file: 'index.html', type: 'text/html; charset=utf-8' },
  { url: '/admin/admin.css', file: 'admin.css', type: 'text/css; charset=utf-8' },
  { url: '/admin/admin.js', file: 'admin.js', type: 'text/javascript; charset=utf-8' },
] as const

export function registerAdminPage(app: FastifyInstance): void {
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
