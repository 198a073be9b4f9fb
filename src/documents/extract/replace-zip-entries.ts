/**
 * Writes a copy of a ZIP archive with some entries' contents replaced. Untouched entries are copied still
 * compressed, byte for byte; replaced ones are deflated afresh with a new CRC.
 */
import { crc32, deflateRawSync } from 'node:zlib'
import { type ZipEntry, zipEntryData } from './zip-directory.js'

const dataDescriptorFlag = 0x0008
const utf8NameFlag = 0x0800

export function replaceZipEntries(bytes: Uint8Array, entries: readonly ZipEntry[], replacements: ReadonlyMap<string, Uint8Array>): Uint8Array {
  const localParts: Buffer[] = []
  const directoryParts: Buffer[] = []
  let offset = 0
  for (const entry of entries) {
    const replacement = replacements.get(entry.name)
    const data = replacement ? deflateRawSync(replacement) : Buffer.from(zipEntryData(bytes, entry))
    const name = Buffer.from(entry.name, (entry.flags & utf8NameFlag) !== 0 ? 'utf8' : 'latin1')
    const fields = {
      // Sizes are written in the local header, so a trailing data descriptor is neither needed nor written.
      flags: entry.flags & ~dataDescriptorFlag,
      method: replacement ? 8 : entry.method,
      crc: replacement ? crc32(replacement) : entry.crc32,
      compressedSize: data.byteLength,
      uncompressedSize: replacement ? replacement.byteLength : entry.uncompressedSize,
    }

    const local = Buffer.alloc(30)
    local.writeUInt32LE(0x04034b50, 0)
    local.writeUInt16LE(20, 4)
    local.writeUInt16LE(fields.flags, 6)
    local.writeUInt16LE(fields.method, 8)
    local.writeUInt16LE(entry.modifiedTime, 10)
    local.writeUInt16LE(entry.modifiedDate, 12)
    local.writeUInt32LE(fields.crc, 14)
    local.writeUInt32LE(fields.compressedSize, 18)
    local.writeUInt32LE(fields.uncompressedSize, 22)
    local.writeUInt16LE(name.byteLength, 26)
    local.writeUInt16LE(0, 28)

    const central = Buffer.alloc(46)
    central.writeUInt32LE(0x02014b50, 0)
    central.writeUInt16LE(entry.versionMadeBy, 4)
    central.writeUInt16LE(20, 6)
    central.writeUInt16LE(fields.flags, 8)
    central.writeUInt16LE(fields.method, 10)
    central.writeUInt16LE(entry.modifiedTime, 12)
    central.writeUInt16LE(entry.modifiedDate, 14)
    central.writeUInt32LE(fields.crc, 16)
    central.writeUInt32LE(fields.compressedSize, 20)
    central.writeUInt32LE(fields.uncompressedSize, 24)
    central.writeUInt16LE(name.byteLength, 28)
    central.writeUInt32LE(entry.externalAttributes, 38)
    central.writeUInt32LE(offset, 42)

    localParts.push(local, name, data)
    directoryParts.push(central, name)
    offset += local.byteLength + name.byteLength + data.byteLength
  }
  const directory = Buffer.concat(directoryParts)
  const end = Buffer.alloc(22)
  end.writeUInt32LE(0x06054b50, 0)
  end.writeUInt16LE(entries.length, 8)
  end.writeUInt16LE(entries.length, 10)
  end.writeUInt32LE(directory.byteLength, 12)
  end.writeUInt32LE(offset, 16)
  return new Uint8Array(Buffer.concat([...localParts, directory, end]))
}
