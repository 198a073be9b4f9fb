/**
 * Document files built in code for the extraction tests (no binary fixtures in the repository): PDFs with pdf-lib,
 * DOCX with docx, XLSX with exceljs, and a few hand-made broken or hostile files.
 */
import { Document, HeadingLevel, Packer, Paragraph, TextRun } from 'docx'
import ExcelJS from 'exceljs'
import { PDFDocument, StandardFonts, rgb } from 'pdf-lib'
import { replaceZipEntries } from '../../../src/documents/extract/replace-zip-entries.js'
import { readZipDirectory } from '../../../src/documents/extract/zip-directory.js'

export const utf8 = (text: string) => new TextEncoder().encode(text)

export interface PdfLine {
  readonly text: string
  /** Font size in points (default 11). */
  readonly size?: number
  /** Extra space above the line, in points (default: none, i.e. the next line of the same paragraph). */
  readonly gapBefore?: number
}

/** A PDF whose pages hold the given lines, top to bottom, in Helvetica; a gap of 20pt or more starts a paragraph. */
export async function buildPdf(pages: readonly (readonly PdfLine[])[], options: { title?: string } = {}): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  if (options.title) pdf.setTitle(options.title)
  const font = await pdf.embedFont(StandardFonts.Helvetica)
  for (const lines of pages) {
    const page = pdf.addPage([595, 842])
    let y = 790
    for (const line of lines) {
      const size = line.size ?? 11
      y -= (line.gapBefore ?? 0) + size * 1.25
      page.drawText(line.text, { x: 50, y, size, font })
    }
  }
  return pdf.save()
}

/** A page of one paragraph per string, each separated by a blank line's worth of space. */
export const paragraphsPage = (...paragraphs: string[]): PdfLine[] => paragraphs.map((text) => ({ text, gapBefore: 14 }))

/** A "scan": pages with only drawn shapes, no text layer. */
export async function buildScannedPdf(): Promise<Uint8Array> {
  const pdf = await PDFDocument.create()
  const page = pdf.addPage([595, 842])
  page.drawRectangle({ x: 50, y: 50, width: 400, height: 600, color: rgb(0.8, 0.8, 0.8) })
  return pdf.save()
}

/**
 * A PDF encrypted with the standard security handler and a user password. pdf-lib cannot encrypt, so the file is
 * written by hand: pdf.js checks the empty password against /U and /O first, and these values match no password.
 */
export function buildPasswordProtectedPdf(): Uint8Array {
  const hex = (length: number, seed: number) => Array.from({ length }, (_, i) => ((i * 37 + seed) % 256).toString(16).padStart(2, '0')).join('')
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] >>',
    `<< /Filter /Standard /V 1 /R 2 /O <${hex(32, 11)}> /U <${hex(32, 97)}> /P -44 >>`,
  ]
  let body = '%PDF-1.4\n'
  const offsets: number[] = []
  objects.forEach((object, i) => {
    offsets.push(body.length)
    body += `${i + 1} 0 obj\n${object}\nendobj\n`
  })
  const xref = body.length
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`
  body += offsets.map((offset) => `${String(offset).padStart(10, '0')} 00000 n \n`).join('')
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Encrypt 4 0 R /ID [<${hex(16, 5)}> <${hex(16, 5)}>] >>\nstartxref\n${xref}\n%%EOF\n`
  return utf8(body)
}

export type DocxParagraph = { heading: 1 | 2 | 3; text: string } | { text: string; hidden?: string }

const headingLevels = { 1: HeadingLevel.HEADING_1, 2: HeadingLevel.HEADING_2, 3: HeadingLevel.HEADING_3 } as const

/** A DOCX of headings and paragraphs; `hidden` appends a run formatted as Word's hidden text. */
export async function buildDocx(paragraphs: readonly DocxParagraph[], options: { title?: string } = {}): Promise<Uint8Array> {
  const doc = new Document({
    ...(options.title && { title: options.title }),
    sections: [
      {
        children: paragraphs.map((paragraph) =>
          'heading' in paragraph
            ? new Paragraph({ text: paragraph.text, heading: headingLevels[paragraph.heading] })
            : new Paragraph({
                children: [new TextRun(paragraph.text), ...(paragraph.hidden ? [new TextRun({ text: paragraph.hidden, vanish: true })] : [])],
              }),
        ),
      },
    ],
  })
  return new Uint8Array(await Packer.toBuffer(doc))
}

/** An XLSX workbook; each sheet is its rows (the first is the header). */
export async function buildXlsx(
  sheets: readonly { name: string; rows: readonly (readonly ExcelJS.CellValue[])[]; state?: 'visible' | 'hidden' | 'veryHidden'; numFmt?: Record<number, string> }[],
  options: { title?: string } = {},
): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook()
  if (options.title) workbook.title = options.title
  for (const sheet of sheets) {
    const worksheet = workbook.addWorksheet(sheet.name, { state: sheet.state ?? 'visible' })
    for (const row of sheet.rows) worksheet.addRow([...row])
    for (const [column, format] of Object.entries(sheet.numFmt ?? {})) worksheet.getColumn(Number(column)).numFmt = format
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer())
}

/** `archive` with one entry's contents replaced by `contents` (deflated), e.g. a part full of zeros. */
export function withZipEntry(archive: Uint8Array, name: string, contents: Uint8Array): Uint8Array {
  return replaceZipEntries(archive, readZipDirectory(archive), new Map([[name, contents]]))
}

/** `archive` with the uncompressed size its central directory declares for `name` overwritten: a lying archive. */
export function withDeclaredSize(archive: Uint8Array, name: string, size: number): Uint8Array {
  const copy = Buffer.from(archive)
  for (let offset = copy.indexOf('PK\x01\x02'); offset >= 0; offset = copy.indexOf('PK\x01\x02', offset + 4)) {
    const nameLength = copy.readUInt16LE(offset + 28)
    if (copy.toString('latin1', offset + 46, offset + 46 + nameLength) === name) {
      copy.writeUInt32LE(size, offset + 24)
      return new Uint8Array(copy)
    }
  }
  throw new Error(`${name} is not in the archive`)
}

/** Deflated zeros compress about a thousand times: the classic bomb payload. */
export const zeros = (bytes: number) => new Uint8Array(bytes)
