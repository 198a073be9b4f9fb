/** The admin page at `/admin`: static HTML/CSS/JS from `src/web/admin/` for prompt and eval curation (admin key). */
import type { FastifyInstance } from 'fastify'
import { registerStaticPage } from './static-page.js'

export function registerAdminPage(app: FastifyInstance): void {
  registerStaticPage(app, new URL('../../web/admin/', import.meta.url), [
    { url: '/admin', file: 'index.html' },
    { url: '/admin/admin.css', file: 'admin.css' },
    { url: '/admin/admin.js', file: 'admin.js' },
  ])
}
