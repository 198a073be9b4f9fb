/**
 * `salesmatrix docs add PATH… | list | remove ID | search "QUESTION"`: manage the sales documents from the terminal.
 * Folders are walked for the supported extensions; each file is its own transaction, so one unreadable file is
 * reported and skipped while the others are added. Exit code 1 when any file failed.
 */
import { readdir, readFile, stat } from 'node:fs/promises'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { AppError, isAppError } from '../errors/app-error.js'
import type { SqlPrincipal } from '../sql-guard/index.js'
import type { DocumentIngestion, DocumentReader, DocumentStore, IngestResult } from './document-contract.js'

/** The extensions `docs add` picks up from a folder (a named file is always tried). */
export const documentExtensions = ['.md', '.markdown', '.txt', '.text', '.html', '.htm', '.pdf', '.docx', '.csv', '.xlsx']

export interface DocumentsCommandContext {
  /** Opens the database and the document services and runs `work` with them. */
  withDocuments(work: (deps: { store: DocumentStore; ingestion: DocumentIngestion; readerOf: (principal: SqlPrincipal) => Promise<DocumentReader> }) => Promise<number>): Promise<number>
  readonly user: string
  readonly print: (line: string) => void
}

export const documentsUsage = 'docs add PATH… [--source S] [--title T] [--roles r1,r2] [--regions 1,2] | docs list | docs remove ID | docs search "QUESTION" [--as-rep ID] [--limit N]'

export async function runDocumentsCommand(args: string[], context: DocumentsCommandContext): Promise<number> {
  const [sub, ...rest] = args
  const { values, positionals } = parseArgs({
    args: rest,
    allowPositionals: true,
    options: { source: { type: 'string' }, title: { type: 'string' }, roles: { type: 'string' }, regions: { type: 'string' }, 'as-rep': { type: 'string' }, limit: { type: 'string' }, json: { type: 'boolean' } },
  })
  switch (sub) {
    case 'add': {
      if (positionals.length === 0) throw new AppError('bad_request', `Name the files or folders to add: salesmatrix ${documentsUsage}`)
      const files = (await Promise.all(positionals.map(filesUnder))).flat()
      if (files.length === 0) throw new AppError('bad_request', `No documents (${documentExtensions.join(' ')}) under ${positionals.join(', ')}.`)
      if (files.length > 1 && (values.source || values.title)) throw new AppError('bad_request', '--source and --title name one document: add one file at a time with them.')
      const visibility = { roles: listOf(values.roles) as SqlPrincipal['role'][], regionIds: listOf(values.regions).map(Number) }
      return context.withDocuments(async ({ ingestion }) => {
        let failed = 0
        for (const file of files) {
          try {
            const bytes = await readFile(file)
            const result = await ingestion.ingestFile({ fileName: path.basename(file), bytes, uploadedBy: `cli:${context.user}`, visibility, ...(values.source ? { source: values.source } : {}), ...(values.title ? { title: values.title } : {}) })
            context.print(describeIngest(file, result))
          } catch (error) {
            if (!isAppError(error)) throw error
            failed++
            context.print(`✗ ${file}: ${error.message}`)
          }
        }
        context.print(`${files.length - failed} of ${files.length} file(s) added or already up to date.`)
        return failed ? 1 : 0
      })
    }
    case 'list':
      return context.withDocuments(async ({ store }) => {
        const documents = await store.list()
        if (values.json) context.print(JSON.stringify(documents, null, 2))
        else if (documents.length === 0) context.print('No documents yet: salesmatrix docs add PATH…')
        else for (const d of documents) context.print(`${String(d.id).padStart(4)}  ${d.title}  (${d.fileName}, ${d.format}, ${d.chunkCount} passages, v${d.version}${d.visibility.roles.length || d.visibility.regionIds.length ? ', restricted' : ''})`)
        return 0
      })
    case 'remove': {
      const id = Number(positionals[0])
      if (!Number.isSafeInteger(id) || id <= 0) throw new AppError('bad_request', 'Give the document id: salesmatrix docs remove 3 (ids: salesmatrix docs list)')
      return context.withDocuments(async ({ store }) => {
        if (!(await store.remove(id))) throw new AppError('not_found', `There is no document ${id}.`)
        context.print(`Removed document ${id} and its passages.`)
        return 0
      })
    }
    case 'search': {
      const question = positionals.join(' ').trim()
      if (question.length < 2) throw new AppError('bad_request', 'Give a question: salesmatrix docs search "maximum discount for enterprise customers"')
      const repId = values['as-rep'] === undefined ? undefined : Number(values['as-rep'])
      if (repId !== undefined && (!Number.isSafeInteger(repId) || repId <= 0)) throw new AppError('bad_request', '--as-rep takes a sales rep id')
      const limit = values.limit === undefined ? 5 : Number(values.limit)
      const principal: SqlPrincipal = repId === undefined ? { userId: `cli:${context.user}`, role: 'admin' } : { userId: `cli:${context.user}`, role: 'rep', repId }
      return context.withDocuments(async ({ store, readerOf }) => {
        const passages = await store.search(question, await readerOf(principal), { limit })
        if (values.json) context.print(JSON.stringify(passages, null, 2))
        else if (passages.length === 0) context.print('No passage matched.')
        else passages.forEach((p, i) => context.print(`[${i + 1}] ${p.title}${p.section ? ` — ${p.section}` : ''}${p.page ? `, p. ${p.page}` : ''}  (score ${p.score.toFixed(4)})\n    ${p.text.replace(/\s+/g, ' ').slice(0, 300)}`))
        return 0
      })
    }
    default:
      throw new AppError('bad_request', `Usage: salesmatrix ${documentsUsage}`)
  }
}

function describeIngest(file: string, result: IngestResult): string {
  const d = result.document
  switch (result.status) {
    case 'created':
      return `✓ ${file}: added "${d.title}" (${d.chunkCount} passages, id ${d.id})`
    case 'replaced':
      return `✓ ${file}: replaced "${d.title}" with version ${d.version} (${d.chunkCount} passages, id ${d.id})`
    case 'unchanged':
      return `= ${file}: already up to date ("${d.title}", id ${d.id})`
  }
}

async function filesUnder(target: string): Promise<string[]> {
  const info = await stat(target).catch((error: NodeJS.ErrnoException) => {
    throw new AppError('bad_request', `Cannot read ${target}: ${error.code ?? error.message}`)
  })
  if (info.isFile()) return [target]
  const entries = await readdir(target, { withFileTypes: true })
  const nested = await Promise.all(
    entries
      .filter((e) => !e.name.startsWith('.'))
      .sort((a, b) => a.name.localeCompare(b.name))
      .map((e) => (e.isDirectory() ? filesUnder(path.join(target, e.name)) : Promise.resolve(documentExtensions.includes(path.extname(e.name).toLowerCase()) ? [path.join(target, e.name)] : []))),
  )
  return nested.flat()
}

function listOf(value: string | undefined): string[] {
  return (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)
}
