/**
 * Reads the period a forecast question is about, and its grain, relative to `today`. Unlike parse-time-range.ts,
 * which reads history and stops every range at today, this reads periods still running or ahead:
 * - "next 3 months", "próximos 30 dias", "next 8 weeks": that many whole units after the current one (the engine
 *   handles the current, partial unit); the horizon counts them;
 * - "next quarter", "mês que vem", "tomorrow": the following unit;
 * - "this quarter", "do trimestre", "até o fim do ano", "end of the month": the current unit, whole;
 * - "Q4", "dezembro", "4º trimestre", "H1 2027", "2027": the named period; without a year, the next one not yet over.
 * Pure: no clock, no I/O; word patterns from match-word-pattern.ts with the time parser's slot readers.
 */
import type { Language } from '../semantic/semantic-model.js'
import { calendarDays, type Day } from './calendar-days.js'
import { compileWordPattern, matchWordPattern, slotValue, type PatternMatch } from './match-word-pattern.js'
import { partName } from './parse-time-range.js'
import type { Token } from './tokenize-question.js'
import { timeSlotReaders, type MonthYear, type PartOfYear, type PeriodUnit } from './time-vocabulary.js'

export type ForecastGrain = 'day' | 'week' | 'month'

export interface ForecastPeriodReading {
  readonly start: Day
  readonly end: Day
  readonly label: string
  /** The unit of the period ("next 3 months" → month); decides the grain when the question names none. */
  readonly unit: PeriodUnit
  /** "next N units": the question counts periods ahead. */
  readonly rolling?: { readonly n: number; readonly unit: PeriodUnit }
  /** Token positions the period used. */
  readonly consumed: readonly number[]
  /** The words as typed, for messages. */
  readonly text: string
}

const monthsPerUnit: Readonly<Partial<Record<PeriodUnit, number>>> = { month: 1, quarter: 3, half: 6, year: 12 }

export function unitStart(day: Day, unit: PeriodUnit): Day {
  if (unit === 'day') return day
  if (unit === 'week') return calendarDays.weekStart(day)
  const { year, month } = calendarDays.parts(day)
  const size = monthsPerUnit[unit]!
  return calendarDays.monthStart(year, Math.floor((month - 1) / size) * size + 1)
}

/** The first day of the unit `n` units after the one starting on `start`. */
export function addUnits(start: Day, unit: PeriodUnit, n: number): Day {
  if (unit === 'day') return start + n
  if (unit === 'week') return start + 7 * n
  return calendarDays.addMonths(start, monthsPerUnit[unit]! * n)
}

const singularUnits = new Set(['day', 'dia', 'week', 'semana', 'month', 'mes', 'quarter', 'trimestre', 'semester', 'semestre', 'half', 'year', 'ano'])
const unitNames: Readonly<Record<Language, Readonly<Record<PeriodUnit, readonly [string, string]>>>> = {
  en: { day: ['day', 'days'], week: ['week', 'weeks'], month: ['month', 'months'], quarter: ['quarter', 'quarters'], half: ['half-year', 'half-years'], year: ['year', 'years'] },
  pt: { day: ['dia', 'dias'], week: ['semana', 'semanas'], month: ['mês', 'meses'], quarter: ['trimestre', 'trimestres'], half: ['semestre', 'semestres'], year: ['ano', 'anos'] },
}
const femininePt = new Set<PeriodUnit>(['week'])

interface Context { readonly today: Day; readonly language: Language; readonly tokens: readonly Token[] }
type Builder = (m: PatternMatch, ctx: Context) => Omit<ForecastPeriodReading, 'consumed' | 'text'> | undefined

const THIS = 'this|current|este|esta|neste|nesta|deste|desta|nesse|nessa|desse|dessa|esse|essa'
const ARTICLE = 'no|na|do|da|o|a|the|of'

const unitOf = (m: PatternMatch) => slotValue<PeriodUnit>(m, 'UNIT')!

/** The named part of a year ("Q4", "dezembro") without a year: the next one not over by today. */
function nextPart(unit: 'month' | 'quarter' | 'half', part: number, year: number | undefined, today: Day, language: Language): Omit<ForecastPeriodReading, 'consumed' | 'text'> {
  const size = monthsPerUnit[unit]!
  const thisYear = calendarDays.parts(today).year
  const at = (y: number) => calendarDays.monthStart(y, (part - 1) * size + 1)
  const y = year ?? (addUnits(at(thisYear), unit, 1) - 1 >= today ? thisYear : thisYear + 1)
  const start = at(y)
  return { start, end: addUnits(start, unit, 1) - 1, unit, label: partName(unit, part, y, language) }
}

function wholeUnit(today: Day, unit: PeriodUnit, offset: number, language: Language): Omit<ForecastPeriodReading, 'consumed' | 'text'> {
  const start = addUnits(unitStart(today, unit), unit, offset)
  return { start, end: addUnits(start, unit, 1) - 1, unit, label: unitLabel(start, unit, language) }
}

function unitLabel(start: Day, unit: PeriodUnit, language: Language): string {
  const { year, month } = calendarDays.parts(start)
  const iso = calendarDays.format(start)
  switch (unit) {
    case 'day':
      return language === 'pt' ? `${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : iso
    case 'week':
      return language === 'pt' ? `semana de ${iso.slice(8, 10)}/${iso.slice(5, 7)}/${iso.slice(0, 4)}` : `week of ${iso}`
    case 'month':
      return partName('month', month, year, language)
    case 'quarter':
      return partName('quarter', Math.floor((month - 1) / 3) + 1, year, language)
    case 'half':
      return partName('half', month <= 6 ? 1 : 2, year, language)
    case 'year':
      return String(year)
  }
}

function rollingLabel(n: number, unit: PeriodUnit, language: Language): string {
  const [one, many] = unitNames[language][unit]
  if (language === 'en') return n === 1 ? `the next ${one}` : `the next ${n} ${many}`
  const feminine = femininePt.has(unit)
  return n === 1 ? `${feminine ? 'a próxima' : 'o próximo'} ${one}` : `${feminine ? 'as próximas' : 'os próximos'} ${n} ${many}`
}

const patterns: ReadonlyArray<{ readonly pattern: ReturnType<typeof compileWordPattern>; readonly build: Builder }> = [
  // "next 3 months", "os próximos 30 dias", "the coming 8 weeks"
  {
    pattern: compileWordPattern('next|coming|upcoming|proximos|proximas|proximo|proxima N UNIT'),
    build: (m, { today, language }) => {
      const n = slotValue<number>(m, 'N')!
      const unit = unitOf(m)
      const start = addUnits(unitStart(today, unit), unit, 1)
      return { start, end: addUnits(start, unit, n) - 1, unit, rolling: { n, unit }, label: rollingLabel(n, unit, language) }
    },
  },
  // "3 months ahead", "3 meses à frente"
  {
    pattern: compileWordPattern('N UNIT a? ahead|frente'),
    build: (m, { today, language }) => {
      const n = slotValue<number>(m, 'N')!
      const unit = unitOf(m)
      const start = addUnits(unitStart(today, unit), unit, 1)
      return { start, end: addUnits(start, unit, n) - 1, unit, rolling: { n, unit }, label: rollingLabel(n, unit, language) }
    },
  },
  // "next quarter", "próximo mês", "no próximo trimestre"
  { pattern: compileWordPattern('next|following|proximo|proxima UNIT'), build: (m, { today, language }) => wholeUnit(today, unitOf(m), 1, language) },
  // "mês que vem", "o trimestre seguinte"
  { pattern: compileWordPattern(`${ARTICLE}? UNIT que vem`), build: (m, { today, language }) => wholeUnit(today, unitOf(m), 1, language) },
  { pattern: compileWordPattern(`${ARTICLE}? UNIT seguinte`), build: (m, { today, language }) => wholeUnit(today, unitOf(m), 1, language) },
  { pattern: compileWordPattern('tomorrow|amanha'), build: (_m, { today, language }) => wholeUnit(today, 'day', 1, language) },
  // "this quarter", "este ano", "o mês atual"
  { pattern: compileWordPattern(`${THIS} UNIT`), build: (m, { today, language }) => wholeUnit(today, unitOf(m), 0, language) },
  { pattern: compileWordPattern(`${ARTICLE}? UNIT atual|corrente|vigente`), build: (m, { today, language }) => wholeUnit(today, unitOf(m), 0, language) },
  // "a meta do trimestre", "até o fim do ano", "the end of the month": a unit after an article is the current one
  {
    pattern: compileWordPattern(`${ARTICLE} UNIT`),
    build: (m, { today, language, tokens }) => (singularUnit(m, tokens) ? wholeUnit(today, unitOf(m), 0, language) : undefined),
  },
  // "year end", "year-end", "month-end"
  { pattern: compileWordPattern(`${ARTICLE}? UNIT end`), build: (m, { today, language, tokens }) => (singularUnit(m, tokens) ? wholeUnit(today, unitOf(m), 0, language) : undefined) },
  // Named quarters and halves: "Q4", "Q1 2027", "4t26", "4º trimestre", "fourth quarter of 2027", "H1", "2º semestre"
  { pattern: compileWordPattern('QUARTER de? YEAR?'), build: (m, { today, language }) => nextPart('quarter', slotValue<PartOfYear>(m, 'QUARTER')!.part, slotValue<number>(m, 'YEAR'), today, language) },
  { pattern: compileWordPattern('QUARTER_YEAR'), build: (m, { today, language }) => { const q = slotValue<PartOfYear>(m, 'QUARTER_YEAR')!; return nextPart('quarter', q.part, q.year, today, language) } },
  { pattern: compileWordPattern('HALF de? YEAR?'), build: (m, { today, language }) => nextPart('half', slotValue<PartOfYear>(m, 'HALF')!.part, slotValue<number>(m, 'YEAR'), today, language) },
  { pattern: compileWordPattern('HALF_YEAR'), build: (m, { today, language }) => { const h = slotValue<PartOfYear>(m, 'HALF_YEAR')!; return nextPart('half', h.part, h.year, today, language) } },
  {
    pattern: compileWordPattern('ORD UNIT of|de? YEAR?'),
    build: (m, { today, language }) => {
      const unit = unitOf(m)
      const part = slotValue<number>(m, 'ORD')!
      if (unit === 'quarter') return nextPart('quarter', part, slotValue<number>(m, 'YEAR'), today, language)
      if (unit === 'half' && part <= 2) return nextPart('half', part, slotValue<number>(m, 'YEAR'), today, language)
      return undefined
    },
  },
  // Named months: "dezembro", "em março de 2027", "December 2026", "12/2026"
  { pattern: compileWordPattern('MONTH de|of? YEAR?'), build: (m, { today, language }) => nextPart('month', slotValue<number>(m, 'MONTH')!, slotValue<number>(m, 'YEAR'), today, language) },
  { pattern: compileWordPattern('MONTH_YEAR'), build: (m, { today, language }) => { const my = slotValue<MonthYear>(m, 'MONTH_YEAR')!; return nextPart('month', my.month, my.year, today, language) } },
  // A year: "2027"
  {
    pattern: compileWordPattern('YEAR'),
    build: (m, { language }) => {
      const year = slotValue<number>(m, 'YEAR')!
      const start = calendarDays.monthStart(year, 1)
      return { start, end: calendarDays.monthStart(year + 1, 1) - 1, unit: 'year', label: unitLabel(start, 'year', language) }
    },
  },
]

/** "do ano", not "dos anos": only a singular unit word after an article is the current unit. */
function singularUnit(m: PatternMatch, tokens: readonly Token[]): boolean {
  const slot = m.slots.find((s) => s.name === 'UNIT')
  return slot !== undefined && singularUnits.has(tokens[slot.index]!.text)
}

/** Every period the words name, left to right, never sharing a word, skipping positions in `skip`. */
export function readForecastPeriods(question: string, tokens: readonly Token[], todayText: string, language: Language, skip: ReadonlySet<number>): ForecastPeriodReading[] {
  const today = calendarDays.parse(todayText)
  if (today === undefined) throw new RangeError(`today must be YYYY-MM-DD, got ${todayText}`)
  const readers = timeSlotReaders(language)
  const found: ForecastPeriodReading[] = []
  const used = new Set(skip)
  for (let i = 0; i < tokens.length; i++) {
    if (used.has(i)) continue
    let best: { end: number; period: Omit<ForecastPeriodReading, 'consumed' | 'text'> } | undefined
    for (const { pattern, build } of patterns) {
      const m = matchWordPattern(pattern, tokens, i, readers, (k) => !used.has(k))
      if (!m || (best && m.end <= best.end)) continue
      const period = build(m, { today, language, tokens })
      if (period) best = { end: m.end, period }
    }
    if (!best) continue
    const consumed: number[] = []
    for (let k = i; k < best.end; k++) {
      consumed.push(k)
      used.add(k)
    }
    found.push({ ...best.period, consumed, text: question.slice(tokens[i]!.start, tokens[best.end - 1]!.end) })
    i = best.end - 1
  }
  return found
}
