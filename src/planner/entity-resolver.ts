/**
 * Finds the names of regions, reps, customers, products, categories and the stored values of brands,
 * channels, payment methods, segments, states, cities and statuses in a question's words.
 *
 * `createEntityResolver(db)` loads every name once into an in-memory index (entity-index.ts: exact and
 * stemmed names, aliases, first names, a word index for partial names and a trigram index whose candidates are
 * confirmed by edit distance) and reloads it when it is older than `refreshMs`. Measured on the demo data
 * (2,000+ customers, 320 products): building the index takes a few milliseconds and a question is matched in
 * well under a millisecond, against one database round trip per question (and the embedded database's single
 * connection) for pg_trgm's similarity() — see the planner's README for the numbers.
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
  /** Reload the names when the index is older than this (default 60 s). */
  readonly refreshMs?: number
  /** Milliseconds clock for the refresh schedule (default Date.now). */
  readonly now?: () => number
  /** Told when a reload fails; the previous index keeps serving (without one, the call fails). */
  readonly onRefreshError?: (error: unknown) => void
}

/** Reads the catalog of names the resolver matches: small tables whole, and the distinct order attributes. */
export async function loadEntityCatalog(db: Kysely<Database>): Promise<EntityCatalog> {
  const [regions, reps, customers, products, categories, orderValues] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('sales_reps').select(['id', 'name']).orderBy('id').execute(),
    db.selectFrom('customers').select(['id', 'name', 'city', 'state', 'segment']).orderBy('id').execute(),
    db.selectFrom('products').select(['id', 'name', 'brand']).orderBy('id').execute(),
    db.selectFrom('categories').select(['id', 'name']).orderBy('id').execute(),
    // One pass over orders for both attributes (there is no index to skip-scan them).
    sql<{ channels: string[] | null; payment_methods: string[] | null }>`
      select array_agg(distinct channel order by channel) as channels, array_agg(distinct payment_method order by payment_method) as payment_methods from orders`.execute(db),
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
    channels: distinct(row?.channels ?? []),
    paymentMethods: distinct(row?.payment_methods ?? []),
    statuses: [...orderStatuses],
  }
}

export function createEntityResolver(db: Kysely<Database>, options: EntityResolverOptions = {}): EntityResolver & { refresh(): Promise<void> } {
  const refreshMs = options.refreshMs ?? 60_000
  const now = options.now ?? Date.now
  let index: EntityIndex | undefined
  let loadedAt = 0
  let loading: Promise<EntityIndex> | undefined

  const load = (): Promise<EntityIndex> => {
    // Concurrent questions share one reload.
    loading ??= loadEntityCatalog(db)
      .then((catalog) => {
        index = createEntityIndex(catalog)
        loadedAt = now()
        return index
      })
      .finally(() => {
        loading = undefined
      })
    return loading
  }

  const current = async (): Promise<EntityIndex> => {
    if (index && now() - loadedAt < refreshMs) return index
    if (!index) return load()
    try {
      return await load()
    } catch (error) {
      // A failed reload must not take questions down while the last good names are at hand.
      options.onRefreshError?.(error)
      loadedAt = now()
      return index
    }
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
