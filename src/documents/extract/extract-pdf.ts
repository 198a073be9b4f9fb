/**
 * PDF: the text layer of every page, read with pdf.js (loaded on first use, so importing this module costs nothing).
 * Paragraphs carry their page; headings come from font sizes; the title from the document information, when set.
 * A PDF with pages but no text is a scan: refused, since OCR is not supported.
 */
import { corruptDocument, documentTooLarge, passwordProtectedDocument, pdfWithoutTextLayer } from '../document-errors.js'
import { createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'
import { extractLimits } from './extract-limits.js'
import { type PdfParagraph, type PdfTextItem, pdfHeadingLevels, pdfLines, pdfParagraphText, pdfParagraphs } from './pdf-text-layout.js'

/** The slice of pdf.js this module uses. */
interface PdfJs {
  getDocument(parameters: {
    data: Uint8Array
    isEvalSupported: boolean
    useSystemFonts: boolean
    disableFontFace: boolean
    verbosity: number
  }): PdfLoadingTask
}
interface PdfLoadingTask {
  readonly promise: Promise<PdfDocument>
  destroy(): Promise<void>
}
interface PdfDocument {
  readonly numPages: number
  getPage(pageNumber: number): Promise<PdfPage>
  getMetadata(): Promise<{ info: object }>
}
interface PdfPage {
  getTextContent(): Promise<{ items: readonly (PdfTextItem | { type: string })[] }>
  cleanup(): boolean
}

let pdfJs: Promise<PdfJs> | undefined
const loadPdfJs = (): Promise<PdfJs> => (pdfJs ??= import('pdfjs-dist/legacy/build/pdf.mjs'))

export async function extractPdf(fileName: string, bytes: Uint8Array): Promise<ExtractedContent> {
  const { getDocument } = await loadPdfJs()
  // pdf.js takes ownership of (detaches) the buffer it is given: hand it a copy, never the caller's bytes.
  const task = getDocument({ data: new Uint8Array(bytes), isEvalSupported: false, useSystemFonts: false, disableFontFace: true, verbosity: 0 })
  try {
    const pdf = await task.promise
    if (pdf.numPages > extractLimits.maxPdfPages) {
      throw documentTooLarge(fileName, `it has ${pdf.numPages} pages (at most ${extractLimits.maxPdfPages} are accepted)`)
    }
    const paragraphs = await readParagraphs(pdf)
    const collector = createBlockCollector(fileName)
    const headingLevels = pdfHeadingLevels(paragraphs)
    for (const paragraph of paragraphs) {
      const level = headingLevels.get(paragraph)
      if (level !== undefined) collector.heading(level, pdfParagraphText(paragraph), { page: paragraph.page })
      else collector.add('paragraph', pdfParagraphText(paragraph), { page: paragraph.page, joinHyphenatedLines: true })
    }
    if (!collector.blocks.some((block) => block.kind !== 'heading')) throw pdfWithoutTextLayer(fileName)
    const title = await documentTitle(pdf)
    return { ...(title && { title }), blocks: collector.blocks, pageCount: pdf.numPages }
  } catch (error) {
    throw asDocumentError(fileName, error)
  } finally {
    await task.destroy()
  }
}

async function readParagraphs(pdf: PdfDocument): Promise<PdfParagraph[]> {
  const paragraphs: PdfParagraph[] = []
  for (let pageNumber = 1; pageNumber <= pdf.numPages; pageNumber++) {
    const page = await pdf.getPage(pageNumber)
    const { items } = await page.getTextContent()
    paragraphs.push(...pdfParagraphs(pageNumber, pdfLines(items.filter((item): item is PdfTextItem => 'str' in item))))
    page.cleanup()
  }
  return paragraphs
}

async function documentTitle(pdf: PdfDocument): Promise<string | undefined> {
  const { info } = await pdf.getMetadata()
  const title = 'Title' in info && typeof info.Title === 'string' ? info.Title.trim() : ''
  return title === '' ? undefined : title
}

/** pdf.js reports problems as exceptions named after their kind; only those names are stable across versions. */
function asDocumentError(fileName: string, error: unknown): unknown {
  if (!(error instanceof Error) || error.name === 'AppError') return error
  if (error.name === 'PasswordException') return passwordProtectedDocument(fileName, error)
  return corruptDocument(fileName, 'PDF', error)
}
