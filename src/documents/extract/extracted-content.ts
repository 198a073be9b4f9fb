import type { ExtractedBlock } from '../document-contract.js'

/** What one format's extractor returns; the index adds the format and, except for PDFs, the page estimate. */
export interface ExtractedContent {
  readonly title?: string
  readonly blocks: readonly ExtractedBlock[]
  /** Only PDFs know their real page count. */
  readonly pageCount?: number
}
