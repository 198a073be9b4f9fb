import { describe, expect, it } from 'vitest'
import { extractDocument } from '../../../src/documents/extract/index.js'
import { utf8 } from './document-fixtures.js'

const extractText = (text: string) => extractDocument({ fileName: 'notes.txt', bytes: utf8(text) })

describe('extracting plain text', () => {
  it('splits paragraphs on blank lines and keeps the line breaks inside them', async () => {
    const doc = await extractText('Visit every customer monthly.\nLog each visit.\n\n\n\nQuotes expire in 15 days.')
    expect(doc.blocks).toEqual([
      { kind: 'paragraph', text: 'Visit every customer monthly.\nLog each visit.', headingPath: [] },
      { kind: 'paragraph', text: 'Quotes expire in 15 days.', headingPath: [] },
    ])
  })

  it('reads short ALL CAPS lines and numbered section lines as headings', async () => {
    const doc = await extractText('PRICE POLICY\n\n1. Discounts\n\nUp to 10%.\n\n1.1 Enterprise\n\nUp to 15%.\n\n2. Payment\n\nNet 30.')
    expect(doc.title).toBe('PRICE POLICY')
    expect(doc.blocks.filter((b) => b.kind !== 'heading').map((b) => [b.text, b.headingPath])).toEqual([
      ['Up to 10%.', ['1. Discounts']],
      ['Up to 15%.', ['1. Discounts', '1.1 Enterprise']],
      ['Net 30.', ['2. Payment']],
    ])
  })

  it('keeps uncertain lines as paragraphs: sentences, a bare year, long capitals', async () => {
    const doc = await extractText('1. Call the customer.\n\n2024 Results\n\nOK\n\n' + 'THIS IS A VERY LONG LINE IN CAPITALS THAT GOES ON AND ON, MUCH LONGER THAN ANY HEADING WOULD')
    expect(doc.blocks.every((block) => block.kind !== 'heading')).toBe(true)
  })

  it('turns bullet lines into a "- " list', async () => {
    const doc = await extractText('Included:\n• Charger\n* Bag')
    expect(doc.blocks.map((b) => [b.kind, b.text])).toEqual([
      ['paragraph', 'Included:'],
      ['list', '- Charger\n- Bag'],
    ])
  })

  it('accepts a UTF-8 byte order mark and Windows line endings', async () => {
    const doc = await extractText('\uFEFFPreço mínimo:\r\nR$ 6.400,00')
    expect(doc.blocks).toMatchObject([{ text: 'Preço mínimo:\nR$ 6.400,00' }])
  })
})
