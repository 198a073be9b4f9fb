/**
 * The hybrid search as SQL, built and not run (the store runs it): a vector list and a full-text list (BM25, see
 * fullTextListSql), each filtered by the reader's visibility BEFORE it is ranked and cut, fused by reciprocal rank
 * fusion. Every value is a bound parameter; only constants of these files are part of the text.
 */
import { sql, type RawBuilder } from 'kysely'
import type { DocumentReader } from './document-contract.js'
import { fullTextListSql } from './full-text-list-sql.js'
import type { FullTextTerm } from './full-text-terms.js'

/** Reciprocal rank fusion's k: 60 is the value of the original paper and the usual default. */
export const rrfK = 60
/** Candidates per list before fusion: twice the largest page (20), so overlap removal still leaves a full page. */
export const candidatesPerList = 40

/**
 * Transaction-local settings for the search, in one round trip.
 * - Filtering after an HNSW scan would starve: the scan returns ef_search neighbours, and the visibility filter may drop
 *   them all. An iterative scan keeps scanning until the LIMIT is met by visible rows (relaxed order: the list is
 *   re-sorted by exact distance afterwards). ef_search is above candidatesPerList, so one round usually suffices.
 * - The planner does not count reading each vector back from TOAST (4 KB at 1024 dimensions) in a sequential scan, so
 *   up to tens of thousands of chunks it prefers computing every distance to the HNSW index, which measured 5-10 times
 *   faster at 10,000 chunks. Without sequential scans it still has the exact b-tree path when a search is limited to a
 *   few documents, and the GIN indexes for full text.
 * - A path with no alternative to a sequential scan (the documents table) then carries the "disabled" cost penalty,
 *   which would trigger JIT compilation: measured at 400-600 ms, for a query that runs in 20.
 */
export const searchSettings: RawBuilder<unknown> = sql`
  select set_config('hnsw.iterative_scan', 'relaxed_order', true),
         set_config('hnsw.ef_search', '100', true),
         set_config('enable_seqscan', 'off', true),
         set_config('jit', 'off', true)
`

/** Who reads, as the filter needs it. */
export interface SearchVisibility {
  readonly role: string
  /** True for readers with a region (reps): then only documents open to every region or to theirs. */
  readonly regionLimited: boolean
  /** Their region; null = unknown (sees only documents open to every region). */
  readonly regionId: number | null
}

/**
 * A rep is limited by region even when the caller did not resolve one (undefined counts as unknown: fail closed); any
 * other role only when it comes with a region.
 */
export function searchVisibilityOf(reader: DocumentReader): SearchVisibility {
  return { role: reader.role, regionLimited: reader.regionId !== undefined || reader.role === 'rep', regionId: reader.regionId ?? null }
}

export interface SearchQueryInput {
  /** What full text looks for (see fullTextTerms); empty = no full-text list. */
  readonly terms: readonly FullTextTerm[]
  /** The query's embedding in pgvector's text form; undefined = no vector list (e.g. a query without any word). */
  readonly vector: string | undefined
  readonly visibility: SearchVisibility
  /** Only these documents; undefined = all. */
  readonly documentIds: readonly number[] | undefined
}

export interface SearchRow {
  chunkId: number
  documentId: number
  title: string
  source: string
  fileName: string
  section: string | null
  page: number | null
  text: string
  score: number
  vectorRank: number | null
  textRank: number | null
}

/** Every fused candidate (at most 2 × candidatesPerList), best first; the caller removes overlaps and cuts the page. */
export function searchDocumentsSql(input: SearchQueryInput): RawBuilder<SearchRow> {
  const { role, regionLimited, regionId } = input.visibility
  const documentIds = input.documentIds ? [...input.documentIds] : null
  return sql<SearchRow>`
    -- The documents this reader may NOT read. Written as an exclusion, the planner estimates (rightly, usually) that
    -- most chunks pass, and keeps the HNSW and GIN indexes rather than walking a short list of document ids; and
    -- "is not true" counts a condition that is null (a rep without a region) as hidden: fail closed.
    with hidden as materialized (
      select coalesce(array_agg(d.id), '{}'::integer[]) as ids
      from documents d
      where ((d.visible_roles = '{}' or ${role}::text = any (d.visible_roles) or ${role}::text = 'admin')
        and (d.visible_region_ids = '{}' or not ${regionLimited}::boolean or ${regionId}::integer = any (d.visible_region_ids))) is not true
    ),
    vector_candidates as materialized (
      select c.id, c.embedding <=> ${input.vector ?? null}::vector as distance
      from document_chunks c
      where ${input.vector ?? null}::vector is not null
        and c.embedding is not null
        and c.document_id <> all ((select ids from hidden)::integer[])
        and (${documentIds}::integer[] is null or c.document_id = any (${documentIds}::integer[]))
      order by distance
      limit ${candidatesPerList}
    ),
    vector_list as (
      select id, row_number() over (order by distance, id) as rank from vector_candidates
    ),
    ${fullTextListSql({ terms: input.terms, documentIds, limit: candidatesPerList })},
    fused as (
      select coalesce(v.id, t.id) as id, v.rank as vector_rank, t.rank as text_rank,
             coalesce(1.0 / (${rrfK} + v.rank), 0) + coalesce(1.0 / (${rrfK} + t.rank), 0) as score
      from vector_list v
      full join text_list t on t.id = v.id
    )
    select f.id as "chunkId", c.document_id as "documentId", d.title, d.source, d.file_name as "fileName",
           c.section, c.page, c.text, f.score::float8 as score,
           f.vector_rank::integer as "vectorRank", f.text_rank::integer as "textRank"
    from fused f
    join document_chunks c on c.id = f.id
    join documents d on d.id = c.document_id
    order by f.score desc, f.vector_rank nulls last, f.text_rank nulls last, f.id
  `
}
