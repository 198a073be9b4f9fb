/** NewDocument values for store tests: chunks from paragraphs, the content hash computed as the ingestion does. */
import { createHash } from 'node:crypto'
import type { DocumentChunk, DocumentVisibility, NewDocument } from '../../../../src/documents/document-contract.js'
import { visibleToEveryone } from '../../../../src/documents/document-contract.js'

export function newDocument(
  source: string,
  paragraphs: readonly (string | { readonly text: string; readonly section?: string; readonly page?: number })[],
  options: { title?: string; visibility?: DocumentVisibility; uploadedBy?: string } = {},
): NewDocument {
  const chunks: DocumentChunk[] = paragraphs.map((p, ordinal) => (typeof p === 'string' ? { ordinal, text: p } : { ordinal, ...p }))
  return {
    source,
    title: options.title ?? source.replace(/\.[^.]+$/, ''),
    fileName: source,
    format: 'markdown',
    uploadedBy: options.uploadedBy ?? 'test',
    visibility: options.visibility ?? visibleToEveryone,
    contentHash: createHash('sha256').update(chunks.map((c) => c.text).join('\n\n')).digest('hex'),
    pageCount: 1,
    chunks,
  }
}
