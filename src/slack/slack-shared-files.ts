/**
 * The files on a Slack message (`files` of a file_share message or an app_mention): the slice of Slack's file object
 * the bot reads to add a document. Tombstones (deleted files) and anything without an id are left out.
 */
export interface SlackSharedFile {
  readonly id: string
  readonly name: string
  readonly mimetype?: string
  /** Bytes, as Slack reports them: checked before downloading. */
  readonly size?: number
  /** Needs the bot token (files:read scope). Absent when Slack says to ask files.info (`file_access: check_file_info`). */
  readonly url_private_download?: string
}

export function sharedFilesOf(message: { readonly files?: unknown }): SlackSharedFile[] {
  if (!Array.isArray(message.files)) return []
  const files: SlackSharedFile[] = []
  for (const raw of message.files as unknown[]) {
    const file = raw as { id?: unknown; name?: unknown; title?: unknown; mimetype?: unknown; size?: unknown; url_private_download?: unknown; mode?: unknown }
    if (!file || typeof file.id !== 'string' || file.mode === 'tombstone') continue
    const name = typeof file.name === 'string' && file.name.trim() ? file.name : typeof file.title === 'string' ? file.title : file.id
    files.push({
      id: file.id,
      name,
      ...(typeof file.mimetype === 'string' ? { mimetype: file.mimetype } : {}),
      ...(typeof file.size === 'number' ? { size: file.size } : {}),
      ...(typeof file.url_private_download === 'string' ? { url_private_download: file.url_private_download } : {}),
    })
  }
  return files
}
