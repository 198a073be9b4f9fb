import { describe, expect, it } from 'vitest'
import { createProgressUpdater } from './progress-updater.js'

describe('progress updater', () => {
  it('edit at most once per interval, drop repeats, and keep edits in order', async () => {
    let now = 0
    const edits: string[] = []
    const progress = createProgressUpdater({ clock: () => new Date(now), minIntervalMs: 1000, edit: async (text) => void edits.push(text), onError: (error) => { throw error } })
    progress.push('Understanding…')
    now = 400
    progress.push('Planning…')
    now = 1000
    progress.push('Querying…')
    now = 2500
    progress.push('Querying…')
    now = 2600
    progress.push('Drawing…')
    await progress.settle()
    expect(edits).toEqual(['Understanding…', 'Querying…', 'Drawing…'])
  })

  it('report a failed edit and keep going', async () => {
    let now = 0
    const errors: unknown[] = []
    const edits: string[] = []
    const progress = createProgressUpdater({
      clock: () => new Date(now),
      minIntervalMs: 1000,
      edit: async (text) => {
        if (text === 'a') throw new Error('ratelimited')
        edits.push(text)
      },
      onError: (error) => errors.push(error),
    })
    progress.push('a')
    now = 1000
    progress.push('b')
    await progress.settle()
    expect(edits).toEqual(['b'])
    expect(errors).toHaveLength(1)
  })
})
