/**
 * The in-memory name index behind the entity resolver. Built once from a catalog; matching is synchronous.
 *
 * A span of the question's free words matches a name when
 * - its words equal the name's (after accents, case and a light plural stemmer: "notebook" = "Notebooks",
 *   "regioes" = "regiao"), or an alias of it ("SP", "South", "cartão de crédito", a rep's first name);
 * - its words are a run of words inside a customer, product or category name ("Aurora" in "Hotel Aurora"):
 *   a partial match, which the planner only accepts when the question signals that kind ("cliente Aurora");
 * - it is a typo of a name: same first letter, within `allowedTypos` edits. Trigrams shortlist the
 *   candidates and the edit distance decides.
 */
import { brazilianStates, channelAliases, paymentMethodAliases, regionAliases, segmentAliases, statusAliases } from './entity-aliases.js'
import type { EntityCatalog } from './entity-catalog.js'
import type { EntityCandidate, EntityKind, EntityMention, MentionWord, NameMatch } from './entity-resolver.js'
import { fillerWords, stopWords } from './question-words.js'
import { allowedTypos, editDistance, trigramSimilarity, trigrams } from './text-similarity.js'
import { normalizePhrase, normalizeWord } from './tokenize-question.js'

export interface EntityIndex {
  findMentions(words: readonly MentionWord[]): EntityMention[]
  closestNames(text: string, options?: { readonly kinds?: readonly EntityKind[]; readonly limit?: number }): EntityCandidate[]
  exampleNames(kind: EntityKind, limit: number): string[]
}

interface Entry {
  readonly kind: EntityKind
  readonly value: number | string
  readonly label: string
}

interface Name {
  readonly entry: number
  /** Normalised words joined by single spaces. */
  readonly text: string
  readonly words: readonly string[]
  /** Stemmed words joined: the exact-match key. */
  readonly key: string
  readonly match: NameMatch
  readonly guarded: boolean
  readonly trigrams: ReadonlySet<string>
}

/** Longest span (in words) ever compared with names. */
const MAX_SPAN_WORDS = 8
/** Longest span (in words) checked for typos: long names are copied, not typed. */
const MAX_TYPO_WORDS = 5
/** Partial matches kept per mention; the rest are only counted. */
const MAX_PARTIAL_CANDIDATES = 12

/** Plural endings folded so "notebook" finds "Notebooks" and "regioes" finds "regiao" (both sides alike). */
export function stemWord(word: string): string {
  if (word.length < 4 || /\d/.test(word)) return word
  if (word.endsWith('oes') || word.endsWith('aes')) return `${word.slice(0, -3)}ao`
  if (word.endsWith('eis')) return `${word.slice(0, -3)}el`
  if (/(res|zes|les|ses)$/.test(word)) return word.slice(0, -2)
  if (word.endsWith('ns')) return `${word.slice(0, -2)}m`
  if (word.endsWith('s') && !word.endsWith('ss') && !word.endsWith('us') && !word.endsWith('is')) return word.slice(0, -1)
  return word
}

const stemKey = (words: readonly string[]) => words.map(stemWord).join(' ')

/** Legal forms in company names ("Ltda", "S.A."): no one names a customer by them. */
const legalFormWords = new Set(['ltda', 's', 'a', 'sa', 'me', 'eireli', 'epp'])

/** Two-letter UF codes that are also everyday words in English or Portuguese. */
const commonCodes = new Set(['to', 'am', 'go', 'pa', 'ma', 'se', 'es', 'al', 'ac', 'ce', 'pi', 'ro', 'pe', 'ba', 'ap'])

const isCommonWord = (text: string) => !text.includes(' ') && (stopWords.has(text) || fillerWords.has(text) || commonCodes.has(text))

/** Legal-form and branch suffixes people leave out when naming a customer. */
function shortCustomerName(words: readonly string[]): string[] | undefined {
  const out = [...words]
  let changed = false
  const trailing = [['ltda'], ['s', 'a'], ['sa'], ['me'], ['eireli'], ['epp']]
  for (let again = true; again; ) {
    again = false
    for (const suffix of trailing) {
      if (out.length > suffix.length && suffix.every((w, i) => out[out.length - suffix.length + i] === w)) {
        out.splice(out.length - suffix.length)
        changed = again = true
      }
    }
    // "(2)" and "- Manaus" mark branches with the same name.
    if (out.length > 1 && /^\d+$/.test(out.at(-1)!)) {
      out.pop()
      changed = again = true
    }
  }
  return changed && out.length > 0 ? out : undefined
}

export function createEntityIndex(catalog: EntityCatalog): EntityIndex {
  const entries: Entry[] = []
  const names: Name[] = []
  const byKey = new Map<string, number[]>()
  const byWord = new Map<string, number[]>()
  /** Trigram → names, per first letter: a typo keeps the first letter, so only names starting alike are counted. */
  const byTrigram = new Map<string, Map<string, number[]>>()
  const seenKeys = new Set<string>()
  const partialKinds = new Set<EntityKind>(['customer', 'product', 'category'])
  /** Stop words some names begin with ("são" in São Paulo): a typo of such a name may start with them. */
  const nameOpeners = new Set<string>()

  const addEntry = (kind: EntityKind, value: number | string, label: string) => entries.push({ kind, value, label }) - 1
  const addName = (entry: number, phrase: string, match: NameMatch, guarded?: boolean) => {
    const text = normalizePhrase(phrase)
    if (text === '') return
    const words = text.split(' ')
    const key = stemKey(words)
    if (seenKeys.has(`${entry}|${key}`)) return
    seenKeys.add(`${entry}|${key}`)
    const id = names.push({ entry, text, words, key, match, guarded: guarded ?? isCommonWord(text), trigrams: trigrams(text) }) - 1
    push(byKey, key, id)
    if (partialKinds.has(entries[entry]!.kind) && (match === 'exact' || match === 'alias')) {
      for (const w of new Set(words.filter((x) => !legalFormWords.has(x)).map(stemWord))) push(byWord, w, id)
    }
    if (words.length > 1 && stopWords.has(words[0]!)) nameOpeners.add(words[0]!)
    if (match !== 'last_name' && match !== 'abbreviation') {
      let letter = byTrigram.get(text[0]!)
      if (!letter) byTrigram.set(text[0]!, (letter = new Map()))
      for (const t of names[id]!.trigrams) push(letter, t, id)
    }
  }

  for (const r of catalog.regions) {
    const e = addEntry('region', r.id, r.name)
    addName(e, r.name, 'exact')
    for (const alias of regionAliases[normalizePhrase(r.name)] ?? []) addName(e, alias, 'alias')
  }
  for (const r of catalog.reps) {
    const e = addEntry('rep', r.id, r.name)
    addName(e, r.name, 'exact')
    const words = normalizePhrase(r.name).split(' ')
    if (words.length > 1) {
      addName(e, words[0]!, 'first_name')
      addName(e, words.at(-1)!, 'last_name')
    }
  }
  for (const c of catalog.categories) {
    const e = addEntry('category', c.id, c.name)
    addName(e, c.name, 'exact')
  }
  for (const c of catalog.customers) {
    const e = addEntry('customer', c.id, c.name)
    addName(e, c.name, 'exact')
    const short = shortCustomerName(normalizePhrase(c.name).split(' '))
    if (short) addName(e, short.join(' '), 'alias')
  }
  for (const p of catalog.products) {
    const e = addEntry('product', p.id, p.name)
    addName(e, p.name, 'exact')
  }
  for (const b of catalog.brands) addName(addEntry('brand', b, b), b, 'exact')
  const withAliases = (kind: EntityKind, values: readonly string[], aliases: Readonly<Record<string, readonly string[]>>, label?: (v: string) => string) => {
    for (const v of values) {
      const e = addEntry(kind, v, label ? label(v) : v)
      addName(e, v, 'exact')
      for (const alias of aliases[normalizePhrase(v)] ?? []) addName(e, alias, 'alias')
    }
  }
  withAliases('segment', catalog.segments, segmentAliases)
  withAliases('channel', catalog.channels, channelAliases)
  withAliases('payment_method', catalog.paymentMethods, paymentMethodAliases)
  withAliases('status', catalog.statuses, statusAliases)
  for (const uf of catalog.states) {
    const stateName = brazilianStates[uf.toUpperCase()]
    const e = addEntry('state', uf, stateName ? `${stateName} (${uf})` : uf)
    addName(e, uf, 'abbreviation')
    if (stateName) addName(e, stateName, 'exact')
  }
  for (const city of catalog.cities) addName(addEntry('city', city, city), city, 'exact')

  const candidate = (name: Name, score: number, match: NameMatch, guarded: boolean): EntityCandidate => {
    const entry = entries[name.entry]!
    return { kind: entry.kind, value: entry.value, label: entry.label, score, match, matchedName: name.text, guarded }
  }

  /** The user marked the word as a name: quoted, capitalised mid-sentence, upper-case or accented. */
  const marked = (span: readonly MentionWord[]) =>
    span.every((w) => w.quoted) ||
    span.some((w) => (w.raw !== w.raw.toLowerCase() && !w.sentenceStart) || (w.raw === w.raw.toUpperCase() && /[A-Z]{2}/.test(w.raw)) || normalizeWord(w.raw) !== w.raw.toLowerCase())

  function matchSpan(span: readonly MentionWord[]): { candidates: EntityCandidate[]; more: number } {
    const texts = span.map((w) => w.text)
    const key = stemKey(texts)
    const text = texts.join(' ')
    const isStop = (w: MentionWord) => stopWords.has(w.text) && !w.quoted
    const boundaryOk = (!isStop(span[0]!) || (span.length > 1 && nameOpeners.has(texts[0]!))) && !isStop(span.at(-1)!)
    const best = new Map<number, EntityCandidate>()
    const offer = (name: Name, c: EntityCandidate) => {
      const previous = best.get(name.entry)
      if (!previous || c.score > previous.score) best.set(name.entry, c)
    }

    for (const id of byKey.get(key) ?? []) {
      const name = names[id]!
      const score = name.text === text ? 1 : 0.97
      offer(name, candidate(name, score, name.match, name.guarded && !marked(span)))
    }
    // A lone ordinary word ("fechamos", "total") is never a partial or misspelt name.
    if (!boundaryOk || (span.length === 1 && isCommonWord(text) && !span[0]!.quoted)) return { candidates: sorted(best), more: 0 }

    let more = 0
    // Partial names: the span's words, in order, inside a longer customer/product/category name.
    const spanStems = texts.map(stemWord)
    const meaningful = texts.some((t) => !stopWords.has(t) && !fillerWords.has(t) && t.length >= 3)
    if (meaningful) {
      const lists = spanStems.map((w) => byWord.get(w) ?? [])
      if (lists.every((l) => l.length > 0)) {
        const shortest = lists.reduce((a, b) => (a.length <= b.length ? a : b))
        const partial = new Map<number, EntityCandidate>()
        for (const id of shortest) {
          const name = names[id]!
          if (best.has(name.entry) || partial.has(name.entry) || name.words.length <= span.length) continue
          const stems = name.words.map(stemWord)
          const at = stems.findIndex((_, i) => spanStems.every((s, k) => stems[i + k] === s))
          if (at < 0) continue
          partial.set(name.entry, candidate(name, 0.5 + 0.4 * (text.length / name.text.length), 'partial', true))
        }
        const ranked = [...partial.entries()].sort(([, a], [, b]) => b.score - a.score || a.label.localeCompare(b.label))
        more = Math.max(0, ranked.length - MAX_PARTIAL_CANDIDATES)
        for (const [entry, c] of ranked.slice(0, MAX_PARTIAL_CANDIDATES)) best.set(entry, c)
      }
    }

    // Typos: only for spans long enough to carry one, never over numbers alone.
    const allowed = allowedTypos(text.replace(/ /g, '').length)
    const sameLetter = byTrigram.get(text[0]!)
    if (allowed > 0 && sameLetter && span.length <= MAX_TYPO_WORDS && !/^\d+$/.test(text)) {
      const spanTrigrams = trigrams(text)
      const shared = new Map<number, number>()
      for (const t of spanTrigrams) for (const id of sameLetter.get(t) ?? []) shared.set(id, (shared.get(id) ?? 0) + 1)
      const needed = Math.max(2, Math.ceil(spanTrigrams.size * 0.3))
      for (const [id, count] of shared) {
        if (count < needed) continue
        const name = names[id]!
        const distance = editDistance(text, name.text, allowed)
        if (distance === 0 || distance > allowed) continue
        const score = Math.max(0.5, 0.95 - distance / Math.max(text.length, name.text.length)) - (1 - trigramSimilarity(spanTrigrams, name.trigrams)) * 0.05
        offer(name, candidate(name, score, 'fuzzy', name.guarded && !marked(span)))
      }
    }
    return { candidates: sorted(best), more }
  }

  const sorted = (best: Map<number, EntityCandidate>) => [...best.values()].sort((a, b) => b.score - a.score || a.label.localeCompare(b.label))

  return {
    findMentions(words) {
      const mentions: EntityMention[] = []
      for (let start = 0; start < words.length; start++) {
        if (!words[start]!.free) continue
        for (let end = start + 1; end <= Math.min(words.length, start + MAX_SPAN_WORDS); end++) {
          if (!words[end - 1]!.free) break
          const span = words.slice(start, end)
          // A lone preposition is no name, unless the user marked it ("Pará", not "para").
          if (span.every((w) => stopWords.has(w.text) && !w.quoted) && !marked(span)) continue
          const { candidates, more } = matchSpan(span)
          if (candidates.length > 0) mentions.push({ start, end, candidates, moreCandidates: more })
        }
      }
      return mentions
    },

    closestNames(text, options = {}) {
      const normalized = normalizePhrase(text)
      const target = trigrams(normalized)
      const kinds = options.kinds ? new Set(options.kinds) : undefined
      const scored = new Map<number, number>()
      for (const name of names) {
        const entry = entries[name.entry]!
        if (kinds && !kinds.has(entry.kind)) continue
        if (name.match === 'abbreviation' || name.match === 'last_name') continue
        const distance = editDistance(normalized, name.text, 4)
        const score = Math.max(trigramSimilarity(target, name.trigrams), distance <= 4 ? 1 - distance / Math.max(normalized.length, name.text.length, 1) : 0)
        if (score > (scored.get(name.entry) ?? 0)) scored.set(name.entry, score)
      }
      return [...scored.entries()]
        .filter(([, score]) => score >= 0.2)
        .sort((a, b) => b[1] - a[1])
        .slice(0, options.limit ?? 3)
        .map(([entryId, score]) => {
          const entry = entries[entryId]!
          return { kind: entry.kind, value: entry.value, label: entry.label, score, match: 'fuzzy' as const, matchedName: normalizePhrase(entry.label), guarded: false }
        })
    },

    exampleNames(kind, limit) {
      return entries.filter((e) => e.kind === kind).slice(0, limit).map((e) => e.label)
    },
  }
}

function push<K>(map: Map<K, number[]>, key: K, id: number): void {
  const list = map.get(key)
  if (list) list.push(id)
  else map.set(key, [id])
}
