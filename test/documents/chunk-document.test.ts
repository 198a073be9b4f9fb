import { describe, expect, it } from 'vitest'
import { chunkDocument } from '../../src/documents/chunk-document.js'
import type { ExtractedBlock, ExtractedDocument } from '../../src/documents/document-contract.js'

const documentOf = (blocks: ExtractedBlock[], format: ExtractedDocument['format'] = 'markdown'): ExtractedDocument => ({ format, blocks, pageCount: 1 })
const paragraph = (text: string, headingPath: string[] = [], page?: number): ExtractedBlock => ({ kind: 'paragraph', text, headingPath, ...(page && { page }) })
const heading = (text: string, level: number, headingPath: string[] = []): ExtractedBlock => ({ kind: 'heading', text, level, headingPath })

/** `count` distinct numbered sentences of about 100 characters each. */
const sentences = (count: number, topic = 'discount') =>
  Array.from({ length: count }, (_, i) => `Sentence ${i + 1} explains the ${topic} rule for enterprise accounts in the southeast region today.`)

/** The text the next chunk repeats from the end of the previous one ('' when none). */
function overlapBetween(previous: string, next: string): string {
  for (let start = 0; start < previous.length; start++) {
    const suffix = previous.slice(start)
    if (/^\S/.test(suffix) && (start === 0 || /\s/.test(previous[start - 1]!)) && next.startsWith(suffix)) return suffix
  }
  return ''
}

describe('chunking a document', () => {
  it('gives each chunk its section as the heading path joined with " › ", and only the document’s words as text', () => {
    const chunks = chunkDocument(
      documentOf([
        heading('Discounts', 1),
        heading('Enterprise', 2, ['Discounts']),
        paragraph('Up to 15% with approval.', ['Discounts', 'Enterprise']),
        paragraph('Volume above 100 units.', ['Discounts', 'Enterprise']),
      ]),
    )
    expect(chunks).toEqual([{ ordinal: 0, text: 'Up to 15% with approval.\n\nVolume above 100 units.', section: 'Discounts › Enterprise' }])
  })

  it('never mixes two sections in one chunk, however small they are', () => {
    const chunks = chunkDocument(
      documentOf([
        paragraph('Before any heading.'),
        heading('Discounts', 1),
        paragraph('Up to 15%.', ['Discounts']),
        heading('Payment', 1),
        paragraph('Net 30.', ['Payment']),
      ]),
    )
    expect(chunks.map((c) => [c.ordinal, c.section, c.text])).toEqual([
      [0, undefined, 'Before any heading.'],
      [1, 'Discounts', 'Up to 15%.'],
      [2, 'Payment', 'Net 30.'],
    ])
  })

  it('groups consecutive paragraphs of a section up to about the target size', () => {
    const blocks = sentences(30).map((text) => paragraph(text, ['Rules']))
    const chunks = chunkDocument(documentOf(blocks))
    expect(chunks.length).toBeGreaterThanOrEqual(3)
    for (const chunk of chunks) expect(chunk.text.length).toBeLessThanOrEqual(900 + 300)
    expect(chunks.every((c) => c.section === 'Rules')).toBe(true)
  })

  it('splits a 5,000-character paragraph on sentence boundaries into overlapping chunks under the maximum', () => {
    const long = sentences(55).join(' ')
    expect(long.length).toBeGreaterThan(5_000)
    const chunks = chunkDocument(documentOf([paragraph(long, ['Rules'])]))
    expect(chunks.length).toBeGreaterThanOrEqual(5)
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1_400)
      expect(chunk.text).toMatch(/^Sentence \d+ .*\.$/s)
    }
    for (let i = 1; i < chunks.length; i++) {
      const overlap = overlapBetween(chunks[i - 1]!.text, chunks[i]!.text)
      // About 150 characters, made of whole sentences.
      expect(overlap.length).toBeGreaterThanOrEqual(100)
      expect(overlap.length).toBeLessThanOrEqual(300)
      expect(overlap).toMatch(/^Sentence \d+ .*today\.$/)
    }
    const joined = chunks.map((c) => c.text).join(' ')
    for (const sentence of sentences(55)) expect(joined).toContain(sentence)
  })

  it('overlaps only within a section: the first chunk of a new section starts with its own text', () => {
    const chunks = chunkDocument(
      documentOf([
        ...sentences(12, 'discount').map((text) => paragraph(text, ['Discounts'])),
        ...sentences(12, 'payment').map((text) => paragraph(text, ['Payment'])),
      ]),
    )
    const discounts = chunks.filter((c) => c.section === 'Discounts')
    const payments = chunks.filter((c) => c.section === 'Payment')
    expect(discounts.length).toBeGreaterThanOrEqual(2)
    expect(overlapBetween(discounts[0]!.text, discounts[1]!.text)).toMatch(/^Sentence \d+ explains the discount rule/)
    expect(payments[0]!.text.startsWith('Sentence 1 explains the payment rule')).toBe(true)
    expect(payments.some((c) => c.text.includes('discount'))).toBe(false)
  })

  it('cuts at page boundaries and gives each PDF chunk the page it starts on', () => {
    const chunks = chunkDocument(
      documentOf([paragraph('Page one.', ['Terms'], 1), paragraph('Page one again.', ['Terms'], 1), paragraph('Page two.', ['Terms'], 2), paragraph('Page three.', ['Terms'], 3)], 'pdf'),
    )
    expect(chunks.map((c) => [c.page, c.text])).toEqual([
      [1, 'Page one.\n\nPage one again.'],
      [2, 'Page two.'],
      [3, 'Page three.'],
    ])
  })

  it('groups spreadsheet rows several per chunk under their sheet, one row per line, without repeating rows', () => {
    const rows: ExtractedBlock[] = Array.from({ length: 40 }, (_, i) => ({
      kind: 'row',
      text: `Product: Item ${i + 1}; List price: ${(i + 1) * 100}.00; Floor price: ${(i + 1) * 80}.00`,
      headingPath: ['Prices'],
      sheet: 'Prices',
    }))
    const chunks = chunkDocument(documentOf(rows, 'xlsx'))
    expect(chunks.length).toBeGreaterThan(1)
    expect(chunks.every((c) => c.section === 'Prices')).toBe(true)
    const lines = chunks.flatMap((c) => c.text.split('\n'))
    expect(lines).toEqual(rows.map((r) => r.text))
  })

  it('splits a long table between rows, never inside one', () => {
    const table = Array.from({ length: 60 }, (_, i) => `Item ${i + 1} | ${(i + 1) * 10}.00 | in stock`).join('\n')
    const chunks = chunkDocument(documentOf([{ kind: 'table', text: table, headingPath: ['Prices'] }]))
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1_400)
      for (const line of chunk.text.split('\n')) expect(line).toMatch(/^Item \d+ \| \d+\.00 \| in stock$/)
    }
  })

  it('cuts a run of text without punctuation between words', () => {
    const words = Array.from({ length: 800 }, (_, i) => `word${i}`).join(' ')
    const chunks = chunkDocument(documentOf([paragraph(words)]))
    expect(chunks.length).toBeGreaterThan(1)
    for (const chunk of chunks) {
      expect(chunk.text.length).toBeLessThanOrEqual(1_400)
      expect(chunk.text).toMatch(/^word\d+( word\d+)*$/)
    }
  })

  it('honours custom sizes and refuses impossible ones', () => {
    const chunks = chunkDocument(documentOf(sentences(10).map((t) => paragraph(t))), { targetChars: 250, maxChars: 300, overlapChars: 0 })
    expect(chunks.every((c) => c.text.length <= 300)).toBe(true)
    expect(chunks.map((c) => c.text).join('\n\n')).toBe(sentences(10).join('\n\n'))
    expect(() => chunkDocument(documentOf([]), { targetChars: 500, maxChars: 400 })).toThrow(RangeError)
  })

  it('makes no chunks from headings alone', () => {
    expect(chunkDocument(documentOf([heading('Only a title', 1)]))).toEqual([])
  })
})
