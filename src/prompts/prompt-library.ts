/**
 * The prompt library: a PromptSource over the database (admin-curated versions), seeded from the files in prompts/.
 * `syncPromptFiles()` is an explicit start-up step (nothing happens at import or construction). The active version
 * is read on every call — one primary-key lookup — so an activation or rollback takes effect on the very next turn,
 * on every replica.
 */
import { sql, type Kysely } from 'kysely'
import type { Database } from '../db/schema.js'
import type { Actor } from '../domain/audit/audit.repository.js'
import { AppError } from '../errors/app-error.js'
import { readPromptFiles } from './prompt-files.js'
import {
  activateNewestVersionIfNone,
  activatePromptVersion,
  createPromptVersion,
  findActivePromptText,
  findPromptDetailOrThrow,
  findPromptVersionText,
  insertFilePromptVersion,
  listPrompts,
  rollbackPrompt,
  type ActivationOutcome,
  type PromptDetail,
  type PromptSummary,
  type PromptVersionInfo,
} from './prompt.repository.js'
import type { PromptSource, PromptTemplate } from './prompt-source.js'

/** The analyst agent's system prompt (prompts/analyst-system.v<N>.md). */
export const analystSystemPromptName = 'analyst-system'

/** How eval runs and reports name a prompt version: 'analyst-system@3'. */
export const promptVersionLabel = (prompt: { readonly name: string; readonly version: number }): string => `${prompt.name}@${prompt.version}`

export interface PromptSyncReport {
  /** 'name@version' of each file version inserted now. */
  readonly inserted: readonly string[]
  /** 'name@version' of each version made active because its prompt had none. */
  readonly activated: readonly string[]
  /** File versions already stored with the same text. */
  readonly unchanged: number
}

export interface PromptLibrary extends PromptSource {
  /** Inserts file versions not yet stored and activates the first version of a prompt that has none active. */
  syncPromptFiles(): Promise<PromptSyncReport>
  list(): Promise<PromptSummary[]>
  detail(name: string): Promise<PromptDetail>
  createVersion(name: string, input: { text: string; note?: string | null }, actor: Actor): Promise<PromptVersionInfo>
  activate(name: string, version: number, actor: Actor): Promise<ActivationOutcome>
  rollback(name: string, actor: Actor): Promise<ActivationOutcome>
}

export interface PromptLibraryOptions {
  readonly db: Kysely<Database>
  /** Where the `<name>.v<N>.md` files are (defaultPromptsDirectory in a checkout). */
  readonly directory: string
}

// Any fixed 64-bit number; one sync at a time across replicas (the migration lock is 7_240_193_551).
const PROMPT_SYNC_LOCK_ID = 7_240_193_552
const syncActor = 'system:prompt-files'

export function createPromptLibrary(options: PromptLibraryOptions): PromptLibrary {
  const { db } = options
  return {
    async active(name): Promise<PromptTemplate> {
      const row = await findActivePromptText(db, name)
      if (!row) throw new AppError('not_found', `There is no active version of prompt "${name}"; is prompts/${name}.v1.md there and were the prompt files synced?`, { entity: 'prompt', id: name })
      return { name, version: row.version, text: row.text }
    },

    async version(name, version): Promise<PromptTemplate> {
      const row = await findPromptVersionText(db, name, version)
      if (!row) throw new AppError('not_found', `Prompt "${name}" has no version ${version}.`, { entity: 'prompt_version', id: promptVersionLabel({ name, version }) })
      return { name, version: row.version, text: row.text }
    },

    async syncPromptFiles() {
      const files = await readPromptFiles(options.directory)
      return db.transaction().execute(async (trx) => {
        await sql`select pg_advisory_xact_lock(${PROMPT_SYNC_LOCK_ID})`.execute(trx)
        const inserted: string[] = []
        const activated: string[] = []
        let unchanged = 0
        for (const file of files) {
          const stored = await trx.selectFrom('prompt_versions').select(['checksum', 'source']).where('name', '=', file.name).where('version', '=', file.version).executeTakeFirst()
          if (!stored) {
            await insertFilePromptVersion(trx, file, syncActor)
            inserted.push(promptVersionLabel(file))
          } else if (stored.checksum !== file.checksum) {
            throw new AppError(
              'conflict',
              `Prompt file prompts/${file.file} differs from version ${file.version} of "${file.name}" stored in the database` +
                (stored.source === 'admin' ? ' (written by an admin)' : '') +
                `. Prompt versions are immutable: restore the file and save the change as a new file with the next free version number.`,
              { file: file.file },
            )
          } else {
            unchanged++
          }
        }
        for (const name of new Set(files.map((f) => f.name))) {
          const first = await activateNewestVersionIfNone(trx, name, syncActor)
          if (first !== undefined) activated.push(promptVersionLabel({ name, version: first }))
        }
        return { inserted, activated, unchanged }
      })
    },

    list: () => listPrompts(db),
    detail: (name) => findPromptDetailOrThrow(db, name),
    createVersion: (name, input, actor) => createPromptVersion(db, { name, text: input.text, note: input.note ?? null }, actor),
    activate: (name, version, actor) => activatePromptVersion(db, name, version, actor),
    rollback: (name, actor) => rollbackPrompt(db, name, actor),
  }
}
