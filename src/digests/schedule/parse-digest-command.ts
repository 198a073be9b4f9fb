/**
 * `digest …` as an admin types it in chat ("digest weekly monday 8:00 here", "resumo diário 7h30 aqui para a região
 * Sul"), read into what to do: schedule a digest (a cron, the period it covers, scope names, the language), preview,
 * list, turn off, or help. Pure — no database, no clock: scope names are resolved and the schedule validated by the
 * caller. A command it cannot read gets one message saying what is wrong and an example that works, in the language
 * the admin wrote in.
 */
import type { Language } from '../../semantic/semantic-model.js'
import type { DigestPeriodKind } from '../digest-contract.js'

export type DigestFrequency = 'daily' | 'weekly' | 'monthly'

/** A region or category as written ("Sul", "South", "Notebooks"); `kind` when the admin said which it is. */
export interface DigestScopeName {
  readonly name: string
  readonly kind?: 'region' | 'category'
}

export interface CreateDigestCommand {
  readonly kind: 'create'
  readonly frequency: DigestFrequency
  /** Five-field cron, read in the schedule's time zone: '0 8 * * 1' for Mondays 08:00. */
  readonly cron: string
  readonly period: DigestPeriodKind
  readonly hour: number
  readonly minute: number
  /** Weekly: 0 = Sunday … 6 = Saturday. */
  readonly weekday?: number
  /** Monthly: 1–28. */
  readonly dayOfMonth?: number
  /** Empty: the whole company. */
  readonly scope: readonly DigestScopeName[]
  /** What the digest is written in: as asked ("in portuguese"), else the language of the command. */
  readonly language: Language
}

export type DigestCommand =
  | CreateDigestCommand
  | { readonly kind: 'preview'; readonly scheduleId?: number }
  | { readonly kind: 'list' }
  | { readonly kind: 'off'; readonly scheduleId?: number }
  | { readonly kind: 'help' }

export type ParsedDigestCommand =
  | { readonly ok: true; readonly command: DigestCommand; readonly replyLanguage: Language }
  | {
      readonly ok: false
      readonly replyLanguage: Language
      /** What is wrong, in the reply language, e.g. "“25:00” is not a time of day: …". */
      readonly message: string
      /** A command that works, without the chat's slash command: "digest weekly monday 8:00 here". */
      readonly example: string
    }

export interface ParseDigestOptions {
  /** The language when the words do not say (the user's chat locale). */
  readonly defaultLanguage: Language
}

/** Words that start a digest command. "resumo" is also how a question may start, so see isDigestCommand. */
const englishKeyword = 'digest'
const portugueseKeyword = 'resumo'
const keywords = new Set([englishKeyword, 'digests', portugueseKeyword, 'resumos'])

const subcommands = {
  help: ['help', 'ajuda', '?'],
  preview: ['preview', 'previa', 'pre-visualizar', 'visualizar'],
  list: ['list', 'ls', 'lista', 'listar'],
  off: ['off', 'stop', 'delete', 'remove', 'cancel', 'desligar', 'parar', 'remover', 'apagar', 'cancelar', 'desativar'],
  daily: ['daily', 'diario', 'diaria'],
  weekly: ['weekly', 'semanal'],
  monthly: ['monthly', 'mensal'],
} as const
type Subcommand = keyof typeof subcommands
const subcommandOf = (word: string): Subcommand | undefined => (Object.keys(subcommands) as Subcommand[]).find((s) => (subcommands[s] as readonly string[]).includes(word))

/** Words only a Portuguese speaker types here: they make the replies (and, unless told otherwise, the digest) Portuguese. */
const portugueseWords = new Set(['resumo', 'resumos', 'ajuda', 'previa', 'visualizar', 'lista', 'listar', 'desligar', 'parar', 'remover', 'apagar', 'cancelar', 'desativar', 'diario', 'diaria', 'semanal', 'mensal', 'aqui', 'para', 'pra'])

const weekdays: Readonly<Record<string, number>> = {
  sunday: 0, sun: 0, domingo: 0, dom: 0,
  monday: 1, mon: 1, segunda: 1, seg: 1,
  tuesday: 2, tue: 2, tues: 2, terca: 2, ter: 2,
  wednesday: 3, wed: 3, quarta: 3, qua: 3,
  thursday: 4, thu: 4, thur: 4, thurs: 4, quinta: 4, qui: 4,
  friday: 5, fri: 5, sexta: 5, sex: 5,
  saturday: 6, sat: 6, sabado: 6, sab: 6,
}

const languageWords: Readonly<Record<string, Language>> = { portuguese: 'pt', portugues: 'pt', pt: 'pt', 'pt-br': 'pt', english: 'en', ingles: 'en', en: 'en' }
/** Filler before a day or a time: "on monday at 8:00", "toda segunda às 8h", "no dia 1". */
const fillers = new Set(['on', 'every', 'at', 'the', 'day', 'as', 'na', 'no', 'toda', 'todo', 'todas', 'todos', 'dia', 'de', '@'])
const scopeStarts = new Set(['for', 'para', 'pra', 'only', 'so', 'da', 'do'])
const articles = new Set(['a', 'o', 'as', 'os', 'the', 'da', 'do', 'de'])
const kindWords: Readonly<Record<string, 'region' | 'category'>> = { region: 'region', regiao: 'region', category: 'category', categoria: 'category' }
/** Scope phrases that mean no scope at all. */
const wholeCompany = new Set(['whole company', 'the whole company', 'company', 'everything', 'all', 'empresa', 'empresa toda', 'toda a empresa', 'a empresa toda', 'tudo'])

const periodOf: Record<DigestFrequency, DigestPeriodKind> = { daily: 'previous_day', weekly: 'previous_week', monthly: 'previous_month' }

const examples: Record<Language, Record<DigestFrequency, string>> = {
  en: { weekly: 'digest weekly monday 8:00 here', daily: 'digest daily 7:30 here for Sul', monthly: 'digest monthly 1 9:00 here' },
  pt: { weekly: 'resumo semanal segunda 8h aqui', daily: 'resumo diário 7h30 aqui para a região Sul', monthly: 'resumo mensal 1 9h aqui' },
}

const messages = {
  en: {
    unknown: (w: string) => `I don't know “${w}” in a digest command: say weekly, daily or monthly to schedule one (or preview, list, off).`,
    weekday: (w: string | undefined) => (w ? `“${w}” is not a day of the week: a weekly digest needs one, e.g. monday.` : 'A weekly digest needs a day of the week, e.g. monday.'),
    dayOfMonth: (w: string | undefined) => (w ? `“${w}” is not a day of the month I can use: say 1 to 28, so every month has it.` : 'A monthly digest needs the day of the month, 1 to 28.'),
    noTime: (w: string | undefined) => (w ? `I expected the time of day where it says “${w}”: write it as 8:00, 07:30 or 8h30 (24-hour).` : 'I need the time of day: write it as 8:00, 07:30 or 8h30 (24-hour).'),
    badTime: (w: string) => `“${w}” is not a time of day: use 8:00, 07:30 or 8h30 (hours 0–23, minutes 0–59).`,
    otherChannel: 'A digest goes to the channel where you type the command: run it in that channel with “here”.',
    emptyScope: (w: string) => `Say which region or category after “${w}”, e.g. for Sul or for Notebooks.`,
    unexpected: (w: string) => `I did not understand “${w}” in a digest command.`,
    badId: (w: string) => `“${w}” is not a digest number; \`digest list\` shows them.`,
    twoLanguages: 'Say the language once: in english or in portuguese.',
  },
  pt: {
    unknown: (w: string) => `Não conheço “${w}” num comando de resumo: diga semanal, diário ou mensal para agendar um (ou prévia, lista, desligar).`,
    weekday: (w: string | undefined) => (w ? `“${w}” não é um dia da semana: um resumo semanal precisa de um, por exemplo segunda.` : 'Um resumo semanal precisa do dia da semana, por exemplo segunda.'),
    dayOfMonth: (w: string | undefined) => (w ? `“${w}” não é um dia do mês que eu possa usar: diga de 1 a 28, para que todo mês tenha esse dia.` : 'Um resumo mensal precisa do dia do mês, de 1 a 28.'),
    noTime: (w: string | undefined) => (w ? `Esperava o horário onde está “${w}”: escreva como 8h, 7h30 ou 08:00 (24 horas).` : 'Preciso do horário: escreva como 8h, 7h30 ou 08:00 (24 horas).'),
    badTime: (w: string) => `“${w}” não é um horário: use 8h, 7h30 ou 08:00 (horas de 0 a 23, minutos de 0 a 59).`,
    otherChannel: 'O resumo vai para o canal onde você digita o comando: rode o comando nesse canal com “aqui”.',
    emptyScope: (w: string) => `Diga qual região ou categoria depois de “${w}”, por exemplo para a região Sul ou para Notebooks.`,
    unexpected: (w: string) => `Não entendi “${w}” no comando de resumo.`,
    badId: (w: string) => `“${w}” não é o número de um resumo; \`resumo lista\` mostra os números.`,
    twoLanguages: 'Diga o idioma uma vez só: em português ou em inglês.',
  },
} satisfies Record<Language, unknown>

interface Word {
  readonly raw: string
  /** Lower-case, accents stripped: "Diário" → "diario". */
  readonly norm: string
}

const normalize = (text: string) => text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()

function wordsOf(text: string): Word[] {
  // A comma separates scope names ("for Sul, Notebooks"): a word of its own.
  return text
    .replace(/,/g, ' , ')
    .split(/\s+/)
    .filter((w) => w !== '')
    .map((raw) => ({ raw, norm: normalize(raw) }))
}

/**
 * Whether a command's text is a digest command. "digest …" always is; "resumo …" only when a digest word follows
 * ("resumo semanal …", "resumo lista"), so "/salesmatrix resumo das vendas de ontem" stays a question.
 */
export function isDigestCommand(text: string): boolean {
  const [first, second] = wordsOf(text)
  if (!first || !keywords.has(first.norm)) return false
  if (first.norm === englishKeyword || first.norm === 'digests') return true
  return second === undefined || subcommandOf(second.norm) !== undefined
}

class CommandProblem extends Error {
  constructor(
    message: string,
    readonly example: string,
  ) {
    super(message)
  }
}

export function parseDigestCommand(text: string, options: ParseDigestOptions): ParsedDigestCommand {
  const all = wordsOf(text)
  const words = all.length && keywords.has(all[0]!.norm) ? all.slice(1) : all
  const replyLanguage: Language = all.some((w) => portugueseWords.has(w.norm)) ? 'pt' : options.defaultLanguage
  try {
    return { ok: true, command: readCommand(words, replyLanguage), replyLanguage }
  } catch (error) {
    if (!(error instanceof CommandProblem)) throw error
    return { ok: false, replyLanguage, message: error.message, example: error.example }
  }
}

function readCommand(words: readonly Word[], language: Language): DigestCommand {
  const say = messages[language]
  const [first, ...rest] = words
  if (!first) return { kind: 'help' }
  const subcommand = subcommandOf(first.norm)
  switch (subcommand) {
    case undefined:
      throw new CommandProblem(say.unknown(first.raw), examples[language].weekly)
    case 'help':
    case 'list':
      if (rest.length) throw new CommandProblem(say.unexpected(rest[0]!.raw), examples[language].weekly)
      return { kind: subcommand }
    case 'preview':
    case 'off': {
      const id = scheduleIdOf(rest, language)
      return { kind: subcommand, ...(id !== undefined ? { scheduleId: id } : {}) }
    }
    default:
      return readSchedule(subcommand, rest, language)
  }
}

/** "12", "#12" or nothing. */
function scheduleIdOf(words: readonly Word[], language: Language): number | undefined {
  if (!words.length) return undefined
  const [word, extra] = words
  const match = /^#?(\d{1,9})$/.exec(word!.norm)
  if (!match) throw new CommandProblem(messages[language].badId(word!.raw), language === 'pt' ? 'resumo desligar 12' : 'digest off 12')
  if (extra) throw new CommandProblem(messages[language].unexpected(extra.raw), language === 'pt' ? 'resumo desligar 12' : 'digest off 12')
  return Number(match[1])
}

function readSchedule(frequency: DigestFrequency, words: readonly Word[], replyLanguage: Language): CreateDigestCommand {
  const say = messages[replyLanguage]
  const example = examples[replyLanguage][frequency]
  // "in #sales", "<#C0123|sales>": only the channel the command is typed in can be the destination.
  if (words.some((w) => /^(<#|#[^\d])/.test(w.norm))) throw new CommandProblem(say.otherChannel, example)
  let i = 0
  const skipFillers = () => {
    while (i < words.length && fillers.has(words[i]!.norm)) i++
  }

  let weekday: number | undefined
  let dayOfMonth: number | undefined
  if (frequency === 'weekly') {
    skipFillers()
    weekday = weekdayOf(words[i]?.norm)
    if (weekday === undefined) throw new CommandProblem(say.weekday(words[i]?.raw), example)
    i++
    // "segunda feira", "segundas-feiras": the "feira" is part of the day.
    if (/^feiras?$/.test(words[i]?.norm ?? '')) i++
  }
  if (frequency === 'monthly') {
    skipFillers()
    const match = /^(\d{1,2})(st|nd|rd|th|o|º|°|ª)?$/.exec(words[i]?.norm ?? '')
    const day = match ? Number(match[1]) : NaN
    if (!(day >= 1 && day <= 28)) throw new CommandProblem(say.dayOfMonth(words[i]?.raw), example)
    dayOfMonth = day
    i++
  }

  skipFillers()
  const time = timeOf(words[i], words[i + 1])
  if (time === undefined) throw new CommandProblem(say.noTime(words[i]?.raw), example)
  if (time === 'invalid') throw new CommandProblem(say.badTime(words[i]!.raw), example)
  i += time.words

  const scope: DigestScopeName[] = []
  let language: Language | undefined
  while (i < words.length) {
    const word = words[i]!
    if (word.norm === 'here' || word.norm === 'aqui' || word.norm === ',') {
      i++
    } else if ((word.norm === 'this' || word.norm === 'neste' || word.norm === 'nesse') && /^(channel|canal)$/.test(words[i + 1]?.norm ?? '')) {
      i += 2
    } else if (word.norm === 'in' && /^(this|the)$/.test(words[i + 1]?.norm ?? '') && words[i + 2]?.norm === 'channel') {
      i += 3
    } else if ((word.norm === 'in' || word.norm === 'em') && words[i + 1] && languageWords[words[i + 1]!.norm]) {
      if (language) throw new CommandProblem(say.twoLanguages, example)
      language = languageWords[words[i + 1]!.norm]
      i += 2
    } else if (scopeStarts.has(word.norm)) {
      const end = scopeEnd(words, i + 1)
      const names = scopeNamesOf(words.slice(i + 1, end))
      if (names === undefined) throw new CommandProblem(say.emptyScope(word.raw), example)
      scope.push(...names)
      i = end
    } else {
      throw new CommandProblem(say.unexpected(word.raw), example)
    }
  }

  const { hour, minute } = time
  const cron = frequency === 'weekly' ? `${minute} ${hour} * * ${weekday}` : frequency === 'monthly' ? `${minute} ${hour} ${dayOfMonth} * *` : `${minute} ${hour} * * *`
  return {
    kind: 'create',
    frequency,
    cron,
    period: periodOf[frequency],
    hour,
    minute,
    ...(weekday !== undefined ? { weekday } : {}),
    ...(dayOfMonth !== undefined ? { dayOfMonth } : {}),
    scope,
    language: language ?? replyLanguage,
  }
}

function weekdayOf(word: string | undefined): number | undefined {
  if (!word) return undefined
  // "segunda-feira", "mondays", "segundas".
  const day = word.split('-')[0]!.replace(/\.$/, '')
  return weekdays[day] ?? (day.endsWith('s') ? weekdays[day.slice(0, -1)] : undefined)
}

/**
 * A time of day, and how many words it took: "8:00", "07:30", "8h", "8h30", "8am", "8:30pm", "8 am". A bare number
 * ("8") is not one — in "monthly 1 9:00" numbers are days too. 'invalid': shaped like a time, but no such time.
 */
function timeOf(word: Word | undefined, next: Word | undefined): { hour: number; minute: number; words: number } | 'invalid' | undefined {
  if (!word) return undefined
  const meridiemWord = next && /^(am|pm|a\.m\.|p\.m\.)$/.test(next.norm) ? next.norm[0] : undefined
  const shaped = /^(\d{1,2})(?::(\d{1,2})|h(\d{1,2})?)?(am|pm)?$/.exec(word.norm)
  if (!shaped) return /^\d{1,2}[:h]\S*$/.test(word.norm) ? 'invalid' : undefined
  const [, h, colonMinutes, hMinutes, meridiemSuffix] = shaped
  const hasMark = word.norm.includes(':') || word.norm.includes('h') || meridiemSuffix !== undefined || meridiemWord !== undefined
  if (!hasMark) return undefined
  const minutesText = colonMinutes ?? hMinutes
  // "8:5" is a typo, not 08:05.
  if (minutesText !== undefined && minutesText.length !== 2) return 'invalid'
  let hour = Number(h)
  const minute = minutesText === undefined ? 0 : Number(minutesText)
  const meridiem = meridiemSuffix?.[0] ?? meridiemWord
  if (meridiem) {
    if (hour < 1 || hour > 12) return 'invalid'
    hour = (hour % 12) + (meridiem === 'p' ? 12 : 0)
  }
  if (hour > 23 || minute > 59) return 'invalid'
  return { hour, minute, words: meridiemWord && !meridiemSuffix ? 2 : 1 }
}

/** A scope phrase runs until "here", a language ("in portuguese") or the end. */
function scopeEnd(words: readonly Word[], from: number): number {
  let end = from
  while (end < words.length) {
    const w = words[end]!.norm
    if (w === 'here' || w === 'aqui') break
    if ((w === 'in' || w === 'em') && words[end + 1] && languageWords[words[end + 1]!.norm]) break
    end++
  }
  return end
}

/**
 * "a região Sul" → Sul (region); "the South region" → South (region); "Notebooks, Sul" → two names; "the whole
 * company" → none (an empty list); nothing at all → undefined.
 */
function scopeNamesOf(words: readonly Word[]): DigestScopeName[] | undefined {
  const groups: Word[][] = [[]]
  for (const word of words) {
    if (word.norm === ',') groups.push([])
    else groups.at(-1)!.push(word)
  }
  const names: DigestScopeName[] = []
  for (const group of groups) {
    let parts = group
    while (parts.length && articles.has(parts[0]!.norm)) parts = parts.slice(1)
    let kind = parts.length ? kindWords[parts[0]!.norm] : undefined
    if (kind) {
      parts = parts.slice(1)
      while (parts.length && articles.has(parts[0]!.norm)) parts = parts.slice(1)
    } else if (parts.length > 1 && kindWords[parts.at(-1)!.norm]) {
      kind = kindWords[parts.at(-1)!.norm]
      parts = parts.slice(0, -1)
    }
    if (!parts.length) continue
    const name = parts.map((p) => p.raw).join(' ')
    if (wholeCompany.has(normalize(group.map((p) => p.raw).join(' ')))) continue
    names.push({ name, ...(kind ? { kind } : {}) })
  }
  if (!names.length && !groups.some((g) => wholeCompany.has(normalize(g.map((p) => p.raw).join(' '))))) return undefined
  return names
}
