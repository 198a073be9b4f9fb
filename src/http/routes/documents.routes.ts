/**
 * Sales documents for answers with citations: admins add (multipart upload, or the raw file as the body with
 * `?filename=`), list, inspect and delete them; every key can search them as its own reader (visibility applies).
 */
import multipart from '@fastify/multipart'
import { z } from 'zod'
import type { FastifyInstance, FastifyRequest } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { sqlPrincipalRoles } from '../../sql-guard/index.js'
import type { DocumentIngestion, DocumentStore, DocumentVisibility, StoredDocument } from '../../documents/document-contract.js'
import { createDocumentReaderResolver } from '../../documents/document-reader.js'
import { AppError } from '../../errors/app-error.js'
import { principalOf, requireRole } from '../authenticate.js'
import { sqlPrincipalOf } from './chat.routes.js'
import { idParams, security } from './route-schemas.js'

export interface DocumentRouteDeps {
  readonly db: Kysely<Database>
  readonly store: DocumentStore
  readonly ingestion: DocumentIngestion
  readonly maxBytes: number
}

const listOf = (value: string | undefined) => (value ?? '').split(',').map((v) => v.trim()).filter(Boolean)

const visibilityFields = z.object({
  visible_roles: z.string().max(200).optional().describe('comma-separated roles that may read it (admin, director, analyst, rep); empty = everyone'),
  visible_region_ids: z.string().max(500).optional().describe('comma-separated region ids whose reps may read it; empty = every region'),
  title: z.string().trim().min(1).max(300).optional(),
  source: z.string().trim().min(1).max(300).optional().describe('stable identity across versions (default: the file name)'),
})
const rawUploadQuery = visibilityFields.extend({ filename: z.string().trim().min(1).max(200).optional().describe('the file name, required when the body is the raw file') })
const searchQuery = z.object({ q: z.string().trim().min(2).max(500), limit: z.coerce.number().int().min(1).max(20).default(5) })

function visibilityOf(fields: { visible_roles?: string | undefined; visible_region_ids?: string | undefined }): DocumentVisibility {
  const roles = listOf(fields.visible_roles)
  const unknown = roles.filter((r) => !(sqlPrincipalRoles as readonly string[]).includes(r))
  if (unknown.length) throw new AppError('validation_failed', `Unknown role(s) ${unknown.join(', ')}; use ${sqlPrincipalRoles.join(', ')}.`, { fields: [{ path: 'visible_roles', message: 'unknown role' }] })
  const regionIds = listOf(fields.visible_region_ids).map(Number)
  if (regionIds.some((id) => !Number.isSafeInteger(id) || id <= 0)) throw new AppError('validation_failed', 'visible_region_ids must be positive region ids, comma-separated.', { fields: [{ path: 'visible_region_ids', message: 'not a region id' }] })
  return { roles: roles as DocumentVisibility['roles'], regionIds }
}

export const presentDocument = (d: StoredDocument) => ({
  id: d.id,
  source: d.source,
  title: d.title,
  file_name: d.fileName,
  format: d.format,
  uploaded_by: d.uploadedBy,
  visibility: { roles: d.visibility.roles, region_ids: d.visibility.regionIds },
  content_hash: d.contentHash,
  page_count: d.pageCount,
  chunk_count: d.chunkCount,
  version: d.version,
  created_at: d.createdAt,
  updated_at: d.updatedAt,
})

/** The uploaded file and its fields, from a multipart form (field "file") or a raw body. */
async function uploadedFile(request: FastifyRequest, maxBytes: number): Promise<{ fileName: string; bytes: Buffer; contentType?: string; fields: Record<string, string | undefined> }> {
  if (request.isMultipart()) {
    const fields: Record<string, string | undefined> = {}
    let file: { fileName: string; bytes: Buffer; contentType: string } | undefined
    for await (const part of request.parts({ limits: { fileSize: maxBytes, files: 1, fields: 10 } })) {
      if (part.type === 'file') {
        const bytes = await part.toBuffer()
        if (part.file.truncated) throw new AppError('payload_too_large', `${part.filename} is larger than the ${Math.round(maxBytes / 1024 / 1024)} MB limit for documents.`)
        file = { fileName: part.filename, bytes, contentType: part.mimetype }
      } else {
        fields[part.fieldname] = typeof part.value === 'string' ? part.value : undefined
      }
    }
    if (!file) throw new AppError('bad_request', 'Send the document in a multipart field named "file" (curl -F file=@playbook.pdf).')
    return { ...file, fields }
  }
  const body = request.body
  const query = rawUploadQuery.parse(request.query)
  if (!Buffer.isBuffer(body) || body.length === 0) throw new AppError('bad_request', 'Send the document as multipart (curl -F file=@playbook.pdf) or as the raw body with ?filename=.')
  if (!query.filename) throw new AppError('bad_request', 'A raw upload needs ?filename= (e.g. ?filename=playbook.pdf).')
  return { fileName: query.filename, bytes: body, ...(request.headers['content-type'] ? { contentType: request.headers['content-type'] } : {}), fields: query }
}

export async function registerDocumentRoutes(api: FastifyInstance, deps: DocumentRouteDeps): Promise<void> {
  await api.register(multipart, { limits: { fileSize: deps.maxBytes } })
  const readerOf = createDocumentReaderResolver(deps.db)
  const r = api.withTypeProvider<ZodTypeProvider>()
  const admins = requireRole(['admin'])
  const tags = ['documents']
  const rawTypes = ['text/markdown', 'text/html', 'application/pdf', 'application/vnd.openxmlformats-officedocument.wordprocessingml.document']
  api.addContentTypeParser(rawTypes, { parseAs: 'buffer', bodyLimit: deps.maxBytes }, (_request, body, done) => done(null, body))

  r.post(
    '/api/documents',
    {
      schema: { tags, security, summary: 'Add a document (Markdown, text, HTML, PDF, DOCX, CSV, XLSX): multipart field "file", or the raw body with ?filename=', querystring: rawUploadQuery },
      preHandler: admins,
      bodyLimit: deps.maxBytes,
    },
    async (request, reply) => {
      const upload = await uploadedFile(request, deps.maxBytes)
      const fields = visibilityFields.parse(upload.fields)
      const principal = principalOf(request)
      const result = await deps.ingestion.ingestFile({
        fileName: upload.fileName,
        bytes: upload.bytes,
        ...(upload.contentType ? { contentType: upload.contentType } : {}),
        uploadedBy: `api:${principal.name}`,
        visibility: visibilityOf(fields),
        ...(fields.source ? { source: fields.source } : {}),
        ...(fields.title ? { title: fields.title } : {}),
      })
      return reply.code(result.status === 'created' ? 201 : 200).send({ status: result.status, document: presentDocument(result.document) })
    },
  )
  r.get('/api/documents', { schema: { tags, security, summary: 'Every document with its metadata' }, preHandler: admins }, async () => ({ data: (await deps.store.list()).map(presentDocument) }))
  r.get('/api/documents/search', { schema: { tags, security, summary: 'Hybrid search (vectors + full text) over the documents this key may read', querystring: searchQuery } }, async (request) => {
    const reader = await readerOf(sqlPrincipalOf(principalOf(request)))
    const passages = await deps.store.search(request.query.q, reader, { limit: request.query.limit })
    return {
      data: passages.map((p) => ({ document_id: p.documentId, chunk_id: p.chunkId, title: p.title, file_name: p.fileName, section: p.section ?? null, page: p.page ?? null, text: p.text, score: p.score, vector_rank: p.vectorRank ?? null, text_rank: p.textRank ?? null })),
    }
  })
  r.get('/api/documents/:id', { schema: { tags, security, summary: 'A document with its chunks', params: idParams }, preHandler: admins }, async (request) => {
    const document = await deps.store.get(request.params.id)
    if (!document) throw new AppError('not_found', `There is no document ${request.params.id}.`)
    return { ...presentDocument(document), chunks: document.chunks.map((c) => ({ id: c.id, ordinal: c.ordinal, section: c.section ?? null, page: c.page ?? null, text: c.text })) }
  })
  const patchBody = z
    .object({
      title: z.string().trim().min(1).max(300).optional(),
      visible_roles: z.array(z.string()).max(10).optional().describe('roles that may read it; [] = everyone'),
      visible_region_ids: z.array(z.number().int().positive()).max(100).optional().describe("region ids whose reps may read it; [] = every region"),
    })
    .strict()
  r.patch('/api/documents/:id', { schema: { tags, security, summary: 'Change a document’s title or who may read it (its passages stay)', params: idParams, body: patchBody }, preHandler: admins }, async (request) => {
    const body = request.body
    const current = await deps.store.get(request.params.id)
    if (!current) throw new AppError('not_found', `There is no document ${request.params.id}.`)
    const visibility =
      body.visible_roles !== undefined || body.visible_region_ids !== undefined
        ? visibilityOf({
            visible_roles: (body.visible_roles ?? current.visibility.roles).join(','),
            visible_region_ids: (body.visible_region_ids ?? current.visibility.regionIds).join(','),
          })
        : undefined
    const updated = await deps.store.updateMetadata(request.params.id, { ...(body.title ? { title: body.title } : {}), ...(visibility ? { visibility } : {}) })
    if (!updated) throw new AppError('not_found', `There is no document ${request.params.id}.`)
    return presentDocument(updated)
  })
  r.delete('/api/documents/:id', { schema: { tags, security, summary: 'Delete a document and its chunks', params: idParams }, preHandler: admins }, async (request, reply) => {
    if (!(await deps.store.remove(request.params.id))) throw new AppError('not_found', `There is no document ${request.params.id}.`)
    return reply.code(204).send()
  })
}
