/**
 * `salesmatrix docs …` as a user runs it: a real process on a temporary embedded database. Each command boots PGlite,
 * so the time limits are generous for a loaded 2-core machine (nothing here measures speed).
 */
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { salesmatrix } from './support/run-salesmatrix.js'


describe('salesmatrix docs', () => {
  let dir: string
  let env: Record<string, string>
  beforeAll(async () => {
    dir = await mkdtemp(path.join(os.tmpdir(), 'smx-docs-'))
    env = { EMBEDDED_DATA_DIR: path.join(dir, 'pglite') }
    await mkdir(path.join(dir, 'library', 'notes'), { recursive: true })
    await writeFile(path.join(dir, 'library', 'policy.md'), '# Returns policy\n\n## Deadlines\n\nCustomers may return unopened goods within 30 days of delivery.\n')
    await writeFile(path.join(dir, 'library', 'notes', 'reuniao.txt'), 'Ata da reunião\n\nDecidimos que o frete é grátis acima de R$ 2.000.\n')
    await writeFile(path.join(dir, 'library', 'photo.png'), Buffer.from([0x89, 0x50, 0x4e, 0x47]))
    await writeFile(path.join(dir, 'library', 'broken.pdf'), '%PDF-1.7 this is not a pdf')
  })
  afterAll(async () => rm(dir, { recursive: true, force: true }))

  it('adds the documents of a folder, reports an unreadable one by name and exits non-zero, skipping files of other types', async () => {
    const added = await salesmatrix(['docs', 'add', path.join(dir, 'library')], env)
    expect(added.code, added.out).toBe(1)
    expect(added.out).toMatch(/✓ .*policy\.md: added "Returns policy" \(\d+ passages?, id \d+\)/)
    expect(added.out).toMatch(/✓ .*reuniao\.txt: added/)
    expect(added.out).toMatch(/✗ .*broken\.pdf: .*broken\.pdf/)
    expect(added.out).not.toContain('photo.png')
    expect(added.out).toContain('2 of 3 file(s) added or already up to date.')
  }, 180_000)

  it('says a document is already up to date when it is added again, and lists the documents', async () => {
    const again = await salesmatrix(['docs', 'add', path.join(dir, 'library', 'policy.md')], env)
    expect(again.code, again.out).toBe(0)
    expect(again.out).toMatch(/= .*policy\.md: already up to date/)
    const listed = await salesmatrix(['docs', 'list'], env)
    expect(listed.out).toMatch(/Returns policy\s+\(policy\.md, markdown, \d+ passages?, v1\)/)
    expect(listed.out).toContain('reuniao.txt')
  }, 180_000)

  it('searches the documents, Portuguese without accents included, and removes one with its passages', async () => {
    const found = await salesmatrix(['docs', 'search', 'frete gratis reuniao'], env)
    expect(found.code, found.out).toBe(0)
    expect(found.out).toMatch(/^\[1\] reuniao .*\n.*Decidimos que o frete é grátis/m)
    const id = /(\d+)\s+Returns policy/.exec((await salesmatrix(['docs', 'list'], env)).out)![1]!
    const removed = await salesmatrix(['docs', 'remove', id], env)
    expect(removed.out).toContain(`Removed document ${id}`)
    expect((await salesmatrix(['docs', 'list'], env)).out).not.toContain('Returns policy')
    expect((await salesmatrix(['docs', 'remove', id], env)).code).toBe(1)
  }, 300_000)
})
