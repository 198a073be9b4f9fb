/**
 * Turns the bytes of a CSV into text: UTF-8 (with or without a BOM), UTF-16 with a BOM (Excel's "Unicode text"),
 * and otherwise Windows-1252, the encoding of most CSVs saved by Excel in Brazil. Binary data is refused.
 */
import { AppError } from '../errors/app-error.js'

export interface DecodedText {
  text: string
  encoding: 'utf-8' | 'utf-16le' | 'utf-16be' | 'windows-1252'
}

export function decodeCsvText(content: Uint8Array): DecodedText {
  const decoded = decode(content)
  const text = decoded.text.replace(/^\uFEFF/, '')
  if (looksBinary(text)) {
    throw new AppError(
      'unprocessable',
      'The file does not look like a CSV: it contains binary data. Export the spreadsheet as CSV, or upload the .xlsx file itself.',
      { reason: 'binary_content' },
    )
  }
  return { text, encoding: decoded.encoding }
}

function decode(content: Uint8Array): DecodedText {
  if (content[0] === 0xef && content[1] === 0xbb && content[2] === 0xbf) {
    return { text: new TextDecoder('utf-8').decode(content.subarray(3)), encoding: 'utf-8' }
  }
  if (content[0] === 0xff && content[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(content.subarray(2)), encoding: 'utf-16le' }
  if (content[0] === 0xfe && content[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(content.subarray(2)), encoding: 'utf-16be' }
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(content), encoding: 'utf-8' }
  } catch (error) {
    // A fatal TextDecoder throws TypeError on invalid UTF-8; anything else is a real fault.
    if (!(error instanceof TypeError)) throw error
    // Not valid UTF-8: Windows-1252 decodes every byte, so this cannot fail.
    return { text: new TextDecoder('windows-1252').decode(content), encoding: 'windows-1252' }
  }
}

/** NUL characters, or more than 1% control characters other than tab and line breaks, in the first 64 KiB. */
function looksBinary(text: string): boolean {
  const sample = text.slice(0, 65_536)
  if (sample.includes('\u0000')) return true
  let controls = 0
  for (let i = 0; i < sample.length; i++) {
    const code = sample.charCodeAt(i)
    const isControl = (code < 0x20 && code !== 0x09 && code !== 0x0a && code !== 0x0d) || (code >= 0x7f && code <= 0x9f) || code === 0xfffd
    if (isControl) controls++
  }
  return controls > Math.max(2, sample.length / 100)
}
