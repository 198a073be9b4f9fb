/**
 * Decides a document's format from its file name AND its bytes. The extension says what the sender meant; the bytes
 * must agree, so a renamed file is refused with a message saying what it really is instead of failing deep in a parser.
 * The content type is only a hint, used when the name has no extension.
 */
import type { DocumentFormat } from './document-contract.js'
import { corruptDocument, emptyDocument, formatMismatch, notUtf8Text, passwordProtectedDocument, unsupportedDocumentFormat } from './document-errors.js'
import { decodeUtf8 } from './extract/decode-utf8-text.js'
import { type ZipEntry, ZipFormatError, readZipDirectory, startsLikeZip } from './extract/zip-directory.js'

export interface DetectFormatInput {
  readonly fileName: string
  readonly bytes: Uint8Array
  readonly contentType?: string
}

/** How a format is named to users. */
export const formatLabels: Readonly<Record<DocumentFormat, string>> = {
  markdown: 'Markdown',
  text: 'plain text',
  html: 'HTML',
  pdf: 'PDF',
  docx: 'DOCX',
  csv: 'CSV',
  xlsx: 'XLSX',
}

const formatByExtension: Readonly<Record<string, DocumentFormat>> = {
  md: 'markdown', markdown: 'markdown', mdown: 'markdown', mkd: 'markdown',
  txt: 'text', text: 'text',
  html: 'html', htm: 'html', xhtml: 'html',
  pdf: 'pdf',
  docx: 'docx',
  csv: 'csv', tsv: 'csv',
  xlsx: 'xlsx', xlsm: 'xlsx',
}

const formatByContentType: Readonly<Record<string, DocumentFormat>> = {
  'text/markdown': 'markdown', 'text/x-markdown': 'markdown',
  'text/html': 'html', 'application/xhtml+xml': 'html',
  'text/csv': 'csv', 'application/csv': 'csv', 'text/tab-separated-values': 'csv',
  'text/plain': 'text',
}

/** What the bytes are, whatever the name says. */
type Content =
  | { readonly kind: 'pdf' | 'docx' | 'xlsx' | 'html' | 'text' | 'binary' | 'not_utf8' | 'zip' | 'old_office' | 'encrypted_office' }
  | { readonly kind: 'damaged_zip'; readonly error: ZipFormatError }

const contentDescriptions: Readonly<Record<Content['kind'], string>> = {
  pdf: 'a PDF',
  docx: 'a Word (DOCX) document',
  xlsx: 'an Excel (XLSX) workbook',
  html: 'HTML',
  text: 'plain text',
  binary: 'binary data',
  not_utf8: 'text in an encoding other than UTF-8',
  zip: 'a ZIP archive',
  damaged_zip: 'a damaged ZIP archive',
  old_office: 'an old Office 97-2003 file',
  encrypted_office: 'a password-protected Office file',
}

export function detectDocumentFormat(input: DetectFormatInput): DocumentFormat {
  const extension = fileExtension(input.fileName)
  const claimed = extension === undefined ? undefined : formatByExtension[extension]
  if (extension !== undefined && claimed === undefined) throw unsupportedDocumentFormat(input.fileName, extension)
  if (input.bytes.byteLength === 0) throw emptyDocument(input.fileName)

  if (claimed === 'pdf' && hasPdfSignature(input.bytes, 1024)) return 'pdf'
  const content = sniffContent(input.bytes)
  if (claimed === undefined) return formatOfUnnamedContent(input, content)
  assertContentMatches(input.fileName, claimed, content)
  return claimed
}

/** The lower-cased extension, or undefined for a name without one (`README`, `.env` counts as no extension). */
function fileExtension(fileName: string): string | undefined {
  const base = fileName.trim().split(/[\\/]/).pop() ?? ''
  const match = /.\.([^.]+)$/.exec(base)
  return match?.[1]?.toLowerCase()
}

function sniffContent(bytes: Uint8Array): Content {
  if (hasPdfSignature(bytes, 0)) return { kind: 'pdf' }
  if (startsLikeZip(bytes)) return sniffZip(bytes)
  if (isOleContainer(bytes)) return { kind: containsUtf16(bytes, 'EncryptedPackage') ? 'encrypted_office' : 'old_office' }
  const decoded = decodeUtf8(bytes)
  if (decoded.kind !== 'text') return { kind: decoded.kind }
  return { kind: looksLikeHtml(decoded.text) ? 'html' : 'text' }
}

/**
 * `%PDF-` at the start, or, for a file named .pdf, within its first KiB: readers tolerate a little junk before it.
 * A text file that merely mentions `%PDF-` is not taken for a PDF.
 */
function hasPdfSignature(bytes: Uint8Array, slack: number): boolean {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, slack + 5))
  return slack === 0 ? head.startsWith('%PDF-') : head.includes('%PDF-')
}

function sniffZip(bytes: Uint8Array): Content {
  let entries: ZipEntry[]
  try {
    entries = readZipDirectory(bytes)
  } catch (error) {
    if (error instanceof ZipFormatError) return { kind: 'damaged_zip', error }
    throw error
  }
  const names = new Set(entries.map((entry) => entry.name))
  if (names.has('word/document.xml')) return { kind: 'docx' }
  if (names.has('xl/workbook.xml')) return { kind: 'xlsx' }
  return { kind: 'zip' }
}

/** OLE2 compound files: old .doc/.xls, and also DOCX/XLSX once Office encrypts them with a password. */
function isOleContainer(bytes: Uint8Array): boolean {
  const magic = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]
  return magic.every((byte, i) => bytes[i] === byte)
}

/** An encrypted OOXML file is an OLE container with a stream named "EncryptedPackage" (names are UTF-16LE). */
function containsUtf16(bytes: Uint8Array, text: string): boolean {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).includes(Buffer.from(text, 'utf16le'))
}

function looksLikeHtml(text: string): boolean {
  const head = text.slice(0, 1024).trimStart().toLowerCase()
  return /^(<!doctype html|<html[\s>]|<head[\s>]|<body[\s>])/.test(head) || /^<\?xml[^>]*>\s*<!doctype html/.test(head)
}

function formatOfUnnamedContent(input: DetectFormatInput, content: Content): DocumentFormat {
  switch (content.kind) {
    case 'pdf':
    case 'docx':
    case 'xlsx':
    case 'html':
      return content.kind
    case 'text': {
      const type = input.contentType?.split(';')[0]?.trim().toLowerCase()
      return (type && formatByContentType[type]) || 'text'
    }
    case 'not_utf8':
      throw notUtf8Text(input.fileName)
    case 'encrypted_office':
      throw passwordProtectedDocument(input.fileName)
    default:
      throw unsupportedDocumentFormat(input.fileName, undefined)
  }
}

function assertContentMatches(fileName: string, claimed: DocumentFormat, content: Content): void {
  const expected = formatLabels[claimed]
  switch (claimed) {
    case 'pdf':
      if (content.kind !== 'pdf') throw formatMismatch(fileName, expected, contentDescriptions[content.kind])
      return
    case 'docx':
    case 'xlsx':
      if (content.kind === claimed) return
      if (content.kind === 'encrypted_office') throw passwordProtectedDocument(fileName)
      if (content.kind === 'damaged_zip') throw corruptDocument(fileName, expected, content.error)
      throw formatMismatch(fileName, expected, contentDescriptions[content.kind])
    default:
      if (content.kind === 'text' || content.kind === 'html') return
      if (content.kind === 'not_utf8') throw notUtf8Text(fileName)
      throw formatMismatch(fileName, expected, contentDescriptions[content.kind])
  }
}
