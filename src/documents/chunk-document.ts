/**
 * Cuts an extracted document into retrievable chunks along its structure. A chunk never mixes two sections (heading
 * paths) or two PDF pages, so its `section` and `page` are exact citations. Consecutive blocks of a section are grouped
 * up to about `targetChars`; a block longer than `maxChars` is split on sentence (or line) boundaries; and the next
 * chunk of the same section repeats the last sentences of the previous one (~`overlapChars`), so a fact that straddles
 * a cut is still found whole. The section is metadata: the text holds only the document's own words.
 */
import type { DocumentChunk, ExtractedBlock, ExtractedDocument } from './document-contract.js'

export interface ChunkOptions {
  /** Size chunks grow to before a new one starts (default 900 characters). */
  readonly targetChars?: number
  /** Hard ceiling on a chunk's length (default 1,400). */
  readonly maxChars?: number
  /** How much of the previous chunk of the same section the next one repeats (default ~150, whole sentences). */
  readonly overlapChars?: number
}

interface ChunkSizes {
  readonly target: number
  readonly max: number
  readonly overlap: number
}

/** A block, or a part of an over-long one, with the separator that goes before it when it follows other text. */
interface Piece {
  readonly text: string
  readonly joiner: string
  readonly isRow: boolean
}

const sectionSeparator = ' › '

export function chunkDocument(doc: ExtractedDocument, options: ChunkOptions = {}): DocumentChunk[] {
  const sizes = chunkSizes(options)
  const chunks: DocumentChunk[] = []
  for (const run of sectionRuns(doc.blocks)) {
    const section = run.headingPath.join(sectionSeparator)
    for (const text of packRun(run.blocks, sizes)) {
      chunks.push({ ordinal: chunks.length, text, ...(section !== '' && { section }), ...(run.page !== undefined && { page: run.page }) })
    }
  }
  return chunks
}

function chunkSizes(options: ChunkOptions): ChunkSizes {
  const target = options.targetChars ?? 900
  const max = options.maxChars ?? Math.max(1_400, target)
  const overlap = options.overlapChars ?? 150
  if (!(target > 0 && target <= max && overlap >= 0 && overlap * 2 < target)) {
    throw new RangeError(`Invalid chunk sizes: target ${target}, max ${max}, overlap ${overlap} (need 0 < target ≤ max and overlap < target / 2).`)
  }
  return { target, max, overlap }
}

interface SectionRun {
  readonly headingPath: readonly string[]
  readonly page: number | undefined
  readonly blocks: ExtractedBlock[]
}

/** Consecutive body blocks under the same heading path and on the same page. Headings end a run and are not text. */
function sectionRuns(blocks: readonly ExtractedBlock[]): SectionRun[] {
  const runs: SectionRun[] = []
  let current: SectionRun | undefined
  for (const block of blocks) {
    if (block.kind === 'heading') {
      current = undefined
      continue
    }
    const samePlace = current && current.page === block.page && samePath(current.headingPath, block.headingPath)
    if (!current || !samePlace) {
      current = { headingPath: block.headingPath, page: block.page, blocks: [] }
      runs.push(current)
    }
    current.blocks.push(block)
  }
  return runs
}

const samePath = (a: readonly string[], b: readonly string[]) => a.length === b.length && a.every((heading, i) => heading === b[i])

/** Greedy packing of one run's pieces into chunk texts, each new chunk opening with the overlap. */
function packRun(blocks: readonly ExtractedBlock[], sizes: ChunkSizes): string[] {
  const texts: string[] = []
  let current: { text: string; endsWithRow: boolean } | undefined
  let previousKind: ExtractedBlock['kind'] | undefined
  for (const block of blocks) {
    for (const piece of blockPieces(block, previousKind, sizes)) {
      if (!current) {
        current = { text: piece.text, endsWithRow: piece.isRow }
        continue
      }
      const joined = current.text + piece.joiner + piece.text
      // A small chunk may grow up to the ceiling rather than leave a fragment behind.
      if (joined.length <= sizes.target || (current.text.length < sizes.target / 2 && joined.length <= sizes.max)) {
        current = { text: joined, endsWithRow: piece.isRow }
        continue
      }
      texts.push(current.text)
      // Rows stand alone ("Header: value; …"); repeating one in the next chunk would only count it twice.
      const lead = current.endsWithRow || piece.isRow ? '' : overlapTail(current.text, sizes.overlap, sizes.max - piece.text.length - piece.joiner.length)
      current = { text: lead === '' ? piece.text : lead + piece.joiner + piece.text, endsWithRow: piece.isRow }
    }
    previousKind = block.kind
  }
  if (current) texts.push(current.text)
  return texts
}

/** A block as one piece, or, when longer than the ceiling, as parts of about the target size less the overlap. */
function blockPieces(block: ExtractedBlock, previousKind: ExtractedBlock['kind'] | undefined, sizes: ChunkSizes): Piece[] {
  const isRow = block.kind === 'row'
  const joiner = isRow && previousKind === 'row' ? '\n' : '\n\n'
  if (block.text.length <= sizes.max) return [{ text: block.text, joiner, isRow }]
  // Prose splits between sentences; lists, tables, code and rows between lines.
  const prose = block.kind === 'paragraph'
  const units = prose ? sentences(block.text) : block.text.split('\n')
  // Parts leave room for the overlap the next chunk opens with, so chunks end up near the target, not above it.
  const limit = sizes.target - sizes.overlap
  const parts = groupUnits(units.flatMap((unit) => (unit.length > limit ? splitOnWords(unit, limit) : [unit])), prose ? ' ' : '\n', limit)
  return parts.map((text, i) => ({ text, joiner: i === 0 ? joiner : prose ? ' ' : '\n', isRow }))
}

function groupUnits(units: readonly string[], separator: string, limit: number): string[] {
  const groups: string[] = []
  let current = ''
  for (const unit of units.map((u) => u.trim()).filter((u) => u !== '')) {
    if (current === '') current = unit
    else if (current.length + separator.length + unit.length <= limit) current += separator + unit
    else {
      groups.push(current)
      current = unit
    }
  }
  if (current !== '') groups.push(current)
  return groups
}

/** A sentence with no punctuation for pages: cut between words, or inside a word only if a word is that long. */
function splitOnWords(text: string, limit: number): string[] {
  const parts: string[] = []
  let current = ''
  for (const word of text.split(/\s+/).filter((w) => w !== '')) {
    for (let start = 0; start < word.length; start += limit) {
      const piece = word.slice(start, start + limit)
      if (current === '') current = piece
      else if (current.length + 1 + piece.length <= limit) current += ` ${piece}`
      else {
        parts.push(current)
        current = piece
      }
    }
  }
  if (current !== '') parts.push(current)
  return parts
}

// A fixed locale keeps chunking (and so the content hash) the same on every machine.
const sentenceSegmenter = new Intl.Segmenter('en', { granularity: 'sentence' })

function sentences(text: string): string[] {
  return Array.from(sentenceSegmenter.segment(text), (segment) => segment.segment)
}

/**
 * The end of a chunk to repeat at the start of the next: whole sentences (or lines) from the end until about
 * `overlap` characters, never more than twice that nor more than `room`. When the last sentence alone is too long,
 * its last words are taken instead, so neighbours still share context.
 */
function overlapTail(text: string, overlap: number, room: number): string {
  const limit = Math.min(overlap * 2, room)
  if (overlap === 0 || limit <= 0) return ''
  const segments = Array.from(sentenceSegmenter.segment(text))
  let start = text.length
  for (let i = segments.length - 1; i >= 0; i--) {
    const segment = segments[i]!
    const length = text.length - segment.index
    if (length > limit) break
    start = segment.index
    if (text.slice(start).trim().length >= overlap) break
  }
  const tail = text.slice(start).trim()
  if (tail !== '') return tail
  const words = text.slice(-Math.min(overlap, limit)).replace(/^\S*\s+/, '')
  return words.trim()
}
