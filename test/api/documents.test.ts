/**
 * The documents API: an admin adds files (multipart or raw body), re-adding is a no-op, a new version replaces the
 * passages, deleting removes them; unreadable files get a clear error and leave nothing; every key searches only
 * what it may read.
 */
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

const markdown = (body: string) => `# Discount policy\n\n## Enterprise\n\n${body}\n\n## SMB\n\nSMB customers may receive up to 8% off list.\n`

function multipart(fileName: string, content: string | Buffer, fields: Record<string, string> = {}, contentType = 'text/markdown') {
  const boundary = '----salesmatrix-test-boundary'
  const parts: Buffer[] = []
  for (const [name, value] of Object.entries(fields)) parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`))
  parts.push(Buffer.from(`--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="${fileName}"\r\ncontent-type: ${contentType}\r\n\r\n`), Buffer.from(content), Buffer.from(`\r\n--${boundary}--\r\n`))
  return { payload: Buffer.concat(parts), headers: { 'content-type': `multipart/form-data; boundary=${boundary}` } }
}

describeEachDatabase('the documents API', (kind) => {
  let t: TestApp
  const upload = (fileName: string, content: string | Buffer, fields: Record<string, string> = {}, key = t.keys.admin, contentType?: string) =>
    t.as(key, { method: 'POST', url: '/api/documents', ...multipart(fileName, content, fields, contentType) })
  const chunkCount = async () => (await t.database.pool.query<{ n: number }>('select count(*)::int as n from document_chunks')).rows[0]!.n

  beforeAll(async () => {
    t = await createTestApp(kind, { documents: { maxBytes: 256 * 1024 } })
  })
  afterAll(async () => t?.close())

  it('adds an uploaded Markdown file with its metadata, and re-adding the same content changes nothing', async () => {
    const first = await upload('discounts.md', markdown('Enterprise customers may receive up to 15% off list price.'))
    expect(first.statusCode, first.body).toBe(201)
    const document = first.json().document
    expect(first.json().status).toBe('created')
    expect(document).toMatchObject({ title: 'Discount policy', file_name: 'discounts.md', format: 'markdown', version: 1, uploaded_by: 'api:admin', visibility: { roles: [], region_ids: [] } })
    expect(document.chunk_count).toBeGreaterThanOrEqual(2)
    expect(document.content_hash).toMatch(/^[0-9a-f]{64}$/)
    const again = await upload('discounts.md', markdown('Enterprise customers may receive up to 15% off list price.'))
    expect(again.statusCode).toBe(200)
    expect(again.json()).toMatchObject({ status: 'unchanged', document: { id: document.id, version: 1, updated_at: document.updated_at } })
  })

  it('replaces the passages when a new version of the document arrives, and shows the chunks with their sections', async () => {
    const before = (await t.as(t.keys.admin, { method: 'GET', url: '/api/documents' })).json().data.find((d: { file_name: string }) => d.file_name === 'discounts.md')
    const replaced = await upload('discounts.md', markdown('Enterprise customers may receive up to 12% off list price from July.'))
    expect(replaced.json()).toMatchObject({ status: 'replaced', document: { id: before.id, version: 2 } })
    const detail = (await t.as(t.keys.admin, { method: 'GET', url: `/api/documents/${before.id}` })).json()
    const texts = detail.chunks.map((c: { text: string }) => c.text).join('\n')
    expect(texts).toContain('12% off list price from July')
    expect(texts).not.toContain('15% off')
    expect(detail.chunks.map((c: { section: string }) => c.section)).toContain('Discount policy › Enterprise')
  })

  it('accepts the raw file as the body with ?filename=, and restricts visibility by role', async () => {
    const response = await t.as(t.keys.admin, {
      method: 'POST',
      url: '/api/documents?filename=board.md&visible_roles=admin,director',
      payload: '# Board memo\n\nThe zephyr acquisition budget is confidential.\n',
      headers: { 'content-type': 'text/markdown' },
    })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json().document.visibility).toEqual({ roles: ['admin', 'director'], region_ids: [] })
    const asAdmin = await t.as(t.keys.admin, { method: 'GET', url: '/api/documents/search?q=zephyr%20acquisition%20budget' })
    expect(asAdmin.json().data[0]).toMatchObject({ file_name: 'board.md', section: 'Board memo' })
    const asRep = await t.as(t.keys.maria, { method: 'GET', url: '/api/documents/search?q=zephyr%20acquisition%20budget' })
    expect(asRep.statusCode).toBe(200)
    expect(asRep.json().data.map((p: { file_name: string }) => p.file_name)).not.toContain('board.md')
  })

  it('changes who may read a document without re-uploading it, and refuses an unknown role', async () => {
    const created = (await upload('memo.md', '# Memo\n\nThe walrus pricing exception for Q3 is approved.')).json().document
    const search = (key: string) => t.as(key, { method: 'GET', url: '/api/documents/search?q=walrus%20pricing%20exception' })
    expect((await search(t.keys.maria)).json().data.map((p: { file_name: string }) => p.file_name)).toContain('memo.md')
    const patched = await t.as(t.keys.admin, { method: 'PATCH', url: `/api/documents/${created.id}`, payload: { visible_roles: ['admin', 'director'] } })
    expect(patched.statusCode, patched.body).toBe(200)
    expect(patched.json()).toMatchObject({ id: created.id, version: 1, chunk_count: created.chunk_count, visibility: { roles: ['admin', 'director'], region_ids: [] } })
    expect((await search(t.keys.maria)).json().data.map((p: { file_name: string }) => p.file_name)).not.toContain('memo.md')
    expect((await t.as(t.keys.admin, { method: 'PATCH', url: `/api/documents/${created.id}`, payload: { visible_roles: ['ceo'] } })).statusCode).toBe(400)
    expect((await t.as(t.keys.maria, { method: 'PATCH', url: `/api/documents/${created.id}`, payload: { visible_roles: [] } })).statusCode).toBe(403)
  })

  it('restricts a document to a region: that region’s rep finds it, another region’s rep does not', async () => {
    const response = await upload('sul.md', '# Campanha Sul\n\nA campanha quokka paga bônus só na região Sul.\n', { visible_region_ids: String(t.fixture.regionIds.sul) })
    expect(response.statusCode).toBe(201)
    const search = (key: string) => t.as(key, { method: 'GET', url: '/api/documents/search?q=campanha%20quokka' })
    expect((await search(t.keys.maria)).json().data.map((p: { file_name: string }) => p.file_name)).toContain('sul.md')
    expect((await search(t.keys.joao)).json().data.map((p: { file_name: string }) => p.file_name)).not.toContain('sul.md')
  })

  it('refuses an unsupported file with 415, a corrupt PDF with 422, naming the file, and writes nothing', async () => {
    const before = await chunkCount()
    const exe = await upload('setup.exe', Buffer.from([0x4d, 0x5a, 0x90, 0x00, 0x03]), {}, t.keys.admin, 'application/octet-stream')
    expect(exe.statusCode).toBe(415)
    expect(exe.json().detail).toContain('setup.exe')
    const pdf = await upload('broken.pdf', Buffer.from('%PDF-1.7\n this is not really a pdf'), {}, t.keys.admin, 'application/pdf')
    expect(pdf.statusCode).toBe(422)
    expect(pdf.json().detail).toContain('broken.pdf')
    const empty = await upload('empty.md', '   \n\u200B\n', {})
    expect(empty.statusCode).toBe(422)
    expect(await chunkCount()).toBe(before)
  })

  it('refuses a document larger than the limit with 413, and a bad visibility with 400', async () => {
    const big = await upload('big.md', `# Big\n\n${'lorem ipsum '.repeat(30_000)}`)
    expect(big.statusCode).toBe(413)
    const badRole = await upload('x.md', '# X\n\nText.', { visible_roles: 'ceo' })
    expect(badRole.statusCode).toBe(400)
    expect(badRole.json().detail).toContain('ceo')
  })

  it('lets only admins add, list and delete documents', async () => {
    expect((await upload('rep.md', '# Rep\n\nA rep tries to upload.', {}, t.keys.maria)).statusCode).toBe(403)
    expect((await t.as(t.keys.analyst, { method: 'GET', url: '/api/documents' })).statusCode).toBe(403)
    expect((await t.as(t.keys.maria, { method: 'DELETE', url: '/api/documents/1' })).statusCode).toBe(403)
  })

  it('deletes a document with its passages', async () => {
    const created = (await upload('temp.md', '# Temporary\n\nA passage about the walrus clause.')).json().document
    const before = await chunkCount()
    expect((await t.as(t.keys.admin, { method: 'DELETE', url: `/api/documents/${created.id}` })).statusCode).toBe(204)
    expect(await chunkCount()).toBe(before - created.chunk_count)
    expect((await t.as(t.keys.admin, { method: 'GET', url: `/api/documents/${created.id}` })).statusCode).toBe(404)
    expect((await t.as(t.keys.admin, { method: 'DELETE', url: `/api/documents/${created.id}` })).statusCode).toBe(404)
  })
})
