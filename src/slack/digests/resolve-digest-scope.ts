/**
 * The region and category an admin named in a digest command ("for Sul", "for the South", "para Notebooks",
 * "for Sul and Notebooks"), as ids: exact names, the planner's English names of the regions, singular/plural, then
 * a typo or two — read from the regions and categories tables, which are small.
 */
import type { Kysely } from 'kysely'
import type { Database } from '../../db/schema.js'
import type { DigestScope } from '../../digests/digest-contract.js'
import type { DigestScopeName } from '../../digests/schedule/parse-digest-command.js'
import { regionAliases } from '../../planner/entity-aliases.js'
import { allowedTypos, editDistance } from '../../planner/text-similarity.js'
import { normalizePhrase } from '../../planner/tokenize-question.js'

type ScopeKind = 'region' | 'category'

interface Named {
  readonly kind: ScopeKind
  readonly id: number
  readonly name: string
  /** Normalised names it answers to. */
  readonly keys: readonly string[]
}

export type ScopeResolution =
  | { readonly ok: true; readonly scope: DigestScope }
  | { readonly ok: false; readonly problem: 'unknown'; readonly name: string; readonly kind?: ScopeKind; readonly regions: readonly string[]; readonly categories: readonly string[] }
  | { readonly ok: false; readonly problem: 'twice'; readonly names: readonly [string, string] }

const singular = (key: string) => key.replace(/s\b/g, '')

function findOne(candidates: readonly Named[], text: string, kind: ScopeKind | undefined): Named | undefined {
  const key = normalizePhrase(text)
  const allowed = candidates.filter((c) => !kind || c.kind === kind)
  const exact = allowed.filter((c) => c.keys.includes(key))
  if (exact.length === 1) return exact[0]
  const plural = allowed.filter((c) => c.keys.some((k) => singular(k) === singular(key)))
  if (plural.length === 1) return plural[0]
  // A typo counts only when it points at one name: "Nordest" is Nordeste, but a guess between two is no answer.
  const limit = allowedTypos(key.length)
  const close = allowed.filter((c) => c.keys.some((k) => editDistance(k, key, limit) <= limit))
  return close.length === 1 ? close[0] : undefined
}

/** "Sul and Notebooks", "Sul e Notebooks": two names, when the phrase as a whole names nothing. */
function splitAtConjunction(text: string): [string, string][] {
  const words = text.split(/\s+/)
  const splits: [string, string][] = []
  words.forEach((word, i) => {
    if (i > 0 && i < words.length - 1 && /^(and|e|&|\+)$/i.test(word)) splits.push([words.slice(0, i).join(' '), words.slice(i + 1).join(' ')])
  })
  return splits
}

export async function resolveDigestScope(db: Kysely<Database>, names: readonly DigestScopeName[]): Promise<ScopeResolution> {
  if (!names.length) return { ok: true, scope: {} }
  const [regions, categories] = await Promise.all([
    db.selectFrom('regions').select(['id', 'name']).orderBy('name').execute(),
    db.selectFrom('categories').select(['id', 'name']).orderBy('name').execute(),
  ])
  const candidates: Named[] = [
    ...regions.map((r) => ({ kind: 'region' as const, id: r.id, name: r.name, keys: [normalizePhrase(r.name), ...(regionAliases[normalizePhrase(r.name)] ?? [])] })),
    ...categories.map((c) => ({ kind: 'category' as const, id: c.id, name: c.name, keys: [normalizePhrase(c.name)] })),
  ]

  const found: { named: Named; asWritten: string }[] = []
  for (const { name, kind } of names) {
    const whole = findOne(candidates, name, kind)
    if (whole) {
      found.push({ named: whole, asWritten: name })
      continue
    }
    const pair = splitAtConjunction(name)
      .map(([a, b]) => [findOne(candidates, a, undefined), findOne(candidates, b, undefined), a, b] as const)
      .find(([a, b]) => a && b)
    if (!pair) return { ok: false, problem: 'unknown', name, ...(kind ? { kind } : {}), regions: regions.map((r) => r.name), categories: categories.map((c) => c.name) }
    found.push({ named: pair[0]!, asWritten: pair[2] }, { named: pair[1]!, asWritten: pair[3] })
  }

  const scope: { region?: { id: number; name: string }; category?: { id: number; name: string } } = {}
  const writtenAs: Partial<Record<ScopeKind, string>> = {}
  for (const { named, asWritten } of found) {
    const existing = scope[named.kind]
    if (existing && existing.id !== named.id) return { ok: false, problem: 'twice', names: [writtenAs[named.kind]!, asWritten] }
    scope[named.kind] = { id: named.id, name: named.name }
    writtenAs[named.kind] = asWritten
  }
  return { ok: true, scope }
}
