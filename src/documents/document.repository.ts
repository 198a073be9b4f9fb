/**
 * Rows of documents and document_chunks (migration 013) and their mapping to the contract's types. Every function
 * takes the db handle first, so the store composes them inside one transaction.
 */
import type { Kysely, Selectable, Transaction } from 'kysely'
import type { Database, DocumentsTable } from '../db/schema.js'
import type { SqlPrincipalRole } from '../sql-guard/sql-principal.js'
import type { DocumentChunk, DocumentFormat, DocumentVisibility, NewDocument, StoredDocument } from './document-contract.js'

type Db = Kysely<Database> | Transaction<Database>
type DocumentRow = Selectable<DocumentsTable>

/** A chunk and its vector in pgvector's text form; the vector is computed before the transaction opens. */
export interface ChunkToStore {
  readonly chunk: DocumentChunk
  readonly embedding: string
}

/** Rows per insert statement: well below PostgreSQL's 65,535 bound parameters (6 per row). */
const insertBatchRows = 1000

export function toStoredDocument(row: DocumentRow): StoredDocument {
  return {
    id: row.id,
    source: row.source,
    title: row.title,
    fileName: row.file_name,
    // The table's check constraint admits only documentFormats.
    format: row.format as DocumentFormat,
    uploadedBy: row.uploaded_by,
    visibility: { roles: row.visible_roles as SqlPrincipalRole[], regionIds: row.visible_region_ids },
    contentHash: row.content_hash,
    pageCount: row.page_count,
    chunkCount: row.chunk_count,
    version: row.version,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  }
}

export async function listDocuments(db: Db): Promise<StoredDocument[]> {
  const rows = await db.selectFrom('documents').selectAll().orderBy('title').orderBy('id').execute()
  return rows.map(toStoredDocument)
}

export async function findDocumentById(db: Db, id: number): Promise<StoredDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('id', '=', id).executeTakeFirst()
  return row ? toStoredDocument(row) : undefined
}

export async function findDocumentBySource(db: Db, source: string, options: { forUpdate?: boolean } = {}): Promise<StoredDocument | undefined> {
  const query = db.selectFrom('documents').selectAll().where('source', '=', source)
  const row = await (options.forUpdate ? query.forUpdate() : query).executeTakeFirst()
  return row ? toStoredDocument(row) : undefined
}

/** The oldest document with this content, under any source. */
export async function findDocumentByContentHash(db: Db, contentHash: string): Promise<StoredDocument | undefined> {
  const row = await db.selectFrom('documents').selectAll().where('content_hash', '=', contentHash).orderBy('id').limit(1).executeTakeFirst()
  return row ? toStoredDocument(row) : undefined
}

export async function listChunks(db: Db, documentId: number): Promise<(DocumentChunk & { readonly id: number })[]> {
  const rows = await db
    .selectFrom('document_chunks')
    .select(['id', 'ordinal', 'text', 'section', 'page'])
    .where('document_id', '=', documentId)
    .orderBy('ordinal')
    .execute()
  return rows.map((row) => ({
    id: row.id,
    ordinal: row.ordinal,
    text: row.text,
    ...(row.section !== null ? { section: row.section } : {}),
    ...(row.page !== null ? { page: row.page } : {}),
  }))
}

/**
 * Inserts the document unless its source exists; undefined when another transaction holds that source (the caller
 * then locks and replaces it). ON CONFLICT waits for a concurrent insert of the same source to commit or roll back.
 */
export async function insertDocumentUnlessSourceExists(db: Db, document: NewDocument, chunkCount: number, now: Date): Promise<StoredDocument | undefined> {
  const row = await db
    .insertInto('documents')
    .values({ ...documentColumns(document, chunkCount), created_at: now, updated_at: now })
    .onConflict((oc) => oc.column('source').doNothing())
    .returningAll()
    .executeTakeFirst()
  return row ? toStoredDocument(row) : undefined
}

/** New content for an existing document: its metadata, the next version; the chunks are replaced separately. */
export async function updateDocumentContent(db: Db, id: number, document: NewDocument, chunkCount: number, now: Date): Promise<StoredDocument> {
  const row = await db
    .updateTable('documents')
    .set((eb) => ({ ...documentColumns(document, chunkCount), version: eb('version', '+', 1), updated_at: now }))
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirstOrThrow()
  return toStoredDocument(row)
}

export async function replaceChunks(db: Db, documentId: number, chunks: readonly ChunkToStore[]): Promise<void> {
  await db.deleteFrom('document_chunks').where('document_id', '=', documentId).execute()
  for (let start = 0; start < chunks.length; start += insertBatchRows) {
    const rows = chunks.slice(start, start + insertBatchRows).map(({ chunk, embedding }) => ({
      document_id: documentId,
      ordinal: chunk.ordinal,
      text: chunk.text,
      section: chunk.section ?? null,
      page: chunk.page ?? null,
      embedding,
    }))
    await db.insertInto('document_chunks').values(rows).execute()
  }
}

/** Title and visibility only: the content, its hash, version and chunks stay as they are. */
export async function updateDocumentMetadata(db: Db, id: number, changes: { title?: string; visibility?: DocumentVisibility }, now: Date): Promise<StoredDocument | undefined> {
  const row = await db
    .updateTable('documents')
    .set({
      ...(changes.title !== undefined ? { title: changes.title } : {}),
      ...(changes.visibility ? { visible_roles: [...changes.visibility.roles], visible_region_ids: [...changes.visibility.regionIds] } : {}),
      updated_at: now,
    })
    .where('id', '=', id)
    .returningAll()
    .executeTakeFirst()
  return row ? toStoredDocument(row) : undefined
}

/** Deletes the document; its chunks go with it (on delete cascade). */
export async function deleteDocument(db: Db, id: number): Promise<boolean> {
  const deleted = await db.deleteFrom('documents').where('id', '=', id).returning('id').executeTakeFirst()
  return deleted !== undefined
}

function documentColumns(document: NewDocument, chunkCount: number) {
  return {
    source: document.source,
    title: document.title,
    file_name: document.fileName,
    format: document.format,
    uploaded_by: document.uploadedBy,
    visible_roles: [...document.visibility.roles],
    visible_region_ids: [...document.visibility.regionIds],
    content_hash: document.contentHash,
    page_count: document.pageCount,
    chunk_count: chunkCount,
  }
}
