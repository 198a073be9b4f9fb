/** An entity resolver over a fixed catalog: for tests, demos and callers that already hold the names. */
import type { EntityCatalog } from './entity-catalog.js'
import { createEntityIndex } from './entity-index.js'
import type { EntityResolver } from './entity-resolver.js'

export function createStaticEntityResolver(catalog: EntityCatalog): EntityResolver {
  const index = createEntityIndex(catalog)
  return {
    findMentions: async (words) => index.findMentions(words),
    closestNames: async (text, options) => index.closestNames(text, options),
    exampleNames: async (kind, limit) => index.exampleNames(kind, limit),
  }
}
