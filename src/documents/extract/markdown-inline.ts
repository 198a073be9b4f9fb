/**
 * Markdown inline syntax → the text a reader sees: links keep their text, images disappear (alt text included, since
 * nobody reads it), emphasis marks and code backticks go, and inline HTML is reduced to its visible text, so a
 * `<span style="display:none">` cannot carry instructions into the index.
 */
import { visibleTextOfHtml } from './html-visible-text.js'

// Control characters never survive removeHiddenCharacters, so they are safe placeholder delimiters.
const placeholderStart = '\u0001'
const placeholderEnd = '\u0002'
const placeholder = new RegExp(`${placeholderStart}(\\d+)${placeholderEnd}`, 'g')

export function markdownInlineText(source: string): string {
  const kept: string[] = []
  const keep = (text: string) => `${placeholderStart}${kept.push(text) - 1}${placeholderEnd}`

  let text = source
    // Code spans are literal: protect them from the link, HTML and emphasis rules below.
    .replace(/(`+)([^`]|[^`][\s\S]*?[^`])\1(?!`)/g, (_, _ticks: string, code: string) => keep(code.trim()))
    .replace(/\\([!-/:-@[-`{-~])/g, (_, char: string) => keep(char))
    .replace(/!\[[^\]]*\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '')
    .replace(/!\[[^\]]*\]\[[^\]]*\]/g, '')
    .replace(/\[([^\]]*)\]\((?:[^()\s]|\([^)]*\))*(?:\s+"[^"]*")?\)/g, '$1')
    .replace(/\[([^\]]+)\]\[[^\]]*\]/g, '$1')
    .replace(/<((?:https?|mailto|ftp):[^<>\s]+)>/gi, (_, url: string) => keep(url))
    .replace(/<([^<>\s@]+@[^<>\s@]+\.[^<>\s@]+)>/g, (_, email: string) => keep(email))

  // Inline HTML and entities: let the HTML reader decide what is visible. Plain text skips the parse.
  if (/<[a-zA-Z/!?]|&[#a-zA-Z0-9]+;/.test(text)) text = visibleTextOfHtml(text)

  text = text
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/~~(?=\S)([\s\S]*?\S)~~/g, '$1')
    .replace(/(^|[^\w*])\*(?=[^\s*])([^*]*?[^\s*])\*(?![\w*])/g, '$1$2')
    .replace(/(^|[^\w])_(?=[^\s_])([^_]*?[^\s_])_(?!\w)/g, '$1$2')

  return text.replace(placeholder, (_, index: string) => kept[Number(index)] ?? '')
}
