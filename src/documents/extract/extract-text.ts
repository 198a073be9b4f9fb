/**
 * Plain text: paragraphs are separated by blank lines. A paragraph of one short line is a heading when it is ALL CAPS
 * ("PAYMENT TERMS") or numbered like a section ("2. Discounts", "2.1 Enterprise"); anything less certain stays a
 * paragraph, because a false heading would wrongly split sections. Bullet lines become a list.
 */
import { removeHiddenCharacters } from '../clean-text.js'
import { type BlockCollector, createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'

const maxHeadingLength = 80
const bullet = /^(?:[-*•◦▪‣–]|\d{1,3}[.)])\s+/u

export function extractText(fileName: string, source: string): ExtractedContent {
  const collector = createBlockCollector(fileName)
  const paragraphs = removeHiddenCharacters(source).split(/\n[ \t]*\n/)
  for (const paragraph of paragraphs) {
    const lines = paragraph.split('\n').map((line) => line.trim()).filter((line) => line !== '')
    const heading = lines.length === 1 ? headingOf(lines[0]!) : undefined
    if (heading) collector.heading(heading.level, heading.text)
    else addLines(lines, collector)
  }
  const [first] = collector.blocks
  return { ...(first?.kind === 'heading' && { title: first.text }), blocks: collector.blocks }
}

function headingOf(line: string): { level: number; text: string } | undefined {
  if (line.length > maxHeadingLength || /[.,;!?]$/.test(line)) return undefined
  const numbered = /^(\d{1,2}(?:\.\d{1,2})*)([.)])?\s+(\p{Lu}.*)$/u.exec(line)
  // "2024 Results" is not a numbered heading: a single number needs its dot ("2. Results").
  if (numbered && (numbered[1]!.includes('.') || numbered[2] !== undefined)) {
    return { level: Math.min(6, numbered[1]!.split('.').length), text: line }
  }
  const letters = line.match(/\p{L}/gu) ?? []
  const isAllCaps = letters.length >= 3 && !/\p{Ll}/u.test(line)
  return isAllCaps ? { level: 1, text: line.replace(/:$/, '') } : undefined
}

/** Runs of bullet lines become a list ("- item"); the other lines of the paragraph stay together as a paragraph. */
function addLines(lines: readonly string[], collector: BlockCollector): void {
  let run: string[] = []
  let runIsList = false
  const flush = () => {
    if (run.length > 0) collector.add(runIsList ? 'list' : 'paragraph', run.join('\n'))
    run = []
  }
  for (const line of lines) {
    const isItem = bullet.test(line)
    if (isItem !== runIsList) flush()
    runIsList = isItem
    run.push(isItem && !/^\d/.test(line) ? line.replace(bullet, '- ') : line)
  }
  flush()
}
