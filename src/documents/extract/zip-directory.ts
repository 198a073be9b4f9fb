/**
 * Reads a ZIP archive's central directory (DOCX and XLSX are ZIPs) without unpacking anything, so the format can be
 * recognised and the declared sizes checked before a library inflates the contents into memory.
 */
import { createInflateRaw } from 'node:zlib'

export interface ZipEntry {
  readonly name: string
  /** 0 = stored, 8 = deflate; the only two methods Office files use. */
  readonly method: number
  readonly flags: number
  readonly crc32: number
  readonly compressedSize: number
  readonly uncompressedSize: number
  readonly modifiedTime: number
  readonly modifiedDate: number
  readonly localHeaderOffset: number
  readonly versionMadeBy: number
  readonly externalAttributes: number
}

/** The archive's structure is broken or uses features Office files never need (ZIP64, multi-disk). */
export class ZipFormatError extends Error {
  override readonly name = 'ZipFormatError'
}

const endOfDirectorySignature = 0x06054b50
const directoryEntrySignature = 0x02014b50
const localHeaderSignature = 0x04034b50
/** The end record is 22 bytes plus a comment of at most 65,535 bytes. */
const maxEndRecordSearch = 22 + 0xffff

export function startsLikeZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && bytes[2] === 0x03 && bytes[3] === 0x04
}

/** The entries of a ZIP archive, from its central directory. Throws ZipFormatError when the directory is unreadable. */
export function readZipDirectory(bytes: Uint8Array): ZipEntry[] {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const end = findEndOfDirectory(view)
  const entryCount = view.getUint16(end + 10, true)
  const directorySize = view.getUint32(end + 12, true)
  const directoryOffset = view.getUint32(end + 16, true)
  if (entryCount === 0xffff || directoryOffset === 0xffffffff || directorySize === 0xffffffff) {
    throw new ZipFormatError('ZIP64 archives are not supported')
  }
  if (directoryOffset + directorySize > end) throw new ZipFormatError('the central directory lies outside the archive')

  const entries: ZipEntry[] = []
  let offset = directoryOffset
  for (let i = 0; i < entryCount; i++) {
    if (offset + 46 > end || view.getUint32(offset, true) !== directoryEntrySignature) {
      throw new ZipFormatError(`central directory entry ${i} is damaged`)
    }
    const flags = view.getUint16(offset + 8, true)
    const nameLength = view.getUint16(offset + 28, true)
    const extraLength = view.getUint16(offset + 30, true)
    const commentLength = view.getUint16(offset + 32, true)
    const nameBytes = bytes.subarray(offset + 46, offset + 46 + nameLength)
    entries.push({
      // Bit 11 marks UTF-8 names; Office writes ASCII part names, so latin1 is a faithful fallback.
      name: new TextDecoder((flags & 0x800) !== 0 ? 'utf-8' : 'latin1').decode(nameBytes),
      method: view.getUint16(offset + 10, true),
      flags,
      modifiedTime: view.getUint16(offset + 12, true),
      modifiedDate: view.getUint16(offset + 14, true),
      crc32: view.getUint32(offset + 16, true),
      compressedSize: view.getUint32(offset + 20, true),
      uncompressedSize: view.getUint32(offset + 24, true),
      versionMadeBy: view.getUint16(offset + 4, true),
      externalAttributes: view.getUint32(offset + 38, true),
      localHeaderOffset: view.getUint32(offset + 42, true),
    })
    offset += 46 + nameLength + extraLength + commentLength
  }
  return entries
}

/** The still-compressed bytes of one entry, located through its local header. */
export function zipEntryData(bytes: Uint8Array, entry: ZipEntry): Uint8Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength)
  const header = entry.localHeaderOffset
  if (header + 30 > bytes.byteLength || view.getUint32(header, true) !== localHeaderSignature) {
    throw new ZipFormatError(`the local header of ${entry.name} is damaged`)
  }
  const start = header + 30 + view.getUint16(header + 26, true) + view.getUint16(header + 28, true)
  const stop = start + entry.compressedSize
  if (stop > bytes.byteLength) throw new ZipFormatError(`the data of ${entry.name} lies outside the archive`)
  return bytes.subarray(start, stop)
}

/**
 * How many bytes an entry really inflates to, counting and discarding the output, and stopping as soon as it passes
 * `limit`: the declared size can lie, and a lie is exactly what a decompression bomb tells.
 */
export async function measureInflatedSize(bytes: Uint8Array, entry: ZipEntry, limit: number): Promise<number> {
  const data = zipEntryData(bytes, entry)
  if (entry.method === 0) return data.byteLength
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses an unsupported compression method (${entry.method})`)
  const inflater = createInflateRaw()
  inflater.end(data)
  let total = 0
  for await (const chunk of inflater as AsyncIterable<Buffer>) {
    total += chunk.byteLength
    // Leaving the loop destroys the stream, so the rest of a bomb is never inflated.
    if (total > limit) break
  }
  return total
}

/** The text of one small entry (e.g. docProps/core.xml), inflated with a hard cap on its size. */
export async function readZipEntryText(bytes: Uint8Array, entry: ZipEntry, maxBytes: number): Promise<string> {
  const data = zipEntryData(bytes, entry)
  if (entry.method === 0) return new TextDecoder().decode(data.subarray(0, maxBytes))
  if (entry.method !== 8) throw new ZipFormatError(`${entry.name} uses an unsupported compression method (${entry.method})`)
  const inflater = createInflateRaw()
  inflater.end(data)
  const chunks: Buffer[] = []
  let total = 0
  for await (const chunk of inflater as AsyncIterable<Buffer>) {
    chunks.push(chunk)
    total += chunk.byteLength
    if (total > maxBytes) throw new ZipFormatError(`${entry.name} is larger than ${maxBytes} bytes`)
  }
  return Buffer.concat(chunks).toString('utf8')
}

function findEndOfDirectory(view: DataView): number {
  const lowest = Math.max(0, view.byteLength - maxEndRecordSearch)
  for (let offset = view.byteLength - 22; offset >= lowest; offset--) {
    if (view.getUint32(offset, true) === endOfDirectorySignature) return offset
  }
  throw new ZipFormatError('the end of the central directory was not found')
}
