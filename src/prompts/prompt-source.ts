/**
 * Where the agent gets its prompt templates: the active version of a named prompt, or a given version (previews).
 * Implemented over the database (admin-curated versions) with the files in `prompts/` as the defaults.
 */
export interface PromptTemplate {
  readonly name: string
  readonly version: number
  /** Template text with {{placeholders}}: {{semantic_layer}}, {{today}}, {{time_zone}}, {{currency}}, {{language}}. */
  readonly text: string
}

export interface PromptSource {
  /** The active version of `name`; throws an AppError('not_found') for an unknown prompt. */
  active(name: string): Promise<PromptTemplate>
  /** One exact version (for previews); throws an AppError('not_found') when it does not exist. */
  version(name: string, version: number): Promise<PromptTemplate>
}

/** Fills {{name}} placeholders; unknown placeholders are left as they are so a typo is visible in previews. */
export function renderPrompt(template: string, values: Readonly<Record<string, string>>): string {
  return template.replace(/\{\{\s*([a-z_]+)\s*\}\}/g, (whole, key: string) => values[key] ?? whole)
}
