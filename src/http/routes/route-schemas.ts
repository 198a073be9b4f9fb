/** Schema pieces shared by the API routes. */
import { z } from 'zod'

export const idParams = z.object({ id: z.coerce.number().int().positive().max(2 ** 53 - 1) })

export const pageQuery = {
  limit: z.coerce.number().int().min(1).max(200).default(50).describe('page size, 1–200'),
  cursor: z.string().max(200).optional().describe('next_cursor from the previous page'),
}

export const problemResponse = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number(),
    detail: z.string(),
    code: z.string(),
    request_id: z.string(),
    errors: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
  })
  .describe('application/problem+json')

export const security = [{ bearerAuth: [] }]
