/**
 * Finds the names of regions, reps, customers, products, categories and the stored values of brands,
 * channels, payment methods, segments, states, cities and statuses in a question's words.
 *
 * `createEntityResolver(db)` loads every name once into an in-memory index (entity-index.ts: exact and
 * stemmed names, aliases, first names, a word index for partial names and a trigram index whose candidates are
 * confirmed by edit distance) and reloads it in the background when it is older than `refreshMs`.
 * Measured on the demo data (2,000–2,500 customers, 320 products, 100k orders): loading takes 0.2–0.5 s (most of
 * it the first scan of the orders' channels and payment methods; reloads read only the latest orders), building
 * the index 55–80 ms, and matching a question 0.6–3 ms. The alternative, pg_trgm's word_similarity() over every
 * name, took ~45 ms a question on PostgreSQL and ~80 ms on PGlite, holding the embedded database's only
 * connection meanwhile, and its trigram threshold misses short swapped-letter typos ("Mraia") that the edit
 * distance catches.
 */
import type { Kysely } from 'kysely'
import { sql } from 'kysely'
import type { Database } from '../db/schema.js'
import { orderStatuses } from '../db/schema.js'
import type { DimensionId, TimeDimensionId } from '../semantic/semantic-model.js'
import type { EntityCatalog } from './entity-catalog.js'
import { createEntityIndex, type EntityIndex } from './entity-index.js'

/** Every filterable dimension: entities (ids) and attributes (stored values). */
export type EntityKind = Exclude<DimensionId, TimeDimensionId>

/** How a candidate's name met the question's words. */
export type NameMatch = 'exact' | 'alias' | 'abbreviation' | 'first_name' | 'last_name' | 'partial' | 'fuzzy'

export interface EntityCandidate {
  readonly kind: EntityKind
  /** The entity id (region, rep, customer, product, category) or the stored value (e.g. 'SP', 'online'). */
  readonly value: number | string
  /** The name to show. */
  readonly label: string
  /** 0..1: 1 is the exact name; fuzzy and partial matches score lower. */
  readonly score: number
  readonly match: NameMatch
  /** The name (normalised) that matched, e.g. "maria" for a first name. */
  readonly matchedName: string
  /**
   * The name is also an ordinary word ("para" the preposition vs the state Pará, "se" vs Sergipe): it counts only
   * when the question marks it (accent, capital letter, quotes) or says what kind of thing it is.
   */
  readonly guarded: boolean
}

export interface EntityMention {
  /** Word positions [start, end) in the words given. */
  readonly start: number
  readonly end: number
  /** Best first. */
  readonly candidates: readonly EntityCandidate[]
  /** Partial matches left out of `candidates` (a common word inside many customer names). */
  readonly moreCandidates: number
}

export interface MentionWord {
  /** Normalised (lower-case, no accents). */
  readonly text: string
  readonly raw: string
  /** False for words another part of the question already explains (a metric, a period): no mention may use them. */
  readonly free: boolean
  readonly quoted: boolean
  readonly sentenceStart: boolean
}

export interface EntityResolver {
  /** Every span of free words that names something, each with its candidates (spans may overlap; the planner picks). */
  findMentions(words: readonly MentionWord[]): Promise<readonly EntityMention[]>
  /** The names most like `text`, for "did you mean …?" suggestions. */
  closestNames(text: string, options?: { readonly kinds?: readonly EntityKind[]; readonly limit?: number }): Promise<readonly EntityCandidate[]>
  /** A few real names of a kind, for example questions. */
  exampleNames(kind: EntityKind, limit: number): Promise<readonly string[]>
}

export interface EntityResolverOptions {
  /** Reload the names (in the background, the old ones keep answering) when they are older than this (default 60 s). */
  readonly refreshMs?: number
  /** Milliseconds clock for the refresh schedule (default Date.now). */
  readonly now?: () => number
  /** Told when a background reload fails; the previous names keep serving. The first load's failure fails the call. */
  readonly onRefreshError?: (error: unknown) => void
}

/** How many of the latest orders a reload reads channels and payment methods from (the first load reads all). */
const LATEST_ORDERS_SCANNED = 50_000

/**
 * Reads the catalog of names the resolver matches: the small tables whole, and the distinct channels and payment
 * methods of the orders. Orders have no index to skip-scan those two columns, so a reload (`previous` given) only
 * reads the latest orders by id and keeps every value it knew: a new channel arrives with new orders.
 */
export async function loadEntityCatalog(db: Kysely<Database>, previous?: EntityCatalog): Promise<EntityCatalog> {
  const [regions, reps, customers, products, categories, orderValues] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('sales_reps').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('customers').select(['id', 'name', 'city', 'state', 'segment']).orderBy('id').execute(),
    db.selectFrom('products').select(['id', 'name', 'brand']).orderBy('id').execute(),
    db.selectFrom('categories').select(['id', 'name']).orderBy('id').execute(),
    // One pass for both attributes: over every order the first time, over the latest ones after that.
    previous
      ? sql<{ channels: string[] | null; payment_methods: string[] | null }>`
          select array_agg(distinct channel) as channels, array_agg(distinct payment_method) as payment_methods
            from orders where id > (select coalesce(max(id), 0) - ${LATEST_ORDERS_SCANNED} from orders)`.execute(db)
      : sql<{ channels: string[] | null; payment_methods: string[] | null }>`
          select array_agg(distinct channel) as channels, array_agg(distinct payment_method) as payment_methods from orders`.execute(db),
  ])
  const distinct = (values: ReadonlyArray<string | null>) => [...new Set(values.filter((v): v is string => v !== null && v.trim() !== ''))].sort()
  const row = orderValues.rows[0]
  return {
    regions,
    reps,
    customers: customers.map((c) => ({ id: c.id, name: c.name })),
    products: products.map((p) => ({ id: p.id, name: p.name })),
    categories,
    brands: distinct(products.map((p) => p.brand)),
    segments: distinct(customers.map((c) => c.segment)),
    states: distinct(customers.map((c) => c.state)),
    cities: distinct(customers.map((c) => c.city)),
    channels: distinct([...(previous?.channels ?? []), ...(row?.channels ?? [])]),
    paymentMethods: distinct([...(previous?.paymentMethods ?? []), ...(row?.payment_methods ?? [])]),
    statuses: [...orderStatuses],
  }
}

export function createEntityResolver(db: Kysely<Database>, options: EntityResolverOptions = {}): EntityResolver & { refresh(): Promise<void> } {
  const refreshMs = options.refreshMs ?? 60_000
  const now = options.now ?? Date.now
  let index: EntityIndex | undefined
  let catalog: EntityCatalog | undefined
  let loadedAt = 0
  let loading: Promise<EntityIndex> | undefined

  const load = (): Promise<EntityIndex> => {
    // Concurrent questions share one reload.
    loading ??= loadEntityCatalog(db, catalog)
      .then((loaded) => {
        catalog = loaded
        index = createEntityIndex(loaded)
        loadedAt = now()
        return index
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }

  const current = async (): Promise<EntityIndex> => {
    if (!index) return load()
    if (now() - loadedAt >= refreshMs && !loading) {
      // Stale: answer with the names at hand and reload behind the question. A failed reload must not take
      // questions down; it is reported and retried one interval later.
      void load().catch((error: unknown) => {
        loadedAt = now()
        options.onRefreshError?.(error)
      })
    }
    return index
  }

  return {
    async findMentions(words) {
      return (await current()).findMentions(words)
    },
    async closestNames(text, closest) {
      return (await current()).closestNames(text, closest)
    },
    async exampleNames(kind, limit) {
      return (await current()).exampleNames(kind, limit)
    },
    async refresh() {
      await load()
    },
  }
}
