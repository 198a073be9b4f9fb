import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { afterAll, beforeAll, expect, it } from 'vitest'
import { createPromptLibrary, type PromptLibrary } from '../../src/prompts/prompt-library.js'
import { createScriptedAgent } from '../evals/support/scripted-agent.js'
import { createTestApp, type TestApp } from '../support/test-app.js'
import { describeEachDatabase } from '../support/test-database.js'

const v1 = 'You are the analyst. Today is {{today}}.\n'
const otherV1 = 'Other prompt, first version.\n'
const otherV2 = 'Other prompt, second version.\n'

describeEachDatabase('prompts API', (kind) => {
  let t: TestApp
  let dir: string
  let prompts: PromptLibrary
  beforeAll(async () => {
    t = await createTestApp(kind, { agent: createScriptedAgent(() => ({ refuse: 'out_of_scope' })) })
    dir = await mkdtemp(path.join(os.tmpdir(), 'smx-prompts-'))
    await writeFile(path.join(dir, 'analyst-system.v1.md'), v1)
    await writeFile(path.join(dir, 'other.v1.md'), otherV1)
    await writeFile(path.join(dir, 'other.v2.md'), otherV2)
    await writeFile(path.join(dir, 'README.md'), '# not a prompt\n')
    prompts = createPromptLibrary({ db: t.database.db, directory: dir })
  })
  afterAll(async () => {
    await t?.close()
    if (dir) await rm(dir, { recursive: true, force: true })
  })

  const admin = (method: 'GET' | 'POST', url: string, payload?: object) => t.as(t.keys.admin, { method, url, ...(payload ? { payload } : {}) })

  it('sync inserts the prompt files and activates the newest shipped version of each prompt; a second sync changes nothing', async () => {
    expect(await prompts.syncPromptFiles()).toEqual({ inserted: ['analyst-system@1', 'other@1', 'other@2'], activated: ['analyst-system@1', 'other@2'], unchanged: 0 })
    expect(await prompts.syncPromptFiles()).toEqual({ inserted: [], activated: [], unchanged: 3 })
    expect(await prompts.active('analyst-system')).toEqual({ name: 'analyst-system', version: 1, text: v1 })
    expect(await prompts.version('other', 2)).toEqual({ name: 'other', version: 2, text: otherV2 })
  })

  it('list prompts with their active and latest versions', async () => {
    const response = await admin('GET', '/api/prompts')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json().data).toMatchObject([
      { name: 'analyst-system', activeVersion: 1, latestVersion: 1, versions: 1, activatedBy: 'system:prompt-files' },
      { name: 'other', activeVersion: 2, latestVersion: 2, versions: 2 },
    ])
  })

  it('save a new version as highest + 1, not active, and audited', async () => {
    const response = await admin('POST', '/api/prompts/analyst-system/versions', { text: 'You are the analyst, v2. Today is {{today}}.', note: 'shorter' })
    expect(response.statusCode, response.body).toBe(201)
    expect(response.json()).toMatchObject({ name: 'analyst-system', version: 2, note: 'shorter', source: 'admin', active: false, createdBy: 'admin:admin' })
    expect((await prompts.active('analyst-system')).version).toBe(1)
    const { rows } = await t.database.pool.query(`select action, after from audit_log where entity = 'prompt_versions' and entity_id = 'analyst-system@2'`)
    expect(rows).toMatchObject([{ action: 'create', after: { name: 'analyst-system', version: 2, note: 'shorter' } }])
  })

  it('refuse a new version whose text is already a version, and versions of unknown prompts', async () => {
    const same = await admin('POST', '/api/prompts/analyst-system/versions', { text: v1 })
    expect(same.statusCode, same.body).toBe(409)
    expect(same.json().detail).toContain('already version 1')
    const unknown = await admin('POST', '/api/prompts/no-such-prompt/versions', { text: 'x' })
    expect(unknown.statusCode).toBe(404)
    const empty = await admin('POST', '/api/prompts/analyst-system/versions', { text: '   ' })
    expect(empty.statusCode).toBe(400)
  })

  it('activate a version: the prompt source returns it on the next call, and the history says who switched from which to which', async () => {
    const response = await admin('POST', '/api/prompts/analyst-system/versions/2/activate')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ name: 'analyst-system', fromVersion: 1, toVersion: 2, changed: true, prompt: { activeVersion: 2, canRollBack: true } })
    expect(await prompts.active('analyst-system')).toEqual({ name: 'analyst-system', version: 2, text: 'You are the analyst, v2. Today is {{today}}.' })
    const again = await admin('POST', '/api/prompts/analyst-system/versions/2/activate')
    expect(again.json()).toMatchObject({ changed: false })

    const detail = (await admin('GET', '/api/prompts/analyst-system')).json()
    expect(detail.activeVersion).toBe(2)
    expect(detail.versions.map((v: { version: number; active: boolean }) => [v.version, v.active])).toEqual([[2, true], [1, false]])
    expect(detail.versions[1].text).toBe(v1)
    expect(detail.history).toMatchObject([
      { kind: 'activate', fromVersion: 1, toVersion: 2, activatedBy: 'admin:admin', revertedAt: null },
      { kind: 'initial', fromVersion: null, toVersion: 1, activatedBy: 'system:prompt-files' },
    ])
  })

  it('roll back to the previously active version, then 409 when there is no earlier one', async () => {
    const response = await admin('POST', '/api/prompts/analyst-system/rollback')
    expect(response.statusCode, response.body).toBe(200)
    expect(response.json()).toMatchObject({ fromVersion: 2, toVersion: 1, changed: true, prompt: { activeVersion: 1, canRollBack: false } })
    expect((await prompts.active('analyst-system')).version).toBe(1)
    const history = (await admin('GET', '/api/prompts/analyst-system')).json().history
    expect(history[0]).toMatchObject({ kind: 'rollback', fromVersion: 2, toVersion: 1, reverts: history[1].id })
    expect(history[1].revertedAt).not.toBeNull()

    const none = await admin('POST', '/api/prompts/analyst-system/rollback')
    expect(none.statusCode, none.body).toBe(409)
    expect(none.headers['content-type']).toContain('application/problem+json')
    expect(none.json()).toMatchObject({ code: 'conflict' })
    expect((await prompts.active('analyst-system')).version).toBe(1)
  })

  it('roll back step by step through several activations', async () => {
    await admin('POST', '/api/prompts/other/versions/1/activate')
    await admin('POST', '/api/prompts/other/versions', { text: 'Other prompt, third version.' })
    await admin('POST', '/api/prompts/other/versions/3/activate')
    expect((await prompts.active('other')).version).toBe(3)
    expect((await admin('POST', '/api/prompts/other/rollback')).json()).toMatchObject({ fromVersion: 3, toVersion: 1 })
    expect((await admin('POST', '/api/prompts/other/rollback')).json()).toMatchObject({ fromVersion: 1, toVersion: 2 })
    expect((await admin('POST', '/api/prompts/other/rollback')).statusCode).toBe(409)
    expect((await prompts.active('other')).version).toBe(2)
  })

  it('answer 404 for an unknown prompt or version', async () => {
    expect((await admin('GET', '/api/prompts/nope')).statusCode).toBe(404)
    expect((await admin('POST', '/api/prompts/analyst-system/versions/99/activate')).statusCode).toBe(404)
    expect((await admin('POST', '/api/prompts/nope/rollback')).statusCode).toBe(404)
    await expect(prompts.active('nope')).rejects.toMatchObject({ code: 'not_found' })
    await expect(prompts.version('analyst-system', 99)).rejects.toMatchObject({ code: 'not_found' })
  })

  it('let only admins curate prompts', async () => {
    for (const key of [t.keys.analyst, t.keys.maria]) {
      expect((await t.as(key, { method: 'GET', url: '/api/prompts' })).statusCode).toBe(403)
      expect((await t.as(key, { method: 'POST', url: '/api/prompts/analyst-system/versions', payload: { text: 'hijack' } })).statusCode).toBe(403)
      expect((await t.as(key, { method: 'POST', url: '/api/prompts/analyst-system/versions/1/activate' })).statusCode).toBe(403)
      expect((await t.as(key, { method: 'POST', url: '/api/prompts/analyst-system/rollback' })).statusCode).toBe(403)
    }
    expect((await t.as(undefined, { method: 'GET', url: '/api/prompts' })).statusCode).toBe(401)
  })

  it('stop the sync with an error naming a file that differs from its stored version, writing nothing', async () => {
    await writeFile(path.join(dir, 'other.v1.md'), 'Other prompt, silently edited.\n')
    await writeFile(path.join(dir, 'other.v9.md'), 'A new version shipped together with the edit.\n')
    await expect(prompts.syncPromptFiles()).rejects.toThrow(/prompts\/other\.v1\.md differs from version 1 of "other"/)
    await expect(prompts.version('other', 9)).rejects.toMatchObject({ code: 'not_found' })
    expect((await prompts.version('other', 1)).text).toBe(otherV1)
    await writeFile(path.join(dir, 'other.v1.md'), otherV1)
    await rm(path.join(dir, 'other.v9.md'))
  })

  it('keep stored versions immutable: the database refuses to change a version text', async () => {
    await expect(t.database.pool.query(`update prompt_versions set text = 'changed' where name = 'analyst-system' and version = 1`)).rejects.toThrow(/immutable/)
    expect((await prompts.version('analyst-system', 1)).text).toBe(v1)
  })

  it('show the prompt routes in the OpenAPI document', async () => {
    const paths = Object.keys((await t.app.inject({ method: 'GET', url: '/openapi.json' })).json().paths)
    expect(paths).toEqual(expect.arrayContaining(['/api/prompts', '/api/prompts/{name}', '/api/prompts/{name}/versions', '/api/prompts/{name}/versions/{version}/activate', '/api/prompts/{name}/rollback', '/api/prompts/{name}/versions/{version}/preview']))
  })
})
