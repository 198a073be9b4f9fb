/** The web chat page at `/`: static HTML/CSS/JS, no authentication of its own (the page asks for an API key). */
import type { FastifyInstance } from 'fastify'

export function registerWebChatPage(_app: FastifyInstance): void {
  // Filled in by the web chat work.
}
