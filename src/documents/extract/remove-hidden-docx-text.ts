/**
 * Word's "hidden" font effect (<w:vanish/>) hides text on screen and in print, yet mammoth converts it like any other
 * text. Hidden runs are removed from the body, footnotes and endnotes before conversion, so what is indexed is what a
 * reader of the document sees. Text hidden through a character style is not detected.
 */
import { extractLimits } from './extract-limits.js'
import { replaceZipEntries } from './replace-zip-entries.js'
import { type ZipEntry, readZipEntryText } from './zip-directory.js'

const textParts = new Set(['word/document.xml', 'word/footnotes.xml', 'word/endnotes.xml'])

/** The archive with hidden runs removed; the very same bytes when nothing is hidden (the usual case). */
export async function removeHiddenDocxText(bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<Uint8Array> {
  const replacements = new Map<string, Uint8Array>()
  for (const entry of entries) {
    if (!textParts.has(entry.name)) continue
    const xml = await readZipEntryText(bytes, entry, extractLimits.maxUnzippedBytes)
    const visible = withoutVanishedRuns(xml)
    if (visible !== xml) replacements.set(entry.name, Buffer.from(visible, 'utf8'))
  }
  return replacements.size === 0 ? bytes : replaceZipEntries(bytes, entries, replacements)
}

/** Runs whose own properties say <w:vanish/> (and not w:val="0"/"false"/"off") are dropped whole. */
export function withoutVanishedRuns(xml: string): string {
  return xml.replace(/<w:r(?:\s[^>]*)?>[\s\S]*?<\/w:r>/g, (run) => {
    // A run nested in another (ruby text) would be cut in half by this match; leave such rare runs as they are.
    if (/<w:r[\s>]/.test(run.slice(4))) return run
    const properties = /^<w:r(?:\s[^>]*)?>\s*<w:rPr>([\s\S]*?)<\/w:rPr>/.exec(run)?.[1] ?? ''
    const vanish = /<w:vanish(?:\s+w:val="([^"]*)")?\s*\/>/.exec(properties)
    return vanish && !['0', 'false', 'off'].includes(vanish[1] ?? 'true') ? '' : run
  })
}
