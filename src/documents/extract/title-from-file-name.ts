import { cleanLine } from '../clean-text.js'

/** `price-list_2025.pdf` → `price list 2025`: the name without folders or extension, dashes and underscores as spaces. */
export function titleFromFileName(fileName: string): string {
  const base = fileName.trim().split(/[\\/]/).pop() ?? ''
  const withoutExtension = base.replace(/(.)\.[^.]+$/, '$1')
  const title = cleanLine(withoutExtension.replace(/[-_]+/g, ' '))
  return title === '' ? cleanLine(base) || 'Untitled document' : title
}
