/** The thresholds the spreadsheet import enforces; one place so the report, the docs and the tests agree. */
export const importLimits = {
  /** Data rows accepted in one file. */
  maxRows: 200_000,
  /** A line with more units than this is treated as a typo and rejected. */
  maxQuantity: 10_000,
  /** numeric(12,2) holds less than 1e10; with maxQuantity this keeps line_total inside numeric(14,2). */
  maxUnitPrice: 99_999_999.99,
  /** A unit price more than this many times above (or below) the product's list price is rejected. */
  priceRatio: 10,
  /** Sales dated before this are rejected as a likely typo. */
  earliestDate: '2000-01-01',
  /** Text values longer than this are rejected (names, emails, codes). */
  maxTextLength: 500,
  /** The report lists at most this many errors / warnings; the totals are always exact. */
  maxReportedErrors: 1_000,
  maxReportedWarnings: 200,
} as const
