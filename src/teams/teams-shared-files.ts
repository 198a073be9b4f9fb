/**
 * The files on a Teams message: a file a user attached in a personal chat (`…teams.file.download.info`, whose
 * `content.downloadUrl` is pre-authenticated for a few minutes), or a plain attachment with a `contentUrl` (the Bot
 * Framework Emulator, other channels). The message's own HTML, cards and pasted pictures are not documents.
 */
import type { Activity } from 'botbuilder'

export const fileDownloadInfoType = 'application/vnd.microsoft.teams.file.download.info'

export interface TeamsSharedFile {
  readonly name: string
  readonly downloadUrl: string
  /** The sender's content type, when the attachment names a real one (a hint only for the ingestion). */
  readonly contentType?: string
}

const notDocuments = /^(text\/html|image\/|application\/vnd\.microsoft\.(card|teams\.card)\.)/i

export function teamsSharedFilesOf(activity: Pick<Partial<Activity>, 'attachments'>): TeamsSharedFile[] {
  const files: TeamsSharedFile[] = []
  for (const attachment of activity.attachments ?? []) {
    const name = typeof attachment.name === 'string' ? attachment.name.trim() : ''
    if (attachment.contentType === fileDownloadInfoType) {
      const downloadUrl = (attachment.content as { downloadUrl?: unknown } | undefined)?.downloadUrl
      if (name && typeof downloadUrl === 'string') files.push({ name, downloadUrl })
      continue
    }
    if (!name || typeof attachment.contentUrl !== 'string' || notDocuments.test(attachment.contentType ?? '')) continue
    files.push({ name, downloadUrl: attachment.contentUrl, ...(attachment.contentType ? { contentType: attachment.contentType } : {}) })
  }
  return files
}
