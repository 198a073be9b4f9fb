/**
 * What every extractor writes its blocks through: it keeps the heading path (outermost first), cleans every text the
 * same way, drops blocks that clean to nothing, and stops a document that grows past the text limit.
 */
import type { ExtractedBlock } from '../document-contract.js'
import { documentTooLarge } from '../document-errors.js'
import { type CleanTextOptions, cleanLine, cleanText } from '../clean-text.js'
import { extractLimits } from './extract-limits.js'

export type BodyBlockKind = Exclude<ExtractedBlock['kind'], 'heading'>

export interface BlockPlacement {
  readonly page?: number
  readonly sheet?: string
}

export interface BlockCollector {
  /** A heading closes every open heading of the same or a deeper level. */
  heading(level: number, text: string, placement?: BlockPlacement): void
  add(kind: BodyBlockKind, text: string, placement?: BlockPlacement & CleanTextOptions): void
  /** The text of the first heading of this level, e.g. a document's H1 as its title. */
  firstHeading(level: number): string | undefined
  readonly blocks: readonly ExtractedBlock[]
}

export function createBlockCollector(fileName: string): BlockCollector {
  const blocks: ExtractedBlock[] = []
  const open: { level: number; text: string }[] = []
  let totalChars = 0

  const push = (block: ExtractedBlock) => {
    totalChars += block.text.length
    if (totalChars > extractLimits.maxTextChars) {
      throw documentTooLarge(fileName, `it has more than ${extractLimits.maxTextChars.toLocaleString('en-US')} characters of text`)
    }
    blocks.push(block)
  }
  const where = (placement: BlockPlacement | undefined) => ({
    ...(placement?.page !== undefined && { page: placement.page }),
    ...(placement?.sheet !== undefined && { sheet: placement.sheet }),
  })

  return {
    heading(level, text, placement) {
      const cleaned = cleanLine(text)
      if (cleaned === '') return
      const clamped = Math.min(6, Math.max(1, Math.round(level)))
      while (open.length > 0 && open[open.length - 1]!.level >= clamped) open.pop()
      push({ kind: 'heading', text: cleaned, level: clamped, headingPath: open.map((h) => h.text), ...where(placement) })
      open.push({ level: clamped, text: cleaned })
    },
    add(kind, text, placement) {
      const cleaned = cleanText(text, { joinHyphenatedLines: placement?.joinHyphenatedLines ?? false, keepIndentation: placement?.keepIndentation ?? false })
      if (cleaned === '') return
      push({ kind, text: cleaned, headingPath: open.map((h) => h.text), ...where(placement) })
    },
    firstHeading(level) {
      return blocks.find((block) => block.kind === 'heading' && block.level === level)?.text
    },
    get blocks() {
      return blocks
    },
  }
}
