/**
 * Bulk import of sales from CSV or XLSX, sent as the raw request body
 * (`curl --data-binary @sales.xlsx -H 'content-type: application/vnd.openxmlformats-officedocument.spreadsheetml.sheet'`).
 */
import { z } from 'zod'
import type { FastifyInstance } from 'fastify'
import type { ZodTypeProvider } from 'fastify-type-provider-zod'
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import { detectImportFormat, importSalesFile } from '../../import/import-sales-file.js'
import { AppError } from '../../errors/app-error.js'
import { actorOf, requireRole } from '../authenticate.js'
import { security } from './route-schemas.js'

const fileTypes = ['text/csv', 'application/csv', 'text/plain', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet', 'application/octet-stream']

const importQuery = z.object({
  mode: z.enum(['all-or-nothing', 'partial']).default('all-or-nothing').describe('all-or-nothing: any bad row and nothing is written; partial: valid orders are written, bad rows reported'),
  filename: z.string().max(200).optional().describe('original file name, for the report and format detection'),
})

export function registerImportRoutes(app: FastifyInstance, deps: { db: Kysely<Database>; importLimitBytes: number }): void {
  app.addContentTypeParser(fileTypes, { parseAs: 'buffer', bodyLimit: deps.importLimitBytes }, (_request, body, done) => done(null, body))
  app.withTypeProvider<ZodTypeProvider>().post(
    '/api/imports/sales',
    {
      schema: { tags: ['imports'], security, summary: 'Import sales lines from a CSV or XLSX file (one row per order line)', querystring: importQuery },
      preHandler: requireRole(['admin']),
      bodyLimit: deps.importLimitBytes,
    },
    async (request, reply) => {
      const content = request.body
      if (!Buffer.isBuffer(content) || content.length === 0) throw new AppError('bad_request', 'Send the file as the request body with content-type text/csv or the XLSX type.')
      const format = detectImportFormat(request.query.filename, request.headers['content-type'], content)
      const report = await importSalesFile(deps.db, { content, format, filename: request.query.filename, mode: request.query.mode, actor: actorOf(request) })
      // A rejected all-or-nothing file is the client's input problem: 422 with the full report.
      return reply.code(report.committed ? 200 : 422).send(report)
    },
  )
}
