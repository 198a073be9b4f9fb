/**
 * What the rest of SalesMatrix sees of sales documents (RAG): formats, extracted text, chunks, the store and its
 * hybrid search. The extractors (`extract/`), the chunker, the embedders (`embeddings/`) and the PostgreSQL store are
 * separate modules that meet here; agents, tools, HTTP, CLI, Slack and Teams depend on this file and on the factories.
 */
import type { SqlPrincipalRole } from '../sql-guard/sql-principal.js'

export const documentFormats = ['markdown', 'text', 'html', 'pdf', 'docx', 'csv', 'xlsx'] as const
export type DocumentFormat = (typeof documentFormats)[number]

/** One structural piece of a document as extracted: a heading, a paragraph, a list, a table row, a page's text. */
export interface ExtractedBlock {
  readonly kind: 'heading' | 'paragraph' | 'list' | 'table' | 'row' | 'code'
  /** Cleaned text (no hidden or zero-width characters, whitespace normalised). */
  readonly text: string
  /** The headings above this block, outermost first (for a heading block: the ones above it, not itself). */
  readonly headingPath: readonly string[]
  /** 1-based page (PDF) or sheet-relative position is not a page: only PDFs set it. */
  readonly page?: number
  /** For spreadsheets: the sheet's name; it also becomes the first element of headingPath. */
  readonly sheet?: string
  /** For headings: 1–6. */
  readonly level?: number
}

export interface ExtractedDocument {
  readonly format: DocumentFormat
  /** The document's own title (first H1, <title>, DOCX title, PDF title) when it has one. */
  readonly title?: string
  readonly blocks: readonly ExtractedBlock[]
  /** PDFs: their page count. Other formats: an estimate (characters / 3,000, at least 1) for throughput figures. */
  readonly pageCount: number
}

/** A retrievable passage: a few paragraphs under one heading path, with overlap to its neighbour. */
export interface DocumentChunk {
  /** 0-based position in the document. */
  readonly ordinal: number
  readonly text: string
  /** The heading path joined with ' › ' (e.g. "Discounts › Enterprise"), when the chunk sits under headings. */
  readonly section?: string
  /** The PDF page the chunk starts on. */
  readonly page?: number
}

/** Who may read a document: everyone (both lists empty), or only the listed roles and/or regions. */
export interface DocumentVisibility {
  /** Roles that may read it; empty = every role. Admins always may. */
  readonly roles: readonly SqlPrincipalRole[]
  /** Region ids whose people may read it; empty = every region. Only principals with a region (reps) are limited by it. */
  readonly regionIds: readonly number[]
}

export const visibleToEveryone: DocumentVisibility = Object.freeze({ roles: [], regionIds: [] })

/** The reader of a search, resolved by the caller from the verified principal (never from the question). */
export interface DocumentReader {
  readonly role: SqlPrincipalRole
  /** A rep's region (sales_reps.region_id); null for a rep whose region is unknown (sees only unrestricted documents); undefined for roles without a region. */
  readonly regionId?: number | null
}

export interface NewDocument {
  /** Stable identity of the document across versions: the file name for uploads and CLI adds, unless the caller gives one. */
  readonly source: string
  readonly title: string
  readonly fileName: string
  readonly format: DocumentFormat
  /** Who added it: an API key name, `cli:<user>`, `slack:<user id>`, `teams:<user id>`, `system:demo`. */
  readonly uploadedBy: string
  readonly visibility: DocumentVisibility
  /** sha256 (hex) of the cleaned text of all chunks, so the same content under a new file name is recognised. */
  readonly contentHash: string
  readonly pageCount: number
  readonly chunks: readonly DocumentChunk[]
}

/** A stored document: what was added (without its chunks), plus what the store keeps about it. */
export interface StoredDocument extends Omit<NewDocument, 'chunks'> {
  readonly id: number
  readonly chunkCount: number
  /** 1 for the first version; +1 each time new content replaces the chunks. */
  readonly version: number
  readonly createdAt: Date
  readonly updatedAt: Date
}

export type IngestStatus = 'created' | 'replaced' | 'unchanged'

export interface IngestResult {
  readonly status: IngestStatus
  readonly document: StoredDocument
}

/** One search hit, with what a citation needs. */
export interface DocumentPassage {
  readonly chunkId: number
  readonly documentId: number
  readonly title: string
  readonly source: string
  readonly fileName: string
  readonly section?: string
  readonly page?: number
  readonly text: string
  /** Reciprocal-rank-fusion score (higher is better). */
  readonly score: number
  /** 1-based rank in the vector list / the full-text list, when the chunk was in it. */
  readonly vectorRank?: number
  readonly textRank?: number
}

export interface SearchOptions {
  /** Passages to return (default 5, at most 20). */
  readonly limit?: number
  /** Restrict to these document ids (e.g. "in the price list"). */
  readonly documentIds?: readonly number[]
}

/** Turns texts into vectors. 'query' and 'document' may differ for models that embed them differently. */
export interface Embedder {
  /** Recorded with the vectors, e.g. 'local-hash-v1', 'openai:text-embedding-3-small', 'ollama:nomic-embed-text'. */
  readonly model: string
  readonly dimension: number
  embed(texts: readonly string[], purpose: 'document' | 'query'): Promise<number[][]>
}

export interface DocumentStore {
  /** Same content (hash) already stored → 'unchanged'; same source with new content → chunks replaced ('replaced'); else 'created'. One transaction. */
  ingest(document: NewDocument): Promise<IngestResult>
  list(): Promise<StoredDocument[]>
  get(id: number): Promise<(StoredDocument & { readonly chunks: readonly (DocumentChunk & { readonly id: number })[] }) | undefined>
  findBySource(source: string): Promise<StoredDocument | undefined>
  /** Changes who may read a document, or its title, without touching its passages; undefined when it does not exist. */
  updateMetadata(id: number, changes: { readonly title?: string; readonly visibility?: DocumentVisibility }): Promise<StoredDocument | undefined>
  /** Deletes the document and its chunks; false when it did not exist. */
  remove(id: number): Promise<boolean>
  /** Hybrid search (vectors + full text, fused by RRF), filtered by the reader's visibility inside the SQL. */
  search(query: string, reader: DocumentReader, options?: SearchOptions): Promise<DocumentPassage[]>
  /**
   * Makes the stored vectors match the configured embedder: when the recorded model or dimension differs, every chunk
   * is re-embedded (the column is retyped and the HNSW index rebuilt) instead of mixing vectors. Called at start.
   */
  ensureEmbeddings(): Promise<{ readonly reembedded: number; readonly model: string; readonly dimension: number }>
}

/** A file to add, from any surface (admin upload, `salesmatrix docs add`, a file an admin shares in Slack or Teams). */
export interface DocumentFileInput {
  readonly fileName: string
  readonly bytes: Uint8Array
  /** The sender's content type, a hint only: the format is decided from the name and the bytes. */
  readonly contentType?: string
  readonly uploadedBy: string
  /** Default: everyone. */
  readonly visibility?: DocumentVisibility
  /** Default: the file name. */
  readonly source?: string
  /** Default: the document's own title, else the file name without its extension. */
  readonly title?: string
}

/**
 * Extract → clean → chunk → embed → store, as one step: a file that cannot be read throws an AppError
 * ('unsupported_media_type' or 'unprocessable') before anything is written, and the write is one transaction.
 */
export interface DocumentIngestion {
  ingestFile(input: DocumentFileInput): Promise<IngestResult>
}
