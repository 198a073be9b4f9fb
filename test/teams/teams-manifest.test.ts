/** The Teams app package's parts: what Teams' validator would refuse (sizes, lengths, scopes) is checked here first. */
import { readFile } from 'node:fs/promises'
import { describe, expect, it } from 'vitest'

const folder = new URL('../../deploy/teams/', import.meta.url)

interface Manifest {
  manifestVersion: string
  id: string
  icons: { color: string; outline: string }
  bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string; description: string }[] }[] }[]
  validDomains: string[]
}

/** Width and height from a PNG's IHDR chunk. */
async function pngSize(name: string): Promise<[number, number]> {
  const png = await readFile(new URL(name, folder))
  expect(png.subarray(1, 4).toString()).toBe('PNG')
  return [png.readUInt32BE(16), png.readUInt32BE(20)]
}

describe('the Teams app manifest', () => {
  it('is a v1.17 bot for personal chats, teams and group chats, with the app id left for packaging', async () => {
    const manifest = JSON.parse(await readFile(new URL('manifest.json', folder), 'utf8')) as Manifest
    expect(manifest.manifestVersion).toBe('1.17')
    expect(manifest.id).toBe('${TEAMS_APP_ID}')
    expect(manifest.bots[0]!.botId).toBe('${TEAMS_APP_ID}')
    expect(manifest.bots[0]!.scopes).toEqual(['personal', 'team', 'groupChat'])
    expect(manifest.validDomains.length).toBeGreaterThan(0)
    const commands = manifest.bots[0]!.commandLists.flatMap((list) => list.commands)
    expect(commands.length).toBeGreaterThan(0)
    expect(commands.length).toBeLessThanOrEqual(10)
    for (const command of commands) {
      expect(command.title.length).toBeLessThanOrEqual(32)
      expect(command.description.length).toBeLessThanOrEqual(128)
    }
  })

  it('ships a 192×192 color icon and a 32×32 outline icon', async () => {
    expect(await pngSize('color.png')).toEqual([192, 192])
    expect(await pngSize('outline.png')).toEqual([32, 32])
  })
})
