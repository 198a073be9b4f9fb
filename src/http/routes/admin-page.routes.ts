/** The admin page at `/admin`: static HTML/CSS/JS for prompt and eval curation (the page asks for an admin API key). */
import type { FastifyInstance } from 'fastify'

export function registerAdminPage(_app: FastifyInstance): void {
  // Filled in by the prompt and eval curation work.
}
