/**
 * Turns an HTML tree into blocks: h1–h6 become headings, lists one list block ("- item", nested items indented),
 * tables one table block (a row per line, "cell | cell"), <pre> a code block, and every other run of visible text a
 * paragraph. Shared by the HTML and DOCX extractors and by HTML blocks inside Markdown.
 */
import type { HTMLElement, Node } from 'node-html-parser'
import { cleanLine } from '../clean-text.js'
import type { BlockCollector } from './block-collector.js'
import { blockTags, isElement, isHiddenOrIgnored, tagOf, visibleText } from './html-visible-text.js'

const listTags = new Set(['ul', 'ol'])

export function addHtmlBlocks(root: Node, collector: BlockCollector): void {
  let paragraph = ''
  const flush = () => {
    collector.add('paragraph', paragraph)
    paragraph = ''
  }

  const visit = (node: Node): void => {
    if (!isElement(node)) {
      paragraph += visibleText(node)
      return
    }
    if (isHiddenOrIgnored(node)) return
    const tag = tagOf(node)
    const heading = /^h([1-6])$/.exec(tag)
    if (heading) {
      flush()
      collector.heading(Number(heading[1]), visibleText(node))
      return
    }
    switch (tag) {
      case 'br':
        paragraph += '\n'
        return
      case 'hr':
        flush()
        return
      case 'ul':
      case 'ol':
        flush()
        collector.add('list', listLines(node, 0).join('\n'), { keepIndentation: true })
        return
      case 'table':
        flush()
        addTable(node, collector)
        return
      case 'pre':
        flush()
        collector.add('code', visibleText(node, { preserveWhitespace: true }), { keepIndentation: true })
        return
    }
    const isBlock = blockTags.has(tag)
    if (isBlock) flush()
    for (const child of node.childNodes) visit(child)
    if (isBlock) flush()
  }

  visit(root)
  flush()
}

function listLines(list: HTMLElement, depth: number): string[] {
  const ordered = tagOf(list) === 'ol'
  let number = Number.parseInt(list.getAttribute('start') ?? '1', 10) || 1
  const lines: string[] = []
  for (const item of list.childNodes) {
    if (!isElement(item) || isHiddenOrIgnored(item)) continue
    if (listTags.has(tagOf(item))) {
      lines.push(...listLines(item, depth + 1))
      continue
    }
    const text = cleanLine(visibleText(item, { skipTags: listTags }))
    if (text !== '') {
      lines.push(`${'  '.repeat(depth)}${ordered ? `${number}.` : '-'} ${text}`)
      number++
    }
    for (const nested of nestedLists(item)) lines.push(...listLines(nested, depth + 1))
  }
  return lines
}

/** Lists inside a list item, however deep (an item may wrap its sub-list in a <div>), but not lists inside those. */
function nestedLists(element: HTMLElement): HTMLElement[] {
  const found: HTMLElement[] = []
  for (const child of element.childNodes) {
    if (!isElement(child) || isHiddenOrIgnored(child)) continue
    if (listTags.has(tagOf(child))) found.push(child)
    else found.push(...nestedLists(child))
  }
  return found
}

function addTable(table: HTMLElement, collector: BlockCollector): void {
  const rows: string[] = []
  for (const row of tableRows(table)) {
    const cells = row.childNodes
      .filter((cell): cell is HTMLElement => isElement(cell) && ['td', 'th'].includes(tagOf(cell)) && !isHiddenOrIgnored(cell))
      .map((cell) => cleanLine(visibleText(cell)))
    if (cells.some((cell) => cell !== '')) rows.push(cells.join(' | '))
  }
  const caption = table.childNodes.find((child): child is HTMLElement => isElement(child) && tagOf(child) === 'caption')
  if (caption && !isHiddenOrIgnored(caption)) collector.add('paragraph', visibleText(caption))
  collector.add('table', rows.join('\n'))
}

/** The table's own rows (directly or in thead/tbody/tfoot), not the rows of tables nested in its cells. */
function tableRows(table: HTMLElement): HTMLElement[] {
  const rows: HTMLElement[] = []
  for (const child of table.childNodes) {
    if (!isElement(child) || isHiddenOrIgnored(child)) continue
    const tag = tagOf(child)
    if (tag === 'tr') rows.push(child)
    else if (tag === 'thead' || tag === 'tbody' || tag === 'tfoot') rows.push(...tableRows(child))
  }
  return rows
}
