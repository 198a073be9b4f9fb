/**
 * The default prompt templates shipped as files: `prompts/<name>.v<N>.md`, e.g. `prompts/analyst-system.v1.md`.
 * A file is one immutable version; a change to a prompt is a new file with the next number.
 */
import { createHash } from 'node:crypto'
import { readdir, readFile } from 'node:fs/promises'
import path from 'node:path'
import { fileURLToPath } from 'node:url'

/** The prompts/ folder of this checkout. */
export const defaultPromptsDirectory = fileURLToPath(new URL('../../prompts/', import.meta.url))

export const promptNamePattern = /^[a-z0-9]+(?:-[a-z0-9]+)*$/
const promptFilePattern = /^([a-z0-9]+(?:-[a-z0-9]+)*)\.v([1-9][0-9]{0,5})\.md$/

export interface PromptFile {
  /** The file name alone, e.g. 'analyst-system.v1.md'. */
  readonly file: string
  readonly name: string
  readonly version: number
  readonly text: string
  readonly checksum: string
}

/** sha256 of the text, hex. */
export const promptChecksum = (text: string): string => createHash('sha256').update(text, 'utf8').digest('hex')

/** Line endings are normalised so a checkout with CRLF endings has the same checksum as one with LF. */
const normaliseFileText = (text: string) => text.replace(/\r\n/g, '\n')

/** Every `<name>.v<N>.md` in the folder, sorted by name and version; other files (README.md) are ignored. */
export async function readPromptFiles(directory: string): Promise<PromptFile[]> {
  const names = (await readdir(directory)).filter((file) => promptFilePattern.test(file))
  const files = await Promise.all(
    names.map(async (file): Promise<PromptFile> => {
      const [, name, version] = promptFilePattern.exec(file)!
      const text = normaliseFileText(await readFile(path.join(directory, file), 'utf8'))
      if (text.trim() === '') throw new Error(`Prompt file ${path.join(directory, file)} is empty.`)
      return { file, name: name!, version: Number(version), text, checksum: promptChecksum(text) }
    }),
  )
  return files.sort((a, b) => (a.name === b.name ? a.version - b.version : a.name < b.name ? -1 : 1))
}
