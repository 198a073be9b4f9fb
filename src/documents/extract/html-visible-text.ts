/**
 * What a reader of an HTML page actually sees. Text a browser does not show (scripts, templates, `hidden`,
 * `aria-hidden`, `display:none`, zero-size fonts, comments) is where injected instructions hide, so it never becomes
 * document text. Classes hidden by a stylesheet cannot be judged without a browser and stay visible.
 */
import { type HTMLElement, type Node, NodeType, parse } from 'node-html-parser'

/** Parses a page or a fragment. Comments are dropped by the parser; scripts and styles are kept raw, then skipped. */
export function parseHtml(html: string): HTMLElement {
  return parse(html, { comment: false, lowerCaseTagName: true, blockTextElements: { script: true, noscript: true, style: true } })
}

/** Elements whose content is never document text: code, metadata, media fallbacks, form controls. */
const ignoredTags = new Set([
  'script', 'style', 'noscript', 'template', 'head', 'svg', 'math', 'canvas', 'iframe', 'object', 'embed',
  'audio', 'video', 'map', 'input', 'select', 'button', 'datalist',
])

/** Elements that start a new line of text when flattened (so "<li><p>a</p><p>b</p></li>" reads "a b", not "ab"). */
export const blockTags = new Set([
  'address', 'article', 'aside', 'blockquote', 'center', 'dd', 'details', 'dialog', 'div', 'dl', 'dt', 'fieldset',
  'figcaption', 'figure', 'footer', 'form', 'header', 'hgroup', 'li', 'main', 'nav', 'p', 'section', 'summary',
  'caption', 'body', 'html',
])

export function tagOf(element: HTMLElement): string {
  return (element.rawTagName ?? '').toLowerCase()
}

export function isElement(node: Node): node is HTMLElement {
  return node.nodeType === NodeType.ELEMENT_NODE
}

/** True when a browser would not show the element or anything in it. */
export function isHiddenOrIgnored(element: HTMLElement): boolean {
  const tag = tagOf(element)
  if (ignoredTags.has(tag)) return true
  if (element.hasAttribute('hidden')) return true
  if (element.getAttribute('aria-hidden')?.trim().toLowerCase() === 'true') return true
  if (tag === 'dialog' && !element.hasAttribute('open')) return true
  const style = element.getAttribute('style')
  return style !== undefined && hidesContent(style)
}

function hidesContent(style: string): boolean {
  const declarations = style.toLowerCase().replace(/\s+/g, '').replace(/!important/g, '')
  return (
    /(^|;)display:none(;|$)/.test(declarations) ||
    /(^|;)visibility:(hidden|collapse)(;|$)/.test(declarations) ||
    /(^|;)font-size:0(\.0*)?([a-z%]*)(;|$)/.test(declarations) ||
    /(^|;)opacity:0(\.0*)?(;|$)/.test(declarations)
  )
}

export interface VisibleTextOptions {
  /** Keep line breaks and indentation as written (inside <pre>). */
  readonly preserveWhitespace?: boolean
  /** Tags whose content is left out, e.g. nested lists when reading a list item's own text. */
  readonly skipTags?: ReadonlySet<string>
}

/** The visible text of a subtree, entities decoded; `<br>` and block boundaries become line breaks. */
export function visibleText(node: Node, options: VisibleTextOptions = {}): string {
  if (node.nodeType === NodeType.TEXT_NODE) {
    return options.preserveWhitespace ? node.text : node.text.replace(/[ \t\n\r\f]+/g, ' ')
  }
  if (!isElement(node)) return ''
  const tag = tagOf(node)
  if (isHiddenOrIgnored(node) || options.skipTags?.has(tag)) return ''
  if (tag === 'br') return '\n'
  if (tag === 'img') return ''
  const inner = node.childNodes.map((child) => visibleText(child, tag === 'pre' ? { ...options, preserveWhitespace: true } : options)).join('')
  const separated = blockTags.has(tag) || tag === 'tr' || /^h[1-6]$/.test(tag)
  if (separated) return `\n${inner}\n`
  return tag === 'td' || tag === 'th' ? ` ${inner} ` : inner
}

/** The visible text of an HTML fragment (inline HTML inside Markdown). */
export function visibleTextOfHtml(html: string): string {
  return visibleText(parseHtml(html))
}
