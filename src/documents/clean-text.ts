/**
 * Makes extracted text safe and uniform before it is chunked, embedded and shown to a model. Characters a reader
 * cannot see are the ones used to smuggle instructions past a human reviewer ("ASCII smuggling" with Unicode tags,
 * zero-width and bidi tricks), so they are removed rather than kept as noise.
 */

/**
 * Invisible or formatting-only characters:
 * - U+00AD soft hyphen, U+034F combining grapheme joiner, U+061C Arabic letter mark, U+180E Mongolian vowel separator;
 * - U+200B–U+200F zero-width space/joiners and LRM/RLM; U+202A–U+202E bidi embeddings and overrides;
 * - U+2060–U+206F word joiner, invisible operators, bidi isolates (U+2066–U+2069) and deprecated format characters;
 * - U+FEFF byte order mark / zero-width no-break space; U+FFF9–U+FFFB interlinear annotation marks;
 * - U+FE00–U+FE0F and U+E0100–U+E01EF variation selectors (together they can carry one byte each, a known smuggling
 *   channel); U+E0000–U+E007F Unicode tag characters (invisible copies of ASCII).
 */
// eslint-disable-next-line no-misleading-character-class -- the combining marks here are matched alone, on purpose.
const hiddenCharacters = /[\u00AD\u034F\u061C\u180E\u200B-\u200F\u202A-\u202E\u2060-\u206F\uFE00-\uFE0F\uFEFF\uFFF9-\uFFFB\u{E0000}-\u{E007F}\u{E0100}-\u{E01EF}]/gu

/** C0 and C1 control characters except tab and line feed (carriage returns are turned into line feeds first). */
// eslint-disable-next-line no-control-regex -- matching control characters is the point: they are removed.
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F]/g

/** Line and paragraph separators that mean "new line". U+0085 (NEL) is a C1 control that means a line break. */
const lineBreaks = /\r\n?|[\u0085\u2028\u2029]/g

/** Horizontal whitespace, including no-break and typographic spaces, which look like a space to a reader. */
const horizontalSpace = /[ \t\u00A0\u1680\u2000-\u200A\u202F\u205F\u3000]+/g

export interface CleanTextOptions {
  /**
   * PDFs break words at line ends with a hyphen ("discoun-\nted"). When true, a hyphen between two lower-case letters
   * at a line break is removed and the word joined; capitalised or numeric continuations ("Sales-\nForce", "2024-\n25")
   * are kept because joining them would more often be wrong than right.
   */
  readonly joinHyphenatedLines?: boolean
  /** Keeps the leading spaces of each line (list nesting, code). Otherwise lines are trimmed on both sides. */
  readonly keepIndentation?: boolean
}

/** Removes hidden characters only: the text keeps its layout. Used before parsing, so hidden marks cannot change structure. */
export function removeHiddenCharacters(text: string): string {
  return text.replace(lineBreaks, '\n').replace(hiddenCharacters, '').replace(controlCharacters, '').normalize('NFC')
}

/**
 * Full clean-up of one block of text: hidden characters removed, NFC, runs of spaces collapsed, lines trimmed, at most
 * one blank line in a row, and no leading or trailing blank lines.
 */
export function cleanText(text: string, options: CleanTextOptions = {}): string {
  // A soft hyphen at a line end is an explicit "word continues on the next line": join before soft hyphens are removed.
  let cleaned = text.replace(lineBreaks, '\n').replace(/\u00AD[ \t]*\n[ \t]*/g, '')
  cleaned = removeHiddenCharacters(cleaned)
  cleaned = cleaned
    .split('\n')
    .map((line) => normaliseLine(line, options.keepIndentation ?? false))
    .join('\n')
  if (options.joinHyphenatedLines) cleaned = cleaned.replace(/(\p{Ll})-\n(\p{Ll})/gu, '$1$2')
  return cleaned.replace(/\n{3,}/g, '\n\n').replace(/^\n+|\n+$/g, '')
}

/** A one-line label (heading, table cell, sheet name): every whitespace run, line breaks included, becomes one space. */
export function cleanLine(text: string): string {
  return cleanText(text).replace(/\s+/g, ' ').trim()
}

function normaliseLine(line: string, keepIndentation: boolean): string {
  if (!keepIndentation) return line.replace(horizontalSpace, ' ').trim()
  const [, indentation = '', rest = ''] = /^([ \t]*)(.*)$/.exec(line) ?? []
  const content = rest.replace(horizontalSpace, ' ').trimEnd()
  return content === '' ? '' : indentation.replace(/\t/g, '  ') + content
}
