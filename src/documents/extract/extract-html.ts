/** HTML: the visible text of the page as blocks; the title from <title>, else the first <h1>. */
import { cleanLine } from '../clean-text.js'
import { addHtmlBlocks } from './add-html-blocks.js'
import { createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'
import { parseHtml } from './html-visible-text.js'

export function extractHtml(fileName: string, html: string): ExtractedContent {
  const root = parseHtml(html)
  const collector = createBlockCollector(fileName)
  // <head> is skipped as a whole by the walker; its <title> is the one thing in it worth keeping.
  const title = cleanLine(root.querySelector('head title')?.text ?? '')
  addHtmlBlocks(root.querySelector('body') ?? root, collector)
  const ownTitle = title || collector.firstHeading(1)
  return { ...(ownTitle && { title: ownTitle }), blocks: collector.blocks }
}
