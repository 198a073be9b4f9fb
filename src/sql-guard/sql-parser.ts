/**
 * The real PostgreSQL parser (libpg-query, PostgreSQL 18 grammar, compiled to WebAssembly). It is loaded on demand:
 * importing libpg-query starts reading its .wasm, so this module imports it only inside loadSqlParser().
 * Positions in its parse trees and tokens are byte offsets into the UTF-8 text.
 */
import type { ParseResult, ScanResult } from 'libpg-query'
import { AppError } from '../errors/app-error.js'

interface LoadedParser {
  parseSync(sql: string): ParseResult
  scanSync(sql: string): ScanResult
}

let loaded: LoadedParser | undefined
let loading: Promise<void> | undefined

/** Loads the WebAssembly parser once; call (and await) before guardSql. Safe to call many times. */
export function loadSqlParser(): Promise<void> {
  loading ??= (async () => {
    const lib = await import('libpg-query')
    await lib.loadModule()
    loaded = { parseSync: lib.parseSync, scanSync: lib.scanSync }
  })().catch((error: unknown) => {
    loading = undefined
    throw new AppError('not_ready', 'The SQL parser could not be loaded.', {}, { cause: error })
  })
  return loading
}

function parser(): LoadedParser {
  if (!loaded) throw new AppError('not_ready', 'The SQL guard is still starting; try again in a moment.')
  return loaded
}

/** Parses SQL the way PostgreSQL does; throws libpg-query's SqlError on a syntax error. */
export const parsePostgresSql = (sql: string): ParseResult => parser().parseSync(sql)

/** Splits SQL into PostgreSQL's tokens (comments included), with byte offsets. */
export const scanPostgresSql = (sql: string): ScanResult => parser().scanSync(sql)
