import { sql } from 'kysely'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createTestDatabase, describeEachDatabase, type TestDatabase } from '../../support/test-database.js'

describeEachDatabase('documents schema (migration 013)', (kind) => {
  let t: TestDatabase
  beforeAll(async () => {
    t = await createTestDatabase(kind)
  })
  afterAll(async () => t?.close())

  it('is not readable by the analytics reader roles, so guarded Text-to-SQL never sees documents', async () => {
    const { rows } = await sql<{ reader: string; relation: string; readable: boolean }>`
      select r.reader, t.relation, has_table_privilege(r.reader, t.relation, 'select') as readable
      from unnest(array['salesmatrix_reader', 'salesmatrix_reader_pii']) as r (reader)
      cross join unnest(array['documents', 'document_chunks', 'document_embedding_space']) as t (relation)
    `.execute(t.db)
    expect(rows).toHaveLength(6)
    expect(rows.filter((r) => r.readable)).toEqual([])
  })

  it('indexes section and text accent-free in English and Portuguese, in generated columns', async () => {
    const { rows: [document] } = await sql<{ id: number }>`
      insert into documents (source, title, file_name, format, uploaded_by, content_hash, page_count, chunk_count)
      values ('c.md', 'C', 'c.md', 'markdown', 'test', ${'a'.repeat(64)}, 1, 1) returning id
    `.execute(t.db)
    await sql`insert into document_chunks (document_id, ordinal, text, section) values (${document!.id}, 0, 'A comissão é paga em março.', 'Políticas')`.execute(t.db)
    const { rows } = await sql<{ pt: string; en: string; found: boolean }>`
      select search_pt::text as pt, search_en::text as en,
             search_pt @@ plainto_tsquery('salesmatrix_pt', 'comissao marco politicas') as found
      from document_chunks
    `.execute(t.db)
    expect(rows[0]!.found).toBe(true)
    expect(rows[0]!.pt).toContain("'comissa'")
    expect(rows[0]!.pt).toMatch(/'polit[a-z]*':1C/)
    expect(rows[0]!.en).not.toMatch(/[ãéí]/)
  })

  it('refuses unknown roles, formats and malformed hashes', async () => {
    const insert = (values: { roles?: string[]; format?: string; hash?: string }) =>
      sql`insert into documents (source, title, file_name, format, uploaded_by, content_hash, page_count, chunk_count, visible_roles)
          values (${`x-${Math.random()}`}, 'X', 'x.md', ${values.format ?? 'markdown'}, 'test', ${values.hash ?? 'b'.repeat(64)}, 1, 0, ${values.roles ?? []}::text[])`.execute(t.db)
    await expect(insert({ roles: ['intern'] })).rejects.toMatchObject({ code: '23514' })
    await expect(insert({ format: 'exe' })).rejects.toMatchObject({ code: '23514' })
    await expect(insert({ hash: 'not-a-hash' })).rejects.toMatchObject({ code: '23514' })
  })
})
