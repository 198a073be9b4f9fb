import { mkdtemp, rm, writeFile } from 'node:fs/promises'
import os from 'node:os'
import path from 'node:path'
import { describe, expect, it } from 'vitest'
import { semanticLayerPrompt } from '../semantic/describe-semantic-layer.js'
import { defaultPromptsDirectory, promptChecksum, readPromptFiles } from './prompt-files.js'
import { renderPrompt } from './prompt-source.js'

describe('prompt files', () => {
  it('ship the analyst system prompt as version 1, with every placeholder the agent fills', async () => {
    const files = await readPromptFiles(defaultPromptsDirectory)
    const analyst = files.find((f) => f.name === 'analyst-system' && f.version === 1)
    expect(analyst?.file).toBe('analyst-system.v1.md')
    for (const placeholder of ['{{semantic_layer}}', '{{today}}', '{{time_zone}}', '{{currency}}', '{{language}}']) expect(analyst!.text).toContain(placeholder)
    for (const tool of ['query_metrics', 'run_sql', 'describe_data']) expect(analyst!.text).toContain(tool)
    const rendered = renderPrompt(analyst!.text, {
      semantic_layer: semanticLayerPrompt('en'),
      today: '2026-06-30',
      time_zone: 'America/Sao_Paulo',
      currency: 'BRL',
      language: 'English',
    })
    expect(rendered).not.toMatch(/\{\{/)
    expect(rendered).toContain('Today is 2026-06-30 in the time zone America/Sao_Paulo')
  })

  it('read <name>.v<N>.md files only, sorted, with CRLF endings checksummed like LF', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'smx-prompt-files-'))
    try {
      await writeFile(path.join(dir, 'b.v2.md'), 'two\r\n')
      await writeFile(path.join(dir, 'b.v10.md'), 'ten\n')
      await writeFile(path.join(dir, 'a.v1.md'), 'one\n')
      await writeFile(path.join(dir, 'README.md'), 'docs\n')
      await writeFile(path.join(dir, 'c.v01.md'), 'leading zero: not a version\n')
      const files = await readPromptFiles(dir)
      expect(files.map((f) => `${f.name}@${f.version}`)).toEqual(['a@1', 'b@2', 'b@10'])
      expect(files[1]!.text).toBe('two\n')
      expect(files[1]!.checksum).toBe(promptChecksum('two\n'))
    } finally {
      await rm(dir, { recursive: true, force: true })
    }
  })
})
