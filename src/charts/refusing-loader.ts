/**
 * Vega's loader, replaced by one that loads nothing: charts are drawn from inlined rows only, so any attempt to fetch
 * (a data URL, an image, a file) is a bug or an attack and fails instead of reaching the network or the disk.
 */
import type { Loader } from 'vega'
import { AppError } from '../errors/app-error.js'

const refuse = (what: string) => Promise.reject(new AppError('unprocessable', 'Charts are drawn from inline data only; loading was refused.', { refused: what }))

export function createRefusingLoader(): Loader {
  return {
    load: (uri) => refuse(uri),
    sanitize: (uri) => refuse(uri),
    http: (uri) => refuse(uri),
    file: (filename) => refuse(filename),
  }
}
