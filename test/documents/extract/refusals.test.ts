import { describe, expect, it } from 'vitest'
import { extractDocument } from '../../../src/documents/extract/index.js'
import { type AppError, isAppError } from '../../../src/errors/app-error.js'
import { buildDocx, buildPasswordProtectedPdf, buildPdf, buildScannedPdf, buildXlsx, paragraphsPage, utf8, withDeclaredSize, withZipEntry, zeros } from './document-fixtures.js'

async function refusal(fileName: string, bytes: Uint8Array): Promise<AppError> {
  const error: unknown = await extractDocument({ fileName, bytes }).then(
    () => undefined,
    (e: unknown) => e,
  )
  if (!isAppError(error)) throw new Error(`expected an AppError for ${fileName}, got ${String(error)}`)
  return error
}

describe('refusing documents that cannot be indexed', () => {
  it('refuses an unknown extension as an unsupported format, listing the supported ones', async () => {
    const error = await refusal('setup.exe', new Uint8Array([0x4d, 0x5a, 0x90, 0x00]))
    expect(error.code).toBe('unsupported_media_type')
    expect(error.status).toBe(415)
    expect(error.message).toBe('"setup.exe" is not a supported document. Supported formats: Markdown, plain text, HTML, PDF, DOCX, CSV, XLSX.')
  })

  it('suggests converting an old Word file', async () => {
    const error = await refusal('contract.doc', utf8('whatever'))
    expect(error.code).toBe('unsupported_media_type')
    expect(error.message).toMatch(/Save it as DOCX or PDF/)
  })

  it('refuses an empty file', async () => {
    const error = await refusal('notes.md', new Uint8Array())
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'empty', fileName: 'notes.md' } })
    expect(error.message).toContain('"notes.md"')
  })

  it('refuses a file whose only content is whitespace and hidden characters', async () => {
    const error = await refusal('notes.txt', utf8('\uFEFF  \n\u200B\u200B\n\t\n'))
    expect(error.details).toMatchObject({ reason: 'empty' })
  })

  it('refuses a .pdf that is really text, saying what it is', async () => {
    const error = await refusal('policy.pdf', utf8('Discounts: up to 15%.'))
    expect(error.code).toBe('unprocessable')
    expect(error.message).toBe('"policy.pdf" is not a PDF file: its content looks like plain text. Upload the original file, or rename it with the right extension.')
  })

  it('refuses a corrupt PDF without letting pdf.js’s exception escape', async () => {
    const error = await refusal('policy.pdf', utf8('%PDF-1.7\n1 0 obj << /Type /Catalog >>\ngarbage that is no PDF'))
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'corrupt', fileName: 'policy.pdf' } })
    expect(error.message).toBe('"policy.pdf" could not be read: it is damaged or not a valid PDF file.')
    expect(error.cause).toBeInstanceOf(Error)
  })

  it('refuses a password-protected PDF', async () => {
    const error = await refusal('salaries.pdf', buildPasswordProtectedPdf())
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'password_protected' } })
    expect(error.message).toBe('"salaries.pdf" is password-protected. Remove the password and upload it again.')
  })

  it('refuses a scanned PDF without a text layer, since OCR is not supported', async () => {
    const error = await refusal('scan.pdf', await buildScannedPdf())
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'no_text_layer' } })
    expect(error.message).toMatch(/"scan\.pdf" has no text layer.*OCR is not supported/)
  })

  it('refuses a truncated DOCX as damaged', async () => {
    const docx = await buildDocx([{ text: 'Hi' }])
    const error = await refusal('policy.docx', docx.slice(0, docx.length - 40))
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'corrupt' } })
    expect(error.message).toMatch(/"policy\.docx" could not be read/)
  })

  it('refuses an archive that declares more than 200 MB unpacked, before unpacking it', async () => {
    const xlsx = withDeclaredSize(await buildXlsx([{ name: 'S', rows: [['a'], ['b']] }]), 'xl/workbook.xml', 300 * 1024 * 1024)
    const error = await refusal('prices.xlsx', xlsx)
    expect(error).toMatchObject({ code: 'unprocessable', details: { reason: 'decompression_bomb' } })
    expect(error.message).toMatch(/"prices\.xlsx" was refused: it would unpack to 300 MB \(at most 200 MB are accepted\)/)
  })

  it('refuses an archive that unpacks to hundreds of times its size', async () => {
    const bomb = withZipEntry(await buildDocx([{ text: 'Hi' }]), 'word/document.xml', zeros(40 * 1024 * 1024))
    const error = await refusal('policy.docx', bomb)
    expect(error.details).toMatchObject({ reason: 'decompression_bomb' })
    expect(error.message).toMatch(/times its size/)
  })

  it('refuses an archive whose parts unpack to more than they declare', async () => {
    const docx = await buildDocx([{ text: 'Hi' }])
    const lying = withDeclaredSize(withZipEntry(docx, 'word/document.xml', zeros(2 * 1024 * 1024)), 'word/document.xml', 1_000)
    const error = await refusal('policy.docx', lying)
    expect(error.details).toMatchObject({ reason: 'decompression_bomb' })
    expect(error.message).toMatch(/unpacks to more than the 1000 bytes it declares/)
  })

  it('refuses a CSV with only a header row as empty', async () => {
    const error = await refusal('prices.csv', utf8('Product,Price\n'))
    expect(error.details).toMatchObject({ reason: 'empty' })
  })

  it('keeps the file name in messages short and free of folders', async () => {
    const error = await refusal(`C:\\Users\\ana\\${'x'.repeat(200)}.exe`, utf8('x'))
    expect(error.message).toMatch(/^"x{117}\.\.\." is not a supported document/)
  })

  it('accepts a PDF right after these refusals (no state left behind)', async () => {
    const doc = await extractDocument({ fileName: 'ok.pdf', bytes: await buildPdf([paragraphsPage('Fine.')]) })
    expect(doc.blocks.map((b) => b.text)).toEqual(['Fine.'])
  })
})
