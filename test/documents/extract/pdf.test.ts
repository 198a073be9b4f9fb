import { describe, expect, it } from 'vitest'
import { extractDocument } from '../../../src/documents/extract/index.js'
import { buildPdf, paragraphsPage } from './document-fixtures.js'

const extractPdf = async (bytes: Uint8Array) => extractDocument({ fileName: 'policy.pdf', bytes })

describe('extracting PDF', () => {
  it('reads every page, keeps the page of each paragraph and the real page count', async () => {
    const pdf = await buildPdf([paragraphsPage('Page one text.'), paragraphsPage('Page two text.'), paragraphsPage('Page three text.')])
    const doc = await extractPdf(pdf)
    expect(doc.format).toBe('pdf')
    expect(doc.pageCount).toBe(3)
    expect(doc.blocks.map((b) => [b.text, b.page])).toEqual([
      ['Page one text.', 1],
      ['Page two text.', 2],
      ['Page three text.', 3],
    ])
  })

  it('joins wrapped lines into one paragraph and splits paragraphs on blank space', async () => {
    const pdf = await buildPdf([
      [
        { text: 'Enterprise customers receive a volume discount of up to' },
        { text: 'fifteen percent when the order is above the quarterly' },
        { text: 'target, approved by the regional manager.' },
        { text: 'Second paragraph.', gapBefore: 14 },
      ],
    ])
    const doc = await extractPdf(pdf)
    expect(doc.blocks.map((b) => b.text)).toEqual([
      'Enterprise customers receive a volume discount of up to fifteen percent when the order is above the quarterly target, approved by the regional manager.',
      'Second paragraph.',
    ])
  })

  it('joins a word hyphenated across a line break', async () => {
    const doc = await extractPdf(await buildPdf([[{ text: 'Every order must be dis-' }, { text: 'counted within limits.' }]]))
    expect(doc.blocks.map((b) => b.text)).toEqual(['Every order must be discounted within limits.'])
  })

  it('reads larger short lines as headings, ranked by size, across pages', async () => {
    const pdf = await buildPdf([
      [{ text: 'Discounts', size: 20 }, { text: 'Enterprise', size: 15, gapBefore: 10 }, { text: 'Up to 15% with approval.', gapBefore: 6 }],
      [{ text: 'Still about enterprise deals.' }, { text: 'Payment', size: 20, gapBefore: 14 }, { text: 'Net 30 days.', gapBefore: 6 }],
    ])
    const doc = await extractPdf(pdf)
    expect(doc.blocks.filter((b) => b.kind !== 'heading').map((b) => [b.text, b.headingPath, b.page])).toEqual([
      ['Up to 15% with approval.', ['Discounts', 'Enterprise'], 1],
      ['Still about enterprise deals.', ['Discounts', 'Enterprise'], 2],
      ['Net 30 days.', ['Payment'], 2],
    ])
  })

  it('takes the title from the document information when it is set', async () => {
    const withTitle = await extractPdf(await buildPdf([paragraphsPage('Text.')], { title: 'Price Policy 2025' }))
    const withoutTitle = await extractPdf(await buildPdf([paragraphsPage('Text.')]))
    expect(withTitle.title).toBe('Price Policy 2025')
    expect(withoutTitle.title).toBeUndefined()
  })

  it('does not detach or change the caller’s bytes', async () => {
    const pdf = await buildPdf([paragraphsPage('Text.')])
    const copy = pdf.slice()
    await extractPdf(pdf)
    expect(pdf).toEqual(copy)
  })
})
