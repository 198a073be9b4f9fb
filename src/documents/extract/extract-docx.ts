/**
 * DOCX: mammoth turns the document into HTML (Heading 1… become h1…, lists and tables keep their shape), and the HTML
 * reader makes the blocks. Title: the document properties' title, else the first Heading 1 or Title paragraph.
 */
import mammoth from 'mammoth'
import { cleanLine } from '../clean-text.js'
import { corruptDocument } from '../document-errors.js'
import { addHtmlBlocks } from './add-html-blocks.js'
import { createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'
import { parseHtml } from './html-visible-text.js'
import { removeHiddenDocxText } from './remove-hidden-docx-text.js'
import { type ZipEntry, readZipEntryText } from './zip-directory.js'

/** Word's Title style is the document's visible title; mammoth's default map would make it a plain paragraph. */
const styleMap = ["p[style-name='Title'] => h1:fresh", "p[style-name='Subtitle'] => p:fresh"]

export async function extractDocx(fileName: string, bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<ExtractedContent> {
  let html: string
  try {
    const visible = await removeHiddenDocxText(bytes, entries)
    const result = await mammoth.convertToHtml(
      { buffer: Buffer.from(visible.buffer, visible.byteOffset, visible.byteLength) },
      {
        styleMap,
        externalFileAccess: false,
        // Images are not text; an empty converter also spares reading them into base64 data URIs.
        convertImage: mammoth.images.imgElement(() => Promise.resolve({ src: '' })),
      },
    )
    html = result.value
  } catch (error) {
    throw corruptDocument(fileName, 'DOCX', error)
  }
  const collector = createBlockCollector(fileName)
  addHtmlBlocks(parseHtml(html), collector)
  const title = (await propertiesTitle(fileName, bytes, entries)) || collector.firstHeading(1)
  return { ...(title && { title }), blocks: collector.blocks }
}

async function propertiesTitle(fileName: string, bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<string | undefined> {
  const core = entries.find((entry) => entry.name === 'docProps/core.xml')
  if (!core) return undefined
  let xml: string
  try {
    xml = await readZipEntryText(bytes, core, 1_000_000)
  } catch (error) {
    throw corruptDocument(fileName, 'DOCX', error)
  }
  const raw = /<dc:title>([\s\S]*?)<\/dc:title>/.exec(xml)?.[1]
  return raw === undefined ? undefined : cleanLine(parseHtml(raw).text) || undefined
}
