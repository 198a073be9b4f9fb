/** The ceilings extraction enforces, in one place so the errors, the docs and the tests agree. */
export const extractLimits = {
  /** PDF pages read; a longer PDF is refused rather than half-indexed. */
  maxPdfPages: 2_000,
  /** Cleaned characters in one document (≈ 1,700 pages of prose, or ≈ 5,500 chunks). */
  maxTextChars: 5_000_000,
  /** Data rows in one CSV or in all sheets of one workbook. */
  maxRows: 100_000,
  /** DOCX/XLSX: the sum of the ZIP entries' uncompressed sizes. */
  maxUnzippedBytes: 200 * 1024 * 1024,
  /** DOCX/XLSX: uncompressed ÷ compressed size. Office XML compresses 5–30×; hundreds means crafted content. */
  maxZipRatio: 200,
  /** The ratio is only judged above this size: a small file that compresses well harms no one. */
  zipRatioFloorBytes: 10 * 1024 * 1024,
  /** DOCX/XLSX: entries in the archive (a real workbook has dozens, a large one a few hundred). */
  maxZipEntries: 10_000,
} as const
