/**
 * CSV: the first non-blank record is the header; every other record becomes a 'row' block ("Header: value; …",
 * empty cells skipped) under one heading, the file's title, so rows chunk together as one section.
 * The delimiter (`,`, `;` or tab) is detected the same way the sales import does.
 */
import { CsvError, parse } from 'csv-parse/sync'
import { detectCsvDelimiter } from '../../import/detect-csv-delimiter.js'
import { removeHiddenCharacters } from '../clean-text.js'
import { corruptDocument, documentTooLarge } from '../document-errors.js'
import { createBlockCollector } from './block-collector.js'
import type { ExtractedContent } from './extracted-content.js'
import { extractLimits } from './extract-limits.js'
import { spreadsheetRowText } from './spreadsheet-row-text.js'
import { titleFromFileName } from './title-from-file-name.js'

const maxRecordBytes = 1_000_000

export function extractCsv(fileName: string, source: string): ExtractedContent {
  const text = removeHiddenCharacters(source)
  let records: string[][]
  try {
    records = parse(text, {
      delimiter: detectCsvDelimiter(text),
      relax_column_count: true,
      relax_quotes: true,
      skip_empty_lines: true,
      skip_records_with_empty_values: true,
      max_record_size: maxRecordBytes,
    })
  } catch (error) {
    if (error instanceof CsvError) throw corruptDocument(fileName, 'CSV', error)
    throw error
  }

  const collector = createBlockCollector(fileName)
  const [header, ...rows] = records
  if (!header) return { blocks: [] }
  if (rows.length > extractLimits.maxRows) throw documentTooLarge(fileName, `it has more than ${extractLimits.maxRows.toLocaleString('en-US')} rows`)
  collector.heading(1, titleFromFileName(fileName))
  for (const row of rows) collector.add('row', spreadsheetRowText(header, row))
  return { blocks: collector.blocks }
}
