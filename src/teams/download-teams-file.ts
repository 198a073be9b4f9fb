/**
 * A file shared with the bot in Teams, downloaded from its pre-authenticated URL (no token is sent: the URL itself
 * grants access for a few minutes). The bytes are counted as they arrive, so an oversized file is never held in memory.
 */
import { AppError } from '../errors/app-error.js'
import { readLimitedBody } from '../documents/read-limited-body.js'
import type { TeamsSharedFile } from './teams-shared-files.js'

const megabytes = (bytes: number) => `${(bytes / (1024 * 1024)).toFixed(1)} MB`

export async function downloadTeamsFile(file: TeamsSharedFile, maxBytes: number): Promise<Uint8Array> {
  const url = new URL(file.downloadUrl)
  if (url.protocol !== 'https:' && url.protocol !== 'http:') throw new AppError('bad_request', `${file.name} has no web address I can download it from.`)
  const response = await fetch(url)
  if (!response.ok) {
    await response.body?.cancel()
    // An expired or revoked link is the sender's to renew; a server error is not.
    if (response.status >= 400 && response.status < 500) throw new AppError('unprocessable', `Teams did not let me download ${file.name} (HTTP ${response.status}); please share it again.`)
    throw new Error(`downloading a file shared in Teams answered HTTP ${response.status}`)
  }
  return readLimitedBody(response, maxBytes, () => new AppError('payload_too_large', `${file.name} is larger than ${megabytes(maxBytes)}; documents may be at most ${megabytes(maxBytes)}.`))
}
