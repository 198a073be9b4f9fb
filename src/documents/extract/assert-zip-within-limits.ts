/**
 * Refuses DOCX/XLSX archives that would unpack to far more than they weigh, before mammoth or exceljs inflate them
 * into memory: first on the sizes the archive declares, then by inflating each entry into a counter (never into
 * memory) to catch an archive that declares small sizes and lies.
 */
import { corruptDocument, decompressionBomb } from '../document-errors.js'
import { extractLimits } from './extract-limits.js'
import { type ZipEntry, measureInflatedSize } from './zip-directory.js'

const megabytes = (bytes: number) => `${Math.round(bytes / (1024 * 1024))} MB`

export async function assertZipWithinLimits(fileName: string, formatName: string, bytes: Uint8Array, entries: readonly ZipEntry[]): Promise<void> {
  if (entries.length > extractLimits.maxZipEntries) {
    throw decompressionBomb(fileName, `it holds ${entries.length} files (at most ${extractLimits.maxZipEntries} are accepted)`)
  }
  const declared = entries.reduce((sum, entry) => sum + entry.uncompressedSize, 0)
  assertSizeAndRatio(fileName, declared, bytes.byteLength)

  let actual = 0
  for (const entry of entries) {
    let size: number
    try {
      size = await measureInflatedSize(bytes, entry, entry.uncompressedSize)
    } catch (error) {
      throw corruptDocument(fileName, formatName, error)
    }
    if (size > entry.uncompressedSize) {
      throw decompressionBomb(fileName, `its part ${JSON.stringify(entry.name)} unpacks to more than the ${entry.uncompressedSize} bytes it declares`)
    }
    actual += size
  }
  assertSizeAndRatio(fileName, actual, bytes.byteLength)
}

function assertSizeAndRatio(fileName: string, unzipped: number, zipped: number): void {
  if (unzipped > extractLimits.maxUnzippedBytes) {
    throw decompressionBomb(fileName, `it would unpack to ${megabytes(unzipped)} (at most ${megabytes(extractLimits.maxUnzippedBytes)} are accepted)`)
  }
  const ratio = unzipped / Math.max(1, zipped)
  if (unzipped > extractLimits.zipRatioFloorBytes && ratio > extractLimits.maxZipRatio) {
    throw decompressionBomb(fileName, `it would unpack to ${Math.round(ratio)} times its size (at most ${extractLimits.maxZipRatio} times is accepted)`)
  }
}
