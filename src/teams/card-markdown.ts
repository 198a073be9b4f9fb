/**
 * Adaptive Card TextBlocks render a subset of Markdown (bold, italics, lists, links) in Teams. Text that comes from
 * data — customer names, SQL identifiers such as order_items.line_total — is escaped so it shows as written and can
 * never become a link. Only characters that start formatting are escaped, so "-12%" or "(Sul)" stay as they are.
 */
const inlineMarkers = /[\\`*_[\]~<>]/g
const listOrHeadingStart = /^(\s*)([-+#]|\d+\.)(?=\s|$)/gm

export function escapeCardMarkdown(text: string): string {
  return text.replace(inlineMarkers, (c) => `\\${c}`).replace(listOrHeadingStart, (_, space: string, marker: string) => `${space}${marker.replace(/([-+#.])$/, '\\$1')}`)
}
