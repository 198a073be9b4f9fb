/**
 * The extraction half of document ingestion: decides the format from the name and the bytes, refuses what cannot be
 * read safely (wrong or unsupported format, zip bombs, encrypted or empty files), and hands the file to the extractor
 * of its format. Every failure is an AppError naming the file; a library's exception only ever travels as `cause`.
 */
import { isAppError } from '../../errors/app-error.js'
import type { DocumentFormat, ExtractedDocument } from '../document-contract.js'
import { corruptDocument, emptyDocument } from '../document-errors.js'
import { detectDocumentFormat, formatLabels } from '../detect-format.js'
import { assertZipWithinLimits } from './assert-zip-within-limits.js'
import { decodeUtf8OrThrow } from './decode-utf8-text.js'
import { extractCsv } from './extract-csv.js'
import { extractDocx } from './extract-docx.js'
import { extractHtml } from './extract-html.js'
import { extractMarkdown } from './extract-markdown.js'
import { extractPdf } from './extract-pdf.js'
import { extractText } from './extract-text.js'
import { extractXlsx } from './extract-xlsx.js'
import type { ExtractedContent } from './extracted-content.js'
import { readZipDirectory } from './zip-directory.js'

export interface ExtractInput {
  readonly fileName: string
  readonly bytes: Uint8Array
  /** A hint only, used when the file name has no extension. */
  readonly contentType?: string
}

/** Characters per page for the page estimate of formats without pages. */
const charsPerPage = 3_000

export async function extractDocument(input: ExtractInput): Promise<ExtractedDocument> {
  const format = detectDocumentFormat(input)
  let content: ExtractedContent
  try {
    content = await extractContent(format, input.fileName, input.bytes)
  } catch (error) {
    if (isAppError(error)) throw error
    throw corruptDocument(input.fileName, formatLabels[format], error)
  }
  if (!content.blocks.some((block) => block.kind !== 'heading')) throw emptyDocument(input.fileName)
  const totalChars = content.blocks.reduce((sum, block) => sum + block.text.length, 0)
  return {
    format,
    ...(content.title && { title: content.title }),
    blocks: content.blocks,
    pageCount: content.pageCount ?? Math.max(1, Math.round(totalChars / charsPerPage)),
  }
}

async function extractContent(format: DocumentFormat, fileName: string, bytes: Uint8Array): Promise<ExtractedContent> {
  switch (format) {
    case 'markdown':
      return extractMarkdown(fileName, decodeUtf8OrThrow(fileName, formatLabels.markdown, bytes))
    case 'text':
      return extractText(fileName, decodeUtf8OrThrow(fileName, formatLabels.text, bytes))
    case 'html':
      return extractHtml(fileName, decodeUtf8OrThrow(fileName, formatLabels.html, bytes))
    case 'csv':
      return extractCsv(fileName, decodeUtf8OrThrow(fileName, formatLabels.csv, bytes))
    case 'pdf':
      return extractPdf(fileName, bytes)
    case 'docx': {
      // The directory was readable when the format was detected; checking sizes needs it again.
      const entries = readZipDirectory(bytes)
      await assertZipWithinLimits(fileName, formatLabels.docx, bytes, entries)
      return extractDocx(fileName, bytes, entries)
    }
    case 'xlsx': {
      const entries = readZipDirectory(bytes)
      await assertZipWithinLimits(fileName, formatLabels.xlsx, bytes, entries)
      return extractXlsx(fileName, bytes)
    }
  }
}
