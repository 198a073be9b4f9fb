/**
 * Markdown: ATX and setext headings build the heading path; paragraphs, lists ("- item"), pipe tables (a row per
 * line) and fenced code become blocks. Front matter is dropped (its `title:` kept as the title), HTML comments are
 * dropped (never shown when rendered, so a classic place to hide instructions) and HTML blocks keep only visible text.
 */
import { cleanLine, removeHiddenCharacters } from '../clean-text.js'
import { addHtmlBlocks } from './add-html-blocks.js'
import { type BlockCollector, createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'
import { parseHtml } from './html-visible-text.js'
import { markdownInlineText } from './markdown-inline.js'

export function extractMarkdown(fileName: string, source: string): ExtractedContent {
  // Hidden characters go first, so a zero-width space cannot turn "#\u200B Heading" into something else.
  const { body, title: frontMatterTitle } = splitFrontMatter(removeHiddenCharacters(source))
  const collector = createBlockCollector(fileName)
  addMarkdownBlocks(withoutHtmlComments(body).split('\n'), collector)
  const title = frontMatterTitle || collector.firstHeading(1)
  return { ...(title && { title }), blocks: collector.blocks }
}

function splitFrontMatter(text: string): { body: string; title?: string } {
  const match = /^---[ \t]*\n([\s\S]*?)\n(?:---|\.\.\.)[ \t]*(?:\n|$)/.exec(text)
  if (!match) return { body: text }
  const rawTitle = /^title:[ \t]*(.*)$/m.exec(match[1] ?? '')?.[1]?.trim() ?? ''
  // A YAML block scalar (`title: >`) would need a YAML parser; the first heading is a fine title then.
  const title = /^[>|]/.test(rawTitle) ? '' : cleanLine(rawTitle.replace(/^(["'])(.*)\1$/, '$2'))
  return { body: text.slice(match[0].length), ...(title && { title }) }
}

/** An unclosed comment hides the rest of the document when rendered, so it is dropped to the end too. */
function withoutHtmlComments(text: string): string {
  return text.replace(/<!--[\s\S]*?(?:-->|$(?![\s\S]))/g, '')
}

const fenceOpening = /^ {0,3}(`{3,}|~{3,})/
const atxHeading = /^ {0,3}(#{1,6})(?:[ \t]+(.*?))?(?:[ \t]+#+)?[ \t]*$/
const thematicBreak = /^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$/
const listItem = /^( *)([-*+]|\d{1,9}[.)])(?:[ \t]+(.*))?$/
const tableDelimiterRow = /^ {0,3}\|?[ \t]*:?-+:?[ \t]*(?:\|[ \t]*:?-+:?[ \t]*)*\|?[ \t]*$/
const referenceDefinition = /^ {0,3}\[[^\]]+\]:[ \t]*\S+/
const blockquote = /^ {0,3}>[ \t]?/
/** Only block-level tags open an HTML block; an inline tag at a line start is part of a paragraph. */
const htmlBlockOpening =
  /^ {0,3}<\/?(address|article|aside|blockquote|center|details|dialog|div|dl|fieldset|figure|footer|form|h[1-6]|header|hr|iframe|main|nav|noscript|ol|p|pre|script|section|style|summary|table|template|textarea|ul)(?=[\s/>]|$)/i
const rawHtmlTags = new Set(['pre', 'script', 'style', 'textarea'])

const isBlank = (line: string | undefined) => line === undefined || line.trim() === ''

function addMarkdownBlocks(lines: readonly string[], collector: BlockCollector): void {
  let paragraph: string[] = []
  const flush = () => {
    if (paragraph.length > 0) collector.add('paragraph', markdownInlineText(paragraph.map((l) => l.trim()).join('\n')).replace(/\n/g, ' '))
    paragraph = []
  }

  let i = 0
  while (i < lines.length) {
    const line = lines[i]!
    const fence = fenceOpening.exec(line)
    if (fence) {
      flush()
      const marker = fence[1]!
      const closing = new RegExp(`^ {0,3}${marker[0] === '`' ? '`' : '~'}{${marker.length},}[ \\t]*$`)
      const code: string[] = []
      for (i++; i < lines.length && !closing.test(lines[i]!); i++) code.push(lines[i]!)
      collector.add('code', code.join('\n'), { keepIndentation: true })
      i++
      continue
    }
    if (isBlank(line)) {
      flush()
      i++
      continue
    }
    const heading = atxHeading.exec(line)
    if (heading) {
      flush()
      collector.heading(heading[1]!.length, markdownInlineText(heading[2] ?? ''))
      i++
      continue
    }
    if (paragraph.length > 0 && /^ {0,3}(=+|-+)[ \t]*$/.test(line)) {
      // Setext: the paragraph above an underline of = or - is a heading.
      collector.heading(line.trim().startsWith('=') ? 1 : 2, markdownInlineText(paragraph.join(' ')))
      paragraph = []
      i++
      continue
    }
    if (thematicBreak.test(line)) {
      flush()
      i++
      continue
    }
    if (paragraph.length === 0 && referenceDefinition.test(line)) {
      i++
      continue
    }
    if (line.includes('|') && tableDelimiterRow.test(lines[i + 1] ?? '') && (lines[i + 1] ?? '').includes('-')) {
      flush()
      i = addTable(lines, i, collector)
      continue
    }
    if (listItem.test(line) && canStartList(line, paragraph.length > 0)) {
      flush()
      i = addList(lines, i, collector)
      continue
    }
    if (blockquote.test(line)) {
      flush()
      const quoted: string[] = []
      for (; i < lines.length && blockquote.test(lines[i]!); i++) quoted.push(lines[i]!.replace(blockquote, ''))
      addMarkdownBlocks(quoted, collector)
      continue
    }
    const html = paragraph.length === 0 ? htmlBlockOpening.exec(line) : null
    if (html) {
      i = addHtmlBlock(lines, i, rawHtmlTags.has(html[1]!.toLowerCase()) ? html[1]!.toLowerCase() : undefined, collector)
      continue
    }
    paragraph.push(line)
    i++
  }
  flush()
}

/** Inside a paragraph only "- item" or "1. item" start a list, so "…rose in\n2024. It…" stays a paragraph (CommonMark). */
function canStartList(line: string, inParagraph: boolean): boolean {
  if (!inParagraph) return true
  const item = listItem.exec(line)
  return item !== null && (item[3] ?? '').trim() !== '' && (!/^\d/.test(item[2]!) || /^1[.)]$/.test(item[2]!))
}

/** Adds the table that starts at `start` (header row, delimiter row, body rows); returns the next line's index. */
function addTable(lines: readonly string[], start: number, collector: BlockCollector): number {
  const rows = [tableRow(lines[start]!)]
  let i = start + 2
  for (; i < lines.length && !isBlank(lines[i]) && lines[i]!.includes('|'); i++) rows.push(tableRow(lines[i]!))
  collector.add('table', rows.filter((row) => row.replace(/[|\s]/g, '') !== '').join('\n'))
  return i
}

function tableRow(line: string): string {
  const cells = line.trim().replace(/^\|/, '').replace(/(?<!\\)\|$/, '').split(/(?<!\\)\|/)
  return cells.map((cell) => cleanLine(markdownInlineText(cell.replace(/\\\|/g, '|')))).join(' | ')
}

/**
 * Adds the list that starts at `start`: bullets become "- ", numbers are kept, nesting becomes two spaces per level,
 * continuation lines join their item. A blank line ends the list unless an item or an indented line follows.
 */
function addList(lines: readonly string[], start: number, collector: BlockCollector): number {
  const items: { depth: number; marker: string; text: string }[] = []
  const indents: number[] = []
  let i = start
  for (; i < lines.length; i++) {
    const line = lines[i]!
    if (isBlank(line)) {
      const next = lines.slice(i + 1).find((l) => !isBlank(l))
      if (next !== undefined && (listItem.test(next) || /^( {2,}|\t)/.test(next)) && !thematicBreak.test(next)) continue
      break
    }
    const item = thematicBreak.test(line) ? null : listItem.exec(line)
    if (item) {
      const indent = item[1]!.length
      while (indents.length > 0 && indent < indents[indents.length - 1]!) indents.pop()
      if (indents.length === 0 || indent > indents[indents.length - 1]!) indents.push(indent)
      const marker = /^\d/.test(item[2]!) ? item[2]!.replace(')', '.') : '-'
      items.push({ depth: indents.length - 1, marker, text: item[3] ?? '' })
      continue
    }
    const last = items[items.length - 1]
    // A line that starts another block ends the list; anything else continues the last item.
    if (!last || atxHeading.test(line) || fenceOpening.test(line) || thematicBreak.test(line) || blockquote.test(line)) break
    last.text += ` ${line.trim()}`
  }
  const text = items
    .map((item) => ({ ...item, text: cleanLine(markdownInlineText(item.text)) }))
    .filter((item) => item.text !== '')
    .map((item) => `${'  '.repeat(item.depth)}${item.marker} ${item.text}`)
    .join('\n')
  collector.add('list', text, { keepIndentation: true })
  return i
}

/** An HTML block runs to a blank line, or for <pre>/<script>/<style> to its closing tag; only visible text is kept. */
function addHtmlBlock(lines: readonly string[], start: number, rawTag: string | undefined, collector: BlockCollector): number {
  const html: string[] = []
  let i = start
  if (rawTag) {
    const closing = new RegExp(`</${rawTag}>`, 'i')
    for (; i < lines.length; i++) {
      html.push(lines[i]!)
      if (closing.test(lines[i]!)) {
        i++
        break
      }
    }
  } else {
    for (; i < lines.length && !isBlank(lines[i]); i++) html.push(lines[i]!)
  }
  addHtmlBlocks(parseHtml(html.join('\n')), collector)
  return i
}
