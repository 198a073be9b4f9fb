/**
 * File → everything the store needs except who uploaded it: format, title, page count, chunks and the content hash
 * that recognises the same content under another file name. Nothing here writes anywhere.
 */
import { createHash } from 'node:crypto'
import { type ChunkOptions, chunkDocument } from './chunk-document.js'
import type { DocumentChunk, DocumentFormat } from './document-contract.js'
import { emptyDocument } from './document-errors.js'
import { type ExtractInput, extractDocument } from './extract/index.js'
import { titleFromFileName } from './extract/title-from-file-name.js'

export interface PreparedDocument {
  readonly format: DocumentFormat
  /** The document's own title, else the file name without its extension ("price-list_2025.pdf" → "price list 2025"). */
  readonly title: string
  readonly pageCount: number
  readonly chunks: readonly DocumentChunk[]
  /** sha256 (hex) of the chunk texts joined with a blank line. */
  readonly contentHash: string
}

export async function prepareDocument(input: ExtractInput, options?: ChunkOptions): Promise<PreparedDocument> {
  const document = await extractDocument(input)
  const chunks = chunkDocument(document, options)
  if (chunks.length === 0) throw emptyDocument(input.fileName)
  return {
    format: document.format,
    title: document.title ?? titleFromFileName(input.fileName),
    pageCount: document.pageCount,
    chunks,
    contentHash: createHash('sha256').update(chunks.map((chunk) => chunk.text).join('\n\n'), 'utf8').digest('hex'),
  }
}
