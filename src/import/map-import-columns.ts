/**
 * Maps a file's header row onto the import fields by normalised name, reporting unknown and duplicate columns.
 * A file lacking a required column is refused whole, naming what is missing and what was found.
 */
import { AppError } from '../errors/app-error.js'
import { importFieldAliases, importFields, requiredColumnGroups, type ImportField } from './import-fields.js'

export interface MappedColumn {
  index: number
  header: string
}

export interface ImportColumns {
  byField: Partial<Record<ImportField, MappedColumn>>
  /** Headers that matched no field (or repeated a field already mapped). */
  ignoredColumns: string[]
  warnings: string[]
}

/** Lower case, no accents, and nothing but letters and digits: "Preço Unitário (R$)" → "precounitariors". */
export function normaliseHeaderName(header: string): string {
  return header
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[^a-z0-9]/g, '')
}

const fieldByAlias: ReadonlyMap<string, ImportField> = new Map(
  importFields.flatMap((field) => [field, ...importFieldAliases[field]].map((alias) => [normaliseHeaderName(alias), field] as const)),
)

export function mapImportColumns(headers: readonly string[]): ImportColumns {
  const byField: Partial<Record<ImportField, MappedColumn>> = {}
  const ignoredColumns: string[] = []
  const warnings: string[] = []
  headers.forEach((raw, index) => {
    const header = raw.trim()
    if (header === '') return
    const field = fieldByAlias.get(normaliseHeaderName(header))
    if (!field) {
      ignoredColumns.push(header)
      return
    }
    const already = byField[field]
    if (already) {
      ignoredColumns.push(header)
      warnings.push(`Columns "${already.header}" and "${header}" both mean ${field}; only "${already.header}" was read.`)
      return
    }
    byField[field] = { index, header }
  })

  const missing = requiredColumnGroups.filter((group) => !group.some((field) => byField[field])).map((group) => group.join(' or '))
  if (missing.length > 0) {
    const found = headers.map((h) => h.trim()).filter((h) => h !== '')
    const shown = found.slice(0, 30).map((h) => `"${h.length > 60 ? `${h.slice(0, 57)}...` : h}"`)
    if (found.length > 30) shown.push(`and ${found.length - 30} more`)
    throw new AppError(
      'validation_failed',
      `The file is missing required columns: ${missing.join('; ')}. Headers found: ${shown.length > 0 ? shown.join(', ') : 'none'}.`,
      {
        fields: missing.map((name) => ({ path: `columns.${name}`, message: 'required column is missing' })),
        missingColumns: missing,
        headersFound: found.slice(0, 100),
      },
    )
  }
  return { byField, ignoredColumns, warnings }
}
