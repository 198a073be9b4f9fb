/**
 * The one ingestion path every surface uses (admin upload, `salesmatrix docs add`, a file shared in Slack or Teams,
 * the demo documents): read the file into chunks first — nothing is written when that fails — then hand the whole
 * document to the store, which embeds it and writes it in one transaction.
 */
import { AppError } from '../errors/app-error.js'
import { visibleToEveryone, type DocumentIngestion, type DocumentStore } from './document-contract.js'
import { prepareDocument } from './prepare-document.js'

export interface DocumentIngestionDeps {
  readonly store: DocumentStore
  /** Largest file accepted, in bytes. */
  readonly maxBytes: number
}

export function createDocumentIngestion(deps: DocumentIngestionDeps): DocumentIngestion {
  return {
    async ingestFile(input) {
      const fileName = input.fileName.trim()
      if (!fileName || /[\\/]/.test(fileName)) throw new AppError('bad_request', 'A document needs a plain file name (no folders), e.g. "playbook.md".')
      if (input.bytes.byteLength > deps.maxBytes) {
        throw new AppError('payload_too_large', `${fileName} is ${formatMegabytes(input.bytes.byteLength)}; documents may be at most ${formatMegabytes(deps.maxBytes)}.`)
      }
      const prepared = await prepareDocument({ fileName, bytes: input.bytes, ...(input.contentType ? { contentType: input.contentType } : {}) })
      return deps.store.ingest({
        source: input.source?.trim() || fileName,
        title: input.title?.trim() || prepared.title,
        fileName,
        format: prepared.format,
        uploadedBy: input.uploadedBy,
        visibility: input.visibility ?? visibleToEveryone,
        contentHash: prepared.contentHash,
        pageCount: prepared.pageCount,
        chunks: prepared.chunks,
      })
    },
  }
}

function formatMegabytes(bytes: number): string {
  return `${(bytes / (1024 * 1024)).toFixed(1)} MB`
}
