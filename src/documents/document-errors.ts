/**
 * The ways a document upload can fail, as AppErrors with user-safe messages that name the file. A library's own
 * exception never reaches the user: it is kept as `cause` for the logs.
 */
import { AppError } from '../errors/app-error.js'
import { cleanLine } from './clean-text.js'

export const supportedFormatNames = ['Markdown', 'plain text', 'HTML', 'PDF', 'DOCX', 'CSV', 'XLSX'] as const

/** Why a readable-looking file was refused; stable values for logs, tests and metrics. */
export type DocumentProblem =
  | 'format_mismatch'
  | 'not_utf8'
  | 'corrupt'
  | 'password_protected'
  | 'empty'
  | 'no_text_layer'
  | 'decompression_bomb'
  | 'too_large'

/** A user-supplied file name as it may appear in a message: no folders, no hidden characters, not endless. */
export function displayFileName(fileName: string): string {
  const base = cleanLine(fileName.split(/[\\/]/).pop() ?? '')
  const name = base === '' ? 'the file' : base
  return name.length > 120 ? `${name.slice(0, 117)}...` : name
}

/** Old binary Office formats get a hint on how to convert them, since that is what the user must do next. */
const conversionHints: Readonly<Record<string, string>> = {
  doc: ' Save it as DOCX or PDF and upload that.',
  xls: ' Save it as XLSX or CSV and upload that.',
  ppt: ' Save it as PDF and upload that.',
  pptx: ' Save it as PDF and upload that.',
  rtf: ' Save it as DOCX or PDF and upload that.',
  odt: ' Save it as DOCX or PDF and upload that.',
  ods: ' Save it as XLSX or CSV and upload that.',
}

export function unsupportedDocumentFormat(fileName: string, extension: string | undefined): AppError {
  const name = displayFileName(fileName)
  const hint = (extension && conversionHints[extension]) ?? ''
  return new AppError(
    'unsupported_media_type',
    `"${name}" is not a supported document. Supported formats: ${supportedFormatNames.join(', ')}.${hint}`,
    { reason: 'unsupported_format', fileName: name, supportedFormats: [...supportedFormatNames] },
  )
}

export function unprocessableDocument(fileName: string, problem: DocumentProblem, reason: string, cause?: unknown): AppError {
  const name = displayFileName(fileName)
  return new AppError('unprocessable', `"${name}" ${reason}`, { reason: problem, fileName: name }, cause === undefined ? undefined : { cause })
}

export const formatMismatch = (fileName: string, expected: string, actual: string) =>
  unprocessableDocument(
    fileName,
    'format_mismatch',
    `is not ${/^(HTML|XLSX)$/.test(expected) ? 'an' : 'a'} ${expected} file: its content looks like ${actual}. Upload the original file, or rename it with the right extension.`,
  )

export const notUtf8Text = (fileName: string) =>
  unprocessableDocument(fileName, 'not_utf8', 'is not UTF-8 text. Save it with UTF-8 encoding and upload it again.')

export const corruptDocument = (fileName: string, formatName: string, cause?: unknown) =>
  unprocessableDocument(fileName, 'corrupt', `could not be read: it is damaged or not a valid ${formatName} file.`, cause)

export const passwordProtectedDocument = (fileName: string, cause?: unknown) =>
  unprocessableDocument(fileName, 'password_protected', 'is password-protected. Remove the password and upload it again.', cause)

export const emptyDocument = (fileName: string) => unprocessableDocument(fileName, 'empty', 'has no text to index: it is empty.')

export const pdfWithoutTextLayer = (fileName: string) =>
  unprocessableDocument(
    fileName,
    'no_text_layer',
    'has no text layer: it looks like a scanned image. OCR is not supported; upload a PDF with selectable text.',
  )

export const decompressionBomb = (fileName: string, detail: string) =>
  unprocessableDocument(fileName, 'decompression_bomb', `was refused: ${detail}, which looks like a decompression bomb.`)

export const documentTooLarge = (fileName: string, detail: string) =>
  unprocessableDocument(fileName, 'too_large', `is too large to index: ${detail}. Split it into smaller documents.`)
