/**
 * Text formats (Markdown, plain text, HTML, CSV) must be UTF-8: guessing a legacy encoding would silently garble
 * prices and names, so anything else is refused with a message saying how to save the file.
 */
import { formatMismatch, notUtf8Text } from '../document-errors.js'

export type Utf8Decoding = { readonly kind: 'text'; readonly text: string } | { readonly kind: 'binary' } | { readonly kind: 'not_utf8' }

export function decodeUtf8(bytes: Uint8Array): Utf8Decoding {
  const body = bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf ? bytes.subarray(3) : bytes
  let text: string
  try {
    text = new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(body)
  } catch (error) {
    // A fatal TextDecoder reports invalid UTF-8 as a TypeError; anything else is a real fault.
    if (!(error instanceof TypeError)) throw error
    // Read byte by byte: in a legacy encoding such as Windows-1252, bytes 0x80–0x9F are letters (€, “ ”), not controls.
    const bytewise = new TextDecoder('latin1').decode(body.subarray(0, 65_536))
    return looksBinary(bytewise, { countC1: false }) ? { kind: 'binary' } : { kind: 'not_utf8' }
  }
  return looksBinary(text, { countC1: true }) ? { kind: 'binary' } : { kind: 'text', text }
}

/** The text of a file that must be UTF-8, or the error that says what it is instead. */
export function decodeUtf8OrThrow(fileName: string, formatName: string, bytes: Uint8Array): string {
  const decoded = decodeUtf8(bytes)
  if (decoded.kind === 'text') return decoded.text
  if (decoded.kind === 'binary') throw formatMismatch(fileName, formatName, 'binary data')
  throw notUtf8Text(fileName)
}

/** A NUL, or more than 1% control characters other than tab, line breaks and form feed, in the first 64 KiB. */
function looksBinary(text: string, options: { countC1: boolean }): boolean {
  const sample = text.slice(0, 65_536)
  if (sample.includes('\u0000')) return true
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    if ((code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0c && code !== 0x0d) || (options.countC1 && code >= 0x7f && code <= 0x9f)) controls++
  }
  return controls > Math.max(2, sample.length / 100)
}
