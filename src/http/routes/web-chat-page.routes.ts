/** The web chat page at `/`: static HTML/CSS/JS from `src/web/chat/`; the page asks for an API key for `/api/chat`. */
import type { FastifyInstance } from 'fastify'
import { registerStaticPage } from './static-page.js'

export function registerWebChatPage(app: FastifyInstance): void {
  registerStaticPage(app, new URL('../../web/chat/', import.meta.url), [
    { url: '/', file: 'index.html' },
    { url: '/chat/chat.css', file: 'chat.css' },
    { url: '/chat/chat.js', file: 'chat.js' },
  ])
}
