/**
 * A PDF page has no paragraphs, only positioned pieces of text. This rebuilds lines (pdf.js marks line ends with
 * `hasEOL`; a jump in the baseline also ends one), then paragraphs (a vertical gap clearly larger than the line
 * spacing, or a change of font size, starts a new one), then picks out headings: short one-line paragraphs set
 * clearly larger than the body text, ranked by size. Pure functions, so the heuristics are tested without PDFs.
 */

/** The slice of pdf.js's TextItem this needs. `transform` is [a, b, c, d, x, y] with y growing upwards. */
export interface PdfTextItem {
  readonly str: string
  readonly transform: readonly number[]
  readonly width: number
  readonly height: number
  readonly hasEOL: boolean
}

export interface PdfLine {
  text: string
  /** Baseline, in points from the bottom of the page. */
  readonly y: number
  size: number
  endX: number
}

export interface PdfParagraph {
  readonly page: number
  readonly lines: readonly PdfLine[]
  /** The largest font size in the paragraph. */
  readonly size: number
}

/** A new paragraph starts when the gap between baselines exceeds this many font sizes (single spacing is ≈ 1.2). */
const paragraphGap = 1.7
/** Headings are set at least this much larger than the body text. */
const headingScale = 1.2
const maxHeadingLength = 120

export function pdfLines(items: readonly PdfTextItem[]): PdfLine[] {
  const lines: PdfLine[] = []
  let current: PdfLine | undefined
  const endLine = () => {
    if (current && current.text.trim() !== '') lines.push(current)
    current = undefined
  }
  for (const item of items) {
    const [, , c = 0, d = 0, x = 0, y = 0] = item.transform
    const size = Math.hypot(c, d) || item.height
    if (item.str !== '') {
      if (current && Math.abs(y - current.y) > Math.max(size, current.size) * 0.5) endLine()
      if (!current) {
        current = { text: item.str, y, size, endX: x + item.width }
      } else {
        // pdf.js often leaves out the space between words drawn as separate pieces; a visible gap means one.
        const gap = x - current.endX
        const spaced = gap > size * 0.15 && !/\s$/.test(current.text) && !/^\s/.test(item.str)
        current.text += (spaced ? ' ' : '') + item.str
        current.endX = x + item.width
        current.size = Math.max(current.size, size)
      }
    }
    if (item.hasEOL) endLine()
  }
  endLine()
  return lines
}

export function pdfParagraphs(page: number, lines: readonly PdfLine[]): PdfParagraph[] {
  const paragraphs: PdfParagraph[] = []
  let current: PdfLine[] = []
  const endParagraph = () => {
    if (current.length > 0) paragraphs.push({ page, lines: current, size: Math.max(...current.map((line) => line.size)) })
    current = []
  }
  for (const line of lines) {
    const previous = current[current.length - 1]
    if (previous) {
      const gap = previous.y - line.y
      const sizeChanged = Math.abs(line.size - previous.size) > Math.min(line.size, previous.size) * 0.15
      // A baseline that goes up (gap ≤ 0) is a new column or a text box elsewhere on the page.
      if (gap <= 0 || gap > Math.max(line.size, previous.size) * paragraphGap || sizeChanged) endParagraph()
    }
    current.push(line)
  }
  endParagraph()
  return paragraphs
}

/** Heading level (1 = largest) of each heading-like paragraph, keyed by the paragraph. */
export function pdfHeadingLevels(paragraphs: readonly PdfParagraph[]): Map<PdfParagraph, number> {
  const body = bodyFontSize(paragraphs)
  const headings = paragraphs.filter((paragraph) => isHeadingLike(paragraph, body))
  const sizes = [...new Set(headings.map((paragraph) => roundSize(paragraph.size)))].sort((a, b) => b - a)
  return new Map(headings.map((paragraph) => [paragraph, Math.min(6, sizes.indexOf(roundSize(paragraph.size)) + 1)]))
}

/** The font size that carries the most characters: the body text. */
function bodyFontSize(paragraphs: readonly PdfParagraph[]): number {
  const characters = new Map<number, number>()
  for (const paragraph of paragraphs) {
    for (const line of paragraph.lines) {
      const size = roundSize(line.size)
      characters.set(size, (characters.get(size) ?? 0) + line.text.length)
    }
  }
  let body = 0
  let most = -1
  for (const [size, count] of characters) {
    if (count > most) [body, most] = [size, count]
  }
  return body
}

function isHeadingLike(paragraph: PdfParagraph, bodySize: number): boolean {
  const [line, ...more] = paragraph.lines
  if (!line || more.length > 0) return false
  const text = line.text.trim()
  return text.length <= maxHeadingLength && /\p{L}/u.test(text) && paragraph.size >= bodySize * headingScale
}

const roundSize = (size: number) => Math.round(size * 2) / 2

/**
 * A paragraph's lines as running text: wrapped lines are joined with spaces (hyphenated breaks are joined by the
 * cleaner), but a line that starts with a bullet or a number keeps its own line.
 */
export function pdfParagraphText(paragraph: PdfParagraph): string {
  return paragraph.lines
    .map((line) => line.text.trim())
    .reduce((text, line) => {
      if (text === '') return line
      const startsItem = /^(?:[•◦▪‣\-–*]|\d{1,3}[.)])\s/u.test(line)
      const hyphenated = /\p{Ll}-$/u.test(text) && /^\p{Ll}/u.test(line)
      return text + (startsItem || hyphenated ? '\n' : ' ') + line
    }, '')
}
