import { describe, expect, it } from 'vitest'
import { detectDocumentFormat } from '../../../src/documents/detect-format.js'
import { buildDocx, buildPdf, buildXlsx, paragraphsPage, utf8 } from './document-fixtures.js'

const detect = (fileName: string, bytes: Uint8Array, contentType?: string) =>
  detectDocumentFormat({ fileName, bytes, ...(contentType && { contentType }) })

describe('detecting a document format', () => {
  it('accepts each supported extension whose bytes agree', async () => {
    expect(detect('a.md', utf8('# Hi'))).toBe('markdown')
    expect(detect('a.markdown', utf8('# Hi'))).toBe('markdown')
    expect(detect('a.TXT', utf8('Hi'))).toBe('text')
    expect(detect('a.htm', utf8('<p>Hi</p>'))).toBe('html')
    expect(detect('a.csv', utf8('a,b\n1,2'))).toBe('csv')
    expect(detect('a.tsv', utf8('a\tb\n1\t2'))).toBe('csv')
    expect(detect('a.pdf', await buildPdf([paragraphsPage('Hi')]))).toBe('pdf')
    expect(detect('a.docx', await buildDocx([{ text: 'Hi' }]))).toBe('docx')
    expect(detect('a.xlsx', await buildXlsx([{ name: 'S', rows: [['a'], ['b']] }]))).toBe('xlsx')
  })

  it('recognises a file without an extension from its bytes, then from the content type', async () => {
    expect(detect('upload', await buildPdf([paragraphsPage('Hi')]))).toBe('pdf')
    expect(detect('upload', await buildDocx([{ text: 'Hi' }]))).toBe('docx')
    expect(detect('upload', utf8('<!DOCTYPE html><html><body>Hi</body></html>'))).toBe('html')
    expect(detect('upload', utf8('a,b\n1,2'), 'text/csv; charset=utf-8')).toBe('csv')
    expect(detect('upload', utf8('Just text'))).toBe('text')
  })

  it('refuses a file without an extension whose bytes are no supported format', () => {
    expect(() => detect('upload', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]))).toThrowError(
      expect.objectContaining({ code: 'unsupported_media_type', message: expect.stringContaining('"upload" is not a supported document') }),
    )
  })

  it('does not take a text file that mentions %PDF- for a PDF', () => {
    expect(detect('notes.txt', utf8('A PDF starts with %PDF-1.7, as this note explains.'))).toBe('text')
  })

  it('names what a renamed file really is', async () => {
    expect(() => detect('prices.xlsx', new Uint8Array(Buffer.from('PK\x03\x04')).slice(0, 4))).toThrowError(/prices\.xlsx.*damaged/)
    const docx = await buildDocx([{ text: 'Hi' }])
    expect(() => detect('prices.xlsx', docx)).toThrowError('"prices.xlsx" is not an XLSX file: its content looks like a Word (DOCX) document.')
    expect(() => detect('notes.md', docx)).toThrowError(/notes\.md.*a Word \(DOCX\) document/)
  })

  it('refuses text that is not UTF-8, saying how to fix it', () => {
    const windows1252 = new Uint8Array([0x50, 0x72, 0x65, 0xe7, 0x6f, 0x20, 0x80, 0x31, 0x30])
    expect(() => detect('prices.csv', windows1252)).toThrowError(/"prices\.csv" is not UTF-8 text\. Save it with UTF-8/)
  })

  it('refuses binary data given a text extension', () => {
    expect(() => detect('notes.txt', new Uint8Array([0x4d, 0x5a, 0x90, 0x00, 0x03, 0x00, 0x00, 0x00]))).toThrowError(/looks like binary data/)
  })

  it('says an encrypted Office file is password-protected', () => {
    const encrypted = Buffer.concat([Buffer.from([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1]), Buffer.alloc(100), Buffer.from('EncryptedPackage', 'utf16le')])
    expect(() => detect('budget.xlsx', new Uint8Array(encrypted))).toThrowError(/budget\.xlsx" is password-protected/)
  })
})
