/**
 * Bulk loading with COPY. PostgreSQL servers get COPY FROM STDIN over the pool;
 * PGlite's socket bridge cannot carry the COPY sub-protocol, so the embedded database
 * receives the same text-format rows through PGlite's in-process `/dev/blob` COPY.
 */
import type pg from 'pg'
import { Readable } from 'node:stream'
import { pipeline } from 'node:stream/promises'
import { from as copyFrom } from 'pg-copy-streams'

export type CopyValue = string | number | boolean | null | undefined

export interface BulkLoader {
  /** Loads rows into `table(columns)` with COPY (text format); returns the number of rows loaded. */
  copyRows(table: string, columns: readonly string[], rows: Iterable<readonly CopyValue[]>): Promise<number>
}

const identifier = /^[a-z_][a-z0-9_]*$/

function copyStatement(table: string, columns: readonly string[], source: string): string {
  for (const name of [table, ...columns]) {
    if (!identifier.test(name)) throw new Error(`not a plain identifier: ${name}`)
  }
  return `COPY ${table} (${columns.join(', ')}) FROM ${source}`
}

/** Escapes one value for COPY's text format. */
export function copyField(value: CopyValue): string {
  if (value === null || value === undefined) return '\\N'
  const text = String(value)
  return /[\\\t\n\r]/.test(text) ? text.replace(/\\/g, '\\\\').replace(/\t/g, '\\t').replace(/\n/g, '\\n').replace(/\r/g, '\\r') : text
}

function* copyLines(rows: Iterable<readonly CopyValue[]>, counter: { n: number }): Generator<string> {
  let batch = ''
  for (const row of rows) {
    batch += row.map(copyField).join('\t') + '\n'
    counter.n++
    if (batch.length > 1 << 16) {
      yield batch
      batch = ''
    }
  }
  if (batch) yield batch
}

export function createServerBulkLoader(pool: pg.Pool): BulkLoader {
  return {
    async copyRows(table, columns, rows) {
      const client = await pool.connect()
      const counter = { n: 0 }
      try {
        await pipeline(Readable.from(copyLines(rows, counter)), client.query(copyFrom(copyStatement(table, columns, 'STDIN'))))
        return counter.n
      } finally {
        client.release()
      }
    },
  }
}

/** The slice of PGlite the loader needs. */
export interface BlobQueryable {
  query(sql: string, params: unknown[], options: { blob: Blob }): Promise<unknown>
}

/**
 * PGlite runs on the main thread: one COPY of a whole table would block the event loop (and /healthz) for
 * seconds. So rows go in chunks of about `chunkBytes`, yielding to the event loop between them.
 */
export function createEmbeddedBulkLoader(pglite: BlobQueryable, options: { chunkBytes?: number } = {}): BulkLoader {
  const chunkBytes = options.chunkBytes ?? 2 * 1024 * 1024
  return {
    async copyRows(table, columns, rows) {
      const counter = { n: 0 }
      const statement = copyStatement(table, columns, `'/dev/blob'`)
      let parts: string[] = []
      let size = 0
      const flush = async () => {
        if (parts.length === 0) return
        await pglite.query(statement, [], { blob: new Blob(parts) })
        parts = []
        size = 0
        await new Promise<void>((resolve) => setImmediate(resolve))
      }
      for (const part of copyLines(rows, counter)) {
        parts.push(part)
        size += part.length
        if (size >= chunkBytes) await flush()
      }
      await flush()
      return counter.n
    },
  }
}
