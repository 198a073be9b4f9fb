/**
 * From fused search rows to the page of passages: a chunk whose text is wholly inside a better-ranked passage (the
 * overlap chunkers leave between neighbours, or a document stored twice under different content) adds nothing and is
 * dropped; otherwise no per-document cap, since the best answer may well be three passages of one price list.
 */
import type { DocumentPassage } from './document-contract.js'
import type { SearchRow } from './search-documents-sql.js'

export function selectPassages(rows: readonly SearchRow[], limit: number): DocumentPassage[] {
  const kept: { passage: DocumentPassage; folded: string }[] = []
  for (const row of rows) {
    if (kept.length >= limit) break
    const folded = foldForOverlap(row.text)
    if (kept.some((k) => k.folded.includes(folded))) continue
    kept.push({ passage: toPassage(row), folded })
  }
  return kept.map((k) => k.passage)
}

function toPassage(row: SearchRow): DocumentPassage {
  return {
    chunkId: row.chunkId,
    documentId: row.documentId,
    title: row.title,
    source: row.source,
    fileName: row.fileName,
    ...(row.section !== null ? { section: row.section } : {}),
    ...(row.page !== null ? { page: row.page } : {}),
    text: row.text,
    score: row.score,
    ...(row.vectorRank !== null ? { vectorRank: row.vectorRank } : {}),
    ...(row.textRank !== null ? { textRank: row.textRank } : {}),
  }
}

/** Case and spacing do not make a passage new. */
function foldForOverlap(text: string): string {
  return text.toLowerCase().replace(/\s+/g, ' ').trim()
}
