/**
 * A page of our own served as static files (the web chat, the admin page): read once when the routes are registered,
 * sent with a same-origin Content-Security-Policy — no inline script or style, nothing from elsewhere, not framable.
 * The pages have no authentication of their own: they ask for an API key and call the /api routes, which check it.
 */
import { readFileSync } from 'node:fs'
import type { FastifyInstance } from 'fastify'

const contentSecurityPolicy = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  // data: for chart images in replies; blob: for downloads the page makes itself.
  "img-src 'self' data: blob:",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ')

const types = { html: 'text/html; charset=utf-8', css: 'text/css; charset=utf-8', js: 'text/javascript; charset=utf-8' } as const

export interface StaticAsset {
  readonly url: string
  readonly file: string
}

export function registerStaticPage(app: FastifyInstance, directory: URL, assets: readonly StaticAsset[]): void {
  for (const asset of assets) {
    const body = readFileSync(new URL(asset.file, directory), 'utf8')
    const type = types[asset.file.split('.').pop() as keyof typeof types]
    app.get(asset.url, { schema: { hide: true } }, async (_request, reply) =>
      reply
        .type(type)
        .header('cache-control', 'no-cache')
        .header('x-content-type-options', 'nosniff')
        .header('referrer-policy', 'no-referrer')
        .header('content-security-policy', contentSecurityPolicy)
        .send(body),
    )
  }
}
