/**
 * The full-text list of the hybrid search, as SQL common table expressions built and not run: BM25 over the chunks'
 * English and Portuguese tsvectors, for the question's terms (see fullTextTerms). It is spliced into
 * searchDocumentsSql's WITH clause, after the `hidden` CTE it reads (the documents this reader may not read), and ends
 * with `text_list (id, rank)`, at most candidatesPerList chunks, best first.
 *
 * BM25: a term scores idf × tf·(k1+1) / (tf + k1·(1 − b + b·length/average length)); a chunk scores, for each group of
 * alternatives (a word, its other number, its glossary synonyms), its best term times that term's weight; the sum is
 * scaled by the share of the question's groups the chunk holds (coordination). Length is the number of distinct
 * lexemes, tf the positions of the term's lexemes (a phrase: its rarest word's).
 *
 * Document frequencies are counted among the chunks this reader may read, so a document they may not read does not
 * even shift their ranking: all of them when there are at most frequencySample, else a fixed sample of that many. A
 * term the sample shows to be common has its frequency estimated from it; any other term is rare: every chunk holding
 * it becomes a candidate, found through the GIN indexes, and its frequency is counted exactly among them. The chunks
 * holding only common terms join as the best few by ts_rank over the rarest of those terms: every step reads a bounded
 * number of rows, however common the words are.
 */
import { sql, type RawBuilder } from 'kysely'
import type { FullTextTerm } from './full-text-terms.js'

/** BM25's constants: term-frequency saturation, length normalisation (chunks are alike in length: a mild one), and
 *  the power of the coordination factor. */
export const bm25 = Object.freeze({ k1: 1.2, b: 0.5, coordination: 1 })
/** Chunks that document frequencies are counted in: all of them up to this many, else a sample of this many. */
export const frequencySample = 500
/** Sampled chunks holding a term for it to be common (about 3 in 500: 0.6% of the chunks, or more). */
export const commonInSample = 3
/** A safety bound on the candidates from rare terms (each is in few chunks by definition). */
export const rareCandidates = 1000
/** The rarest common terms whose best chunks by ts_rank join the candidates, and how many of those chunks. */
export const commonTermsRanked = 3
export const commonCandidates = 100

export interface FullTextListInput {
  readonly terms: readonly FullTextTerm[]
  /** Only these documents; null = all. */
  readonly documentIds: readonly number[] | null
  /** Chunks the list keeps. */
  readonly limit: number
}

export function fullTextListSql(input: FullTextListInput): RawBuilder<unknown> {
  const documentIds = input.documentIds ? [...input.documentIds] : null
  const texts = input.terms.map((t) => t.text)
  const groups = input.terms.map((t) => t.group)
  const weights = input.terms.map((t) => t.weight)
  const languages = input.terms.map((t) => t.language ?? '')
  // The reader may read it, and it is among the documents asked for.
  const readable = (documentId: string) => sql`${sql.ref(documentId)} <> all ((select ids from hidden)::integer[])
        and (${documentIds}::integer[] is null or ${sql.ref(documentId)} = any (${documentIds}::integer[]))`
  return sql`
    -- Each term under each configuration it needs (a stop word of one has no lexeme there), one per distinct query:
    -- the weightiest, so a synonym that is also the user's own word counts once.
    terms as materialized (
      select distinct on (q.config, q.query::text) t.ord * 2 + q.side as term, t.grp, t.weight, q.config, q.query, q.lexemes
      from unnest(${texts}::text[], ${groups}::integer[], ${weights}::float8[], ${languages}::text[]) with ordinality as t (text, grp, weight, language, ord)
      cross join lateral (
        select 0 as side, 'en' as config, phraseto_tsquery('salesmatrix_en', t.text) as query, tsvector_to_array(to_tsvector('salesmatrix_en', t.text)) as lexemes
        where t.language <> 'pt'
        union all
        select 1, 'pt', phraseto_tsquery('salesmatrix_pt', t.text), tsvector_to_array(to_tsvector('salesmatrix_pt', t.text))
        where t.language <> 'en'
      ) q
      where numnode(q.query) > 0
      order by q.config, q.query::text, t.weight desc, t.ord
    ),
    -- N: the chunks this search may return (documents.chunk_count is kept with the chunks, in one transaction).
    population as materialized (
      select greatest(coalesce(sum(d.chunk_count), 0), 1)::float8 as n from documents d where ${readable('d.id')}
    ),
    -- The chunks frequencies are counted in: those of the documents asked for (up to frequencySample of them), or
    -- the same pages every time (REPEATABLE) of a sample sized to hold about frequencySample readable chunks.
    sample as materialized (
      (select c.search_en, c.search_pt from document_chunks c
       where ${documentIds}::integer[] is not null and ${readable('c.document_id')}
       limit ${frequencySample})
      union all
      (select c.search_en, c.search_pt
       from document_chunks c tablesample system ((select least(100, 100 * ${frequencySample}::float8 / n) from population)) repeatable (0)
       where ${documentIds}::integer[] is null and ${readable('c.document_id')})
    ),
    sample_size as materialized (
      select count(*)::float8 as size, count(*) >= (select n from population) as whole from sample
    ),
    sampled as materialized (
      select t.term, count(*)::float8 as hits
      from sample s
      join terms t on case when t.config = 'en' then s.search_en @@ t.query else s.search_pt @@ t.query end
      group by t.term
    ),
    term_stats as materialized (
      select t.term, t.config, t.query, coalesce(s.hits, 0) as hits,
             not z.whole and coalesce(s.hits, 0) >= ${commonInSample} as common
      from terms t left join sampled s using (term) cross join sample_size z
    ),
    -- Candidates: every readable chunk holding a rare term (one GIN scan per configuration)...
    rare_query as materialized (
      select (select string_agg(format('(%s)', query::text), ' | ') from term_stats where not common and config = 'en')::tsquery as en,
             (select string_agg(format('(%s)', query::text), ' | ') from term_stats where not common and config = 'pt')::tsquery as pt
    ),
    rare_matches as materialized (
      select c.id from document_chunks c
      where (c.search_en @@ (select en from rare_query) or c.search_pt @@ (select pt from rare_query)) and ${readable('c.document_id')}
      limit ${rareCandidates}
    ),
    -- ... and the chunks best ranked by ts_rank (cheap, no IDF) over the rarest few common terms: a chunk holding only
    -- the commonest words would not make the page anyway.
    common_query as materialized (
      select (select string_agg(format('(%s)', query::text), ' | ') from (select query from term_stats where common and config = 'en' order by hits, term limit ${commonTermsRanked}) q)::tsquery as en,
             (select string_agg(format('(%s)', query::text), ' | ') from (select query from term_stats where common and config = 'pt' order by hits, term limit ${commonTermsRanked}) q)::tsquery as pt
    ),
    common_matches as materialized (
      select c.id from document_chunks c
      where (c.search_en @@ (select en from common_query) or c.search_pt @@ (select pt from common_query)) and ${readable('c.document_id')}
      order by greatest(coalesce(ts_rank(c.search_en, (select en from common_query)), 0), coalesce(ts_rank(c.search_pt, (select pt from common_query)), 0)) desc, c.id
      limit ${commonCandidates}
    ),
    candidates as materialized (
      select c.id, c.search_en, c.search_pt, length(c.search_en)::float8 as length_en, length(c.search_pt)::float8 as length_pt
      from document_chunks c
      where c.id in (select id from rare_matches union select id from common_matches)
    ),
    average_length as materialized (
      select avg(length_en) as en, avg(length_pt) as pt from candidates
    ),
    -- Which terms each candidate holds (a phrase: its words in order), and its length relative to the average.
    candidate_terms as materialized (
      select m.id, t.term, case when t.config = 'en' then m.length_en / a.en else m.length_pt / a.pt end as relative_length
      from candidates m cross join terms t cross join average_length a
      where case when t.config = 'en' then m.search_en @@ t.query else m.search_pt @@ t.query end
    ),
    -- idf, from a frequency that is exact when the sample was every chunk or the term is rare (all its chunks are
    -- candidates), else estimated from the sample.
    term_info as materialized (
      select t.term, t.grp, t.weight, t.lexemes, ln(1 + greatest(p.n - f.df + 0.5, 0.5) / (f.df + 0.5)) as idf
      from terms t
      join (
        select s.term,
               case when z.whole then s.hits
                    when s.common then p.n * s.hits / z.size
                    else (select count(*) from candidate_terms c where c.term = s.term) end::float8 as df
        from term_stats s cross join sample_size z cross join population p
      ) f using (term)
      cross join population p
      where f.df > 0
    ),
    term_lexemes as materialized (
      select t.term, l.lexeme, s.config from term_info t join term_stats s using (term) cross join unnest(t.lexemes) as l (lexeme)
    ),
    query_lexemes as materialized (
      select config, array_agg(distinct lexeme) as lexemes from term_lexemes group by config
    ),
    -- How often each of the question's lexemes occurs in each candidate: setweight marks them, ts_filter keeps only
    -- them, so one pass over each chunk's vector per configuration.
    lexeme_frequencies as materialized (
      select m.id, l.config, u.lexeme, cardinality(u.positions)::float8 as tf
      from candidates m
      cross join query_lexemes l
      cross join lateral unnest(ts_filter(setweight(case when l.config = 'en' then m.search_en else m.search_pt end, 'A', l.lexemes), '{a}')) as u
    ),
    term_scores as materialized (
      select c.id, t.grp,
             t.weight * t.idf * min(f.tf) * (${bm25.k1}::float8 + 1)
               / (min(f.tf) + ${bm25.k1}::float8 * (1 - ${bm25.b}::float8 + ${bm25.b}::float8 * c.relative_length)) as score
      from candidate_terms c
      join term_lexemes l on l.term = c.term
      join lexeme_frequencies f on f.id = c.id and f.config = l.config and f.lexeme = l.lexeme
      join term_info t on t.term = c.term
      group by c.id, c.term, c.relative_length, t.grp, t.weight, t.idf
    ),
    text_candidates as materialized (
      select id, sum(best) * power(count(*) / (select count(distinct grp) from terms)::float8, ${bm25.coordination}::float8) as rank_score
      from (select id, grp, max(score) as best from term_scores group by id, grp) g
      group by id
      order by rank_score desc, id
      limit ${input.limit}
    ),
    text_list as (
      select id, row_number() over (order by rank_score desc, id) as rank from text_candidates
    )`
}
