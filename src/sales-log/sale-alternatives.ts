/**
 * "Did you mean …?" as buttons: the rep's own message rewritten once per close match, with the words that named
 * no single product or customer replaced by that match's exact name. Sending one back parses without a question.
 */
const MAX_ALTERNATIVES = 4

const escape = (text: string) => text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')

/** [] when the words cannot be found in the message as typed (then the surface shows the plain candidates). */
export function saleAlternatives(message: string, said: string | undefined, choices: readonly string[] | undefined): string[] {
  if (!said?.trim() || !choices?.length) return []
  // The parser works on the message with runs of spaces collapsed; match the words across any whitespace.
  const words = said.trim().split(/\s+/).map(escape).join('\\s+')
  const found = new RegExp(`(?<![\\p{L}\\p{N}])${words}(?![\\p{L}\\p{N}])`, 'iu').exec(message)
  if (!found) return []
  const rewritten = choices.map((choice) => `${message.slice(0, found.index)}${choice}${message.slice(found.index + found[0].length)}`)
  return [...new Set(rewritten)].filter((text) => text !== message).slice(0, MAX_ALTERNATIVES)
}
